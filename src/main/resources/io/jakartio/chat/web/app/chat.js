/*
 * The full chat's page (issue 15): namespace /chat of the Jakartio server, wire contract in
 * docs/CHAT.md. Plain JavaScript modules over the official client (/socket.io/socket.io.js):
 *
 *   chat.js        this file: the page's wiring (forms, buttons, keys), joining, rejoining after a reload
 *   connection.js  the socket: connecting, the server's events, sending until acknowledged, rooms
 *   messages.js    the messages in the conversations, each once; the cache of what was seen
 *   view.js        what the page shows of the session
 *   session.js     the session's state: rooms, people, conversations; "typing" notices sent
 *   store.js       what this browser remembers: userId, nicknames, the cache, the outbox
 *
 * Delivery, both ways:
 * - server delivery: every message has a server id; the page remembers the highest one it has
 *   seen (serverOffset, with the messages, in localStorage per nickname) and sends it in the
 *   CONNECT auth, so a reconnection or a reload receives only what it missed;
 * - client delivery: each message carries a client offset and is emitted with an ack; it shows as
 *   pending until the ack, and is emitted again with the same offset while no ack came (the server
 *   stores an offset once), so it is never shown twice: messages are kept by id and by offset.
 *   Until its ack it is also kept in the outbox, in localStorage per userId and nickname: a
 *   reload shows it again as pending and sends it again, and when a tab closes, another open tab
 *   of the user takes over its unsent messages.
 *
 * Everything users write is put in the page with textContent, never as HTML.
 */
import { connect, joinRoom, leaveRoom, resume, send } from "./connection.js";
import { receive, saveNow } from "./messages.js";
import { begin, chat, conversation, GENERAL, MAX_TEXT, ROOM_NAME, stopTyping, typing } from "./session.js";
import { keyOf, lastNickname, loadCache, tabNickname } from "./store.js";
import { setSidebar, show, ui } from "./view.js";

// ---- joining ----

ui.nickname.value = lastNickname();
ui.joinForm.addEventListener("submit", (event) => {
  event.preventDefault();
  join(ui.nickname.value);
});

/**
 * Joins as a nickname: what this browser saw as it shows at once, then its unsent messages, to be
 * sent again once connected; the server sends what was missed.
 */
function join(typed) {
  const nickname = String(typed).trim().normalize("NFC");
  ui.joinError.textContent = "";
  if (chat) {
    chat.outbox.release();
    chat.socket.disconnect();
  }
  const cache = loadCache(keyOf(nickname));
  const session = begin(nickname, cache);
  cache.messages.forEach((m) => receive(m, { quiet: true }));
  connect(session);
  resume(session.outbox.entries());
}

// a reload or a closed tab keeps what it had seen up to the last moment, and leaves its unsent
// messages to the user's other tabs (and to itself after a reload)
window.addEventListener("pagehide", () => {
  saveNow();
  if (chat) {
    chat.outbox.release();
  }
});

// another tab of the user released its unsent messages: this one sends them
window.addEventListener("storage", (event) => {
  const entry = chat ? chat.outbox.released(event) : null;
  if (entry) {
    resume([entry]);
  }
});

// ---- the conversation: sending, typing ----

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.message.value.trim();
  ui.sendError.textContent = "";
  if (!chat || !text) {
    return;
  }
  if (text.length > MAX_TEXT) {
    ui.sendError.textContent = "message too long (" + MAX_TEXT + " characters at most)";
    return;
  }
  ui.message.value = "";
  stopTyping();
  send(chat.current, text);
});

ui.message.addEventListener("input", () => {
  if (!chat || !chat.socket.connected) {
    return;
  }
  const c = conversation(chat.current);
  if (!c.room || !ui.message.value.trim()) {
    stopTyping();
    return;
  }
  typing(c.name);
});

ui.leaveRoom.addEventListener("click", () => {
  const c = conversation(chat.current);
  if (c.room && c.name !== GENERAL) {
    leaveRoom(c.name);
  }
});

// ---- the sidebar: the lists are redrawn as events arrive, so their clicks are handled here ----

function open(id) {
  show(id);
  setSidebar(false);
  ui.message.focus();
}

/** @return {?DOMStringMap} the data of the list entry whose button was clicked */
function clicked(event) {
  const button = event.target.closest("button");
  return chat && button ? button.closest("li").dataset : null;
}

ui.rooms.addEventListener("click", (event) => {
  const entry = clicked(event);
  if (!entry) {
    return;
  }
  const name = entry.room;
  if (chat.joined.has(name)) {
    open("room:" + name);
  } else {
    joinRoom(name, () => {
      setSidebar(false);
      ui.message.focus();
    });
  }
});

ui.online.addEventListener("click", (event) => {
  const entry = clicked(event);
  if (entry) {
    const id = "dm:" + keyOf(entry.nickname);
    conversation(id).name = entry.nickname;
    open(id);
  }
});

ui.dms.addEventListener("click", (event) => {
  const entry = clicked(event);
  if (entry) {
    open("dm:" + keyOf(entry.nickname));
  }
});

ui.roomForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = ui.roomName.value.trim().replace(/^#/, "");
  ui.roomError.textContent = "";
  if (!ROOM_NAME.test(name)) {
    ui.roomError.textContent = "a room name is 1 to 32 letters, digits, - or _";
    return;
  }
  joinRoom(name.toLowerCase(), () => { ui.roomName.value = ""; });
});

ui.sidebarToggle.addEventListener("click", () => {
  setSidebar(!document.body.classList.contains("sidebar-open"));
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && document.body.classList.contains("sidebar-open")) {
    setSidebar(false);
    ui.sidebarToggle.focus();
  }
});

// for the curious, and for the browser tests: the current session's socket
window.jakartioChat = {
  get socket() { return chat ? chat.socket : null; }
};

// a reload of a tab that had joined comes back as the same nickname, asking only for what it missed
const rejoin = tabNickname();
if (rejoin) {
  join(rejoin);
} else {
  ui.nickname.focus();
}
