/*
 * What the page shows of the session: the join form or the chat, the conversation's header and
 * message log, the sidebar's lists, the typing line, the connection banner. These functions draw
 * the session's state; clicks and keys are chat.js's. Everything users wrote is set with
 * textContent, never as HTML.
 */
import { chat, conversation, GENERAL, stopTyping } from "./session.js";
import { keyOf } from "./store.js";

const $ = (id) => document.getElementById(id);

/** The page's elements, by what they are. */
export const ui = {
  banner: $("banner"), joinView: $("join-view"), joinForm: $("join-form"), nickname: $("nickname"),
  joinError: $("join-error"), chatView: $("chat-view"), sidebarToggle: $("sidebar-toggle"),
  title: $("conversation-title"), leaveRoom: $("leave-room"), whoami: $("whoami"), rooms: $("rooms"),
  roomForm: $("room-form"), roomName: $("room-name"), roomError: $("room-error"), online: $("online"),
  dms: $("dms"), noDms: $("no-dms"), log: $("messages"), typing: $("typing"), sendError: $("send-error"),
  composer: $("composer"), message: $("message")
};

// ---- the join form and the chat ----

/** The chat instead of the join form, on the current conversation, the focus in Message. */
export function showChat() {
  ui.joinView.hidden = true;
  ui.chatView.hidden = false;
  show(chat.current);
  ui.message.focus();
}

/** The join form again, with the reason the server gave. */
export function showJoinForm(reason) {
  hideBanner();
  ui.chatView.hidden = true;
  ui.joinView.hidden = false;
  ui.joinError.textContent = reason;
  ui.nickname.focus();
}

// ---- the conversation ----

/** Shows a conversation: its title, its items, its typing line; it is read now. */
export function show(id) {
  stopTyping();
  chat.current = id;
  const c = conversation(id);
  c.unread = 0;
  ui.title.textContent = c.room ? "#" + c.name : "@" + c.name;
  ui.message.placeholder = "Message " + ui.title.textContent;
  ui.leaveRoom.hidden = !c.room || c.name === GENERAL;
  ui.leaveRoom.textContent = "Leave #" + c.name;
  ui.sendError.textContent = "";
  ui.log.replaceChildren(...c.items.map(element));
  ui.log.scrollTop = ui.log.scrollHeight;
  renderTyping();
  renderSidebar();
}

/** Draws the item a conversation just got at that index, if the conversation is shown. */
export function placed(c, at) {
  if (c.id !== chat.current) {
    return;
  }
  const item = c.items[at];
  const next = c.items[at + 1];
  const stick = nearBottom();
  ui.log.insertBefore(element(item), next ? element(next) : null);
  if (stick || keyOf(item.from || "") === chat.key) {
    ui.log.scrollTop = ui.log.scrollHeight;
  }
}

function nearBottom() {
  return ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 80;
}

// the log stays at its newest message when the screen turns or the keyboard opens, unless the
// person scrolled up to read
let pinned = true;
ui.log.addEventListener("scroll", () => { pinned = nearBottom(); });
if (window.ResizeObserver) {
  new ResizeObserver(() => {
    if (pinned) {
      ui.log.scrollTop = ui.log.scrollHeight;
    }
  }).observe(ui.log);
}

/** @return {Element} an item's list element, made once */
function element(item) {
  if (!item.el) {
    const li = document.createElement("li");
    item.el = li;
    if (item.kind === "notice") {
      li.className = "notice";
      li.dataset.kind = "notice";
      li.textContent = item.text;
    } else {
      li.className = "message";
      li.dataset.kind = "message";
      const from = document.createElement("span");
      from.className = "from";
      from.textContent = item.from;
      if (keyOf(item.from) === chat.key) {
        li.classList.add("mine");
      }
      const time = document.createElement("time");
      time.className = "time";
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = item.text;
      const mark = document.createElement("span");
      mark.className = "mark";
      li.append(from, " ", time, " ", text, " ", mark);
    }
  }
  if (item.kind === "message") {
    refresh(item);
  }
  return item.el;
}

/** Brings a message's element up to date: its time, its id, its delivery state and mark. */
export function refresh(item) {
  const li = item.el;
  if (!li) {
    return;
  }
  li.dataset.state = item.state;
  li.dataset.clientOffset = item.clientOffset || "";
  li.dataset.attempts = String(item.attempts);
  if (item.id != null) {
    li.dataset.id = String(item.id);
  }
  const time = li.querySelector(".time");
  if (item.sentAt) {
    const when = new Date(item.sentAt);
    time.dateTime = item.sentAt;
    time.textContent = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  const mine = keyOf(item.from) === chat.key;
  const mark = li.querySelector(".mark");
  if (item.state === "pending") {
    mark.textContent = "sending…";
  } else if (item.state === "failed") {
    mark.textContent = "not sent: " + item.error;
  } else if (mine) {
    mark.textContent = "✓";
    mark.title = "sent";
  } else {
    mark.textContent = "";
  }
  mark.setAttribute("aria-label", item.state === "sent" && mine ? "sent" : mark.textContent);
}

/** The line saying who else is typing in the shown room. */
export function renderTyping() {
  const c = chat ? conversation(chat.current) : null;
  const names = c && c.room && chat.typers.has(c.name) ? Array.from(chat.typers.get(c.name).keys()) : [];
  if (names.length === 0) {
    ui.typing.textContent = "";
  } else if (names.length === 1) {
    ui.typing.textContent = names[0] + " is typing…";
  } else if (names.length === 2) {
    ui.typing.textContent = names[0] + " and " + names[1] + " are typing…";
  } else {
    ui.typing.textContent = "Several people are typing…";
  }
}

// ---- the sidebar: Rooms, Online, Direct messages ----

export function renderSidebar() {
  renderRooms();
  renderOnline();
  renderDms();
}

/**
 * Redraws a list only when what it shows changed: a button replaced between a press and its
 * release loses the click.
 */
function redraw(list, shown, draw) {
  const signature = JSON.stringify(shown);
  if (list.dataset.signature === signature) {
    return;
  }
  list.dataset.signature = signature;
  list.replaceChildren(...draw());
}

/** A list entry: a button with a name, maybe a tag ("join", "offline") and an unread count. */
function entry(label, current, unread, extra) {
  const li = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "entry";
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = label;
  button.append(name);
  if (extra) {
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = extra;
    button.append(" ", tag);
  }
  if (unread > 0) {
    const badge = document.createElement("span");
    badge.className = "unread";
    badge.textContent = String(unread);
    badge.setAttribute("aria-label", unread + " unread");
    button.append(" ", badge);
    li.dataset.unread = String(unread);
  }
  if (current) {
    button.setAttribute("aria-current", "true");
  }
  li.append(button);
  return li;
}

/** Rooms: #general first, each with data-room and data-joined; "join" on those the user is not in. */
export function renderRooms() {
  const names = Array.from(chat.roomList).sort((a, b) => a === GENERAL ? -1 : b === GENERAL ? 1 : a.localeCompare(b));
  const shown = names.map((name) => {
    const c = chat.conversations.get("room:" + name);
    return [name, chat.joined.has(name), "room:" + name === chat.current, c ? c.unread : 0];
  });
  redraw(ui.rooms, shown, () => names.map((name) => {
    const id = "room:" + name;
    const joined = chat.joined.has(name);
    const c = chat.conversations.get(id);
    const li = entry("#" + name, id === chat.current, joined && c ? c.unread : 0, joined ? null : "join");
    li.dataset.room = name;
    li.dataset.joined = String(joined);
    return li;
  }));
}

/** Online: everyone by nickname (data-nickname), the user as "(you)" and not a button. */
export function renderOnline() {
  const users = Array.from(chat.users.entries()).sort((a, b) => a[0].localeCompare(b[0]));
  const shown = users.concat([chat.key, chat.current]);
  redraw(ui.online, shown, () => users.map((user) => {
    let li;
    if (user[0] === chat.key) {
      li = document.createElement("li");
      li.className = "me";
      li.textContent = user[1] + " (you)";
    } else {
      li = entry(user[1], "dm:" + user[0] === chat.current, 0);
    }
    li.dataset.nickname = user[1];
    return li;
  }));
}

/** Direct messages: one entry per conversation (data-nickname), "offline" when its partner is. */
function renderDms() {
  const dms = Array.from(chat.conversations.values()).filter((c) => !c.room);
  ui.noDms.hidden = dms.length > 0;
  const shown = dms.map((c) => [c.id, c.name, c.unread, c.id === chat.current, chat.users.has(c.id.slice(3))]);
  redraw(ui.dms, shown, () => dms.map((c) => {
    const online = chat.users.has(c.id.slice(3));
    const li = entry("@" + c.name, c.id === chat.current, c.unread, online ? null : "offline");
    li.dataset.nickname = c.name;
    return li;
  }));
}

// ---- the banner, the phone's sidebar ----

export function showBanner(text) {
  ui.banner.textContent = text;
  ui.banner.classList.add("shown");
  document.body.classList.add("offline");
}

export function hideBanner() {
  ui.banner.textContent = "";
  ui.banner.classList.remove("shown");
  document.body.classList.remove("offline");
}

/** On a phone, the sidebar shows over the conversation when open. */
export function setSidebar(open) {
  document.body.classList.toggle("sidebar-open", open);
  ui.sidebarToggle.setAttribute("aria-expanded", String(open));
}
