/*
 * The session's socket on namespace /chat (wire contract in docs/CHAT.md), over the official
 * client's global io:
 * - connecting with the nickname, the userId, the rooms and the highest message id seen
 *   (serverOffset), read again at every reconnection, so the server sends only what was missed;
 * - the server's events, into the session;
 * - client delivery: each message of this tab is emitted with a client offset and an ack, and
 *   emitted again with the same offset while no ack came (the server stores an offset once);
 *   meanwhile it waits in the outbox (store.js), from which a reload, or another tab when this
 *   one closes, takes it to send it again;
 * - the requests that are answered by an ack: join room, leave room.
 */
import {
  ACK_TIMEOUT, chat, conversation, end, GENERAL, isOpen, ROOM_NAME, TYPING_EXPIRY
} from "./session.js";
import { forgetTabNickname, keyOf, rememberNickname, tabId } from "./store.js";
import { notice, pending, receive, saveSoon, settle } from "./messages.js";
import {
  hideBanner, refresh, renderOnline, renderRooms, renderSidebar, renderTyping, show, showBanner, showChat,
  showJoinForm, ui
} from "./view.js";

/** Opens the session's socket; what it receives goes to the session while it is the page's. */
export function connect(session) {
  const socket = io("/chat", {
    // a function: read again at every (re)connection, so the server sends only what was missed
    auth: (cb) => {
      const auth = { nickname: session.nickname, userId: session.userId, rooms: Array.from(session.joined) };
      if (typeof session.lastSeen === "number") {
        auth.serverOffset = session.lastSeen;
      }
      cb(auth);
    }
  });
  session.socket = socket;
  listen(socket, session);
}

function listen(socket, session) {
  const mine = (handler) => (...args) => {
    if (chat === session) {
      handler(...args);
    }
  };
  // Who is online: the session's list is a snapshot the server takes once this socket is
  // connected, so a "user joined" or "user left" sent after that moment may arrive before the
  // session itself; those are held and applied on top of it, never lost under it.
  let held = null;
  const onPresence = (e, online) => {
    if (held) {
      held.push([e, online]);
    } else {
      presence(e, online);
    }
  };
  socket.on("connect", mine(() => {
    chat.kickDelay = 1000;
    held = [];
    hideBanner();
  }));
  socket.on("connect_error", mine((err) => {
    if (!socket.active) { // refused by the server's middleware: the reason is for the person
      refused(err && err.message ? err.message : "could not join");
    } else {
      showBanner("Cannot reach the chat server. Retrying…");
    }
  }));
  socket.on("disconnect", mine((reason) => {
    if (reason === "io client disconnect") {
      return;
    }
    showBanner("Connection lost. Reconnecting…");
    if (reason === "io server disconnect") {
      // the server let go of us (a restart, a node leaving): the client does not retry by itself
      const delay = chat.kickDelay;
      chat.kickDelay = Math.min(delay * 2, 30000);
      setTimeout(mine(() => socket.connect()), delay);
    }
  }));
  socket.io.on("reconnect_attempt", mine((attempt) => {
    showBanner("Connection lost. Reconnecting (attempt " + attempt + ")…");
  }));
  socket.on("session", mine((session) => {
    onSession(session);
    const early = held || [];
    held = null;
    early.forEach(([e, online]) => presence(e, online));
  }));
  socket.on("history", mine((messages) => {
    if (Array.isArray(messages)) {
      messages.forEach((m) => receive(m, { quiet: true }));
    }
  }));
  socket.on("chat message", mine((m) => receive(m, {})));
  socket.on("private message", mine((m) => receive(m, {})));
  socket.on("room created", mine((e) => {
    if (e && typeof e.room === "string") {
      chat.roomList.add(e.room);
      renderRooms();
    }
  }));
  socket.on("rooms", mine(onRooms));
  socket.on("user joined", mine((e) => onPresence(e, true)));
  socket.on("user left", mine((e) => onPresence(e, false)));
  socket.on("typing", mine((e) => typingNotice(e, true)));
  socket.on("stop typing", mine((e) => typingNotice(e, false)));
}

/** The server's middleware refused the nickname: the join form again, with its reason. */
function refused(reason) {
  const socket = chat.socket;
  chat.outbox.release();
  end();
  socket.off();
  socket.disconnect();
  forgetTabNickname();
  showJoinForm(reason);
}

function onSession(session) {
  if (!session || typeof session.nickname !== "string") {
    return;
  }
  chat.nickname = session.nickname; // as the server normalised it
  if (Array.isArray(session.rooms)) {
    chat.joined = new Set(session.rooms);
  }
  if (Array.isArray(session.roomList)) {
    session.roomList.forEach((r) => chat.roomList.add(r));
  }
  chat.joined.forEach((r) => {
    chat.roomList.add(r);
    conversation("room:" + r);
  });
  chat.users = new Map();
  (session.users || []).forEach((nick) => chat.users.set(keyOf(nick), nick));
  ui.whoami.textContent = chat.nickname; // another tab's spelling, if the user was online already
  rememberNickname(chat.nickname); // and a reload of this tab rejoins
  if (!chat.welcomed) {
    chat.welcomed = true;
    showChat();
  }
  if (!chat.conversations.has(chat.current) || !isOpen(chat.current)) {
    show("room:" + GENERAL);
  }
  renderSidebar();
  saveSoon();
}

/** The user's rooms after one of its tabs joined or left one: every tab shows the same. */
function onRooms(e) {
  if (!e || !Array.isArray(e.rooms)) {
    return;
  }
  chat.joined = new Set(e.rooms.filter((r) => typeof r === "string" && ROOM_NAME.test(r)));
  chat.joined.add(GENERAL);
  chat.joined.forEach((r) => {
    chat.roomList.add(r);
    conversation("room:" + r);
  });
  if (!isOpen(chat.current)) {
    show("room:" + GENERAL); // this tab showed the room another tab left
  }
  renderSidebar();
  saveSoon();
}

function presence(e, online) {
  if (!e || typeof e.nickname !== "string") {
    return;
  }
  const key = keyOf(e.nickname);
  if (online) {
    if (!chat.users.has(key)) {
      notice(e.nickname + " joined");
    }
    chat.users.set(key, e.nickname);
  } else if (chat.users.delete(key)) {
    notice(e.nickname + " left");
  }
  renderOnline();
}

function typingNotice(e, typing) {
  if (!e || typeof e.room !== "string" || typeof e.nickname !== "string" || keyOf(e.nickname) === chat.key) {
    return;
  }
  let typers = chat.typers.get(e.room);
  if (!typers) {
    typers = new Map();
    chat.typers.set(e.room, typers);
  }
  clearTimeout(typers.get(e.nickname));
  typers.delete(e.nickname);
  if (typing) {
    typers.set(e.nickname, setTimeout(() => {
      typers.delete(e.nickname);
      renderTyping();
    }, TYPING_EXPIRY));
  }
  renderTyping();
}

// ---- client delivery ----

/**
 * Sends a message to a conversation: shown as pending now, as sent when the server's ack comes,
 * and in the outbox until then.
 */
export function send(conversationId, text) {
  const seq = chat.counter++;
  // this user's tabs share its userId: the tab's id and its counter tell their messages apart
  const clientOffset = chat.userId + "-" + tabId + "-" + Date.now().toString(36) + "-" + seq.toString(36);
  const item = pending(conversationId, text, clientOffset);
  chat.outbox.put({
    clientOffset: clientOffset, room: item.room, to: item.to, text: text, createdAt: new Date().toISOString(), seq: seq
  });
  deliver(chat, item);
}

/**
 * Takes over messages from the outbox and sends them: this page's before a reload, those of a tab
 * that has closed, and at a join also those of another open tab of the user (which is then
 * sending them too: the server stores a client offset once and acks both, and a tab keeps its
 * messages by client offset, so it is at worst sent twice, never shown twice).
 *
 * @param {object[]} entries the outbox's entries, oldest first
 */
export function resume(entries) {
  entries.forEach((entry) => {
    const known = chat.byOffset.get(entry.clientOffset);
    if (known) {
      if (known.state === "sent") { // stored: it came back (live or in a history) before its ack
        chat.outbox.remove(entry.clientOffset);
      }
      return; // or this page is sending it already
    }
    const id = entry.room ? "room:" + entry.room : "dm:" + keyOf(entry.to);
    if (!entry.room) {
      conversation(id).name = entry.to;
    }
    chat.outbox.put(entry);
    deliver(chat, pending(id, entry.text, entry.clientOffset));
  });
}

/** Emits until acknowledged: the same client offset each time, so the server stores it once. */
function deliver(session, item) {
  const socket = session.socket;
  const event = item.room ? "chat message" : "private message";
  const payload = item.room
      ? { room: item.room, text: item.text, clientOffset: item.clientOffset }
      : { to: item.to, text: item.text, clientOffset: item.clientOffset };
  let pause = 500;
  const attempt = () => {
    if (chat !== session) {
      return;
    }
    if (!socket.connected) {
      socket.once("connect", attempt);
      return;
    }
    item.attempts++;
    refresh(item);
    socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload).then((ack) => {
      if (chat !== session) {
        return;
      }
      session.outbox.remove(item.clientOffset); // answered: stored, or refused for good
      if (ack && ack.ok === true && typeof ack.id === "number") {
        item.state = "sent";
        if (item.id == null) {
          settle(item, { id: ack.id, room: item.room, to: item.to, from: item.from, sentAt: item.sentAt });
        }
        refresh(item);
        return;
      }
      item.state = "failed";
      item.error = ack && typeof ack.error === "string" ? ack.error : "refused";
      ui.sendError.textContent = item.error;
      refresh(item);
      if (/^you are not in #/.test(item.error) && item.room) { // another tab left the room
        chat.joined.delete(item.room);
        renderSidebar();
      }
    }, () => {
      // no ack in time, or the connection went with it unanswered: the same message again
      setTimeout(attempt, socket.connected ? pause : 0);
      pause = Math.min(pause * 2, 8000);
    });
  };
  attempt();
}

// ---- rooms ----

/**
 * Joins a room (every tab of the user does) and shows it with its last messages.
 *
 * @param {function} done called once joined
 */
export function joinRoom(name, done) {
  if (!chat) {
    return;
  }
  askAboutRoom("join room", name, ui.roomError, "could not join #" + name, (ack) => {
    chat.joined.add(ack.room);
    chat.roomList.add(ack.room);
    conversation("room:" + ack.room);
    (ack.history || []).forEach((m) => receive(m, { quiet: true }));
    show("room:" + ack.room);
    saveSoon();
    if (done) {
      done();
    }
  });
}

/** Leaves a room (every tab of the user does) and shows #general. */
export function leaveRoom(name) {
  askAboutRoom("leave room", name, ui.sendError, "could not leave #" + name, () => {
    chat.joined.delete(name);
    show("room:" + GENERAL);
    saveSoon();
  });
}

/**
 * Sends a room event and waits for its ack: on `{ ok: true }` runs `answered` with it, otherwise shows the
 * error (or `refused`, or that no answer came) in `errorLine`; nothing if the page left the chat
 * meanwhile.
 */
function askAboutRoom(event, name, errorLine, refused, answered) {
  const session = chat;
  chat.socket.timeout(ACK_TIMEOUT).emitWithAck(event, { room: name }).then((ack) => {
    if (chat !== session) {
      return;
    }
    if (!ack || ack.ok !== true) {
      errorLine.textContent = ack && ack.error ? ack.error : refused;
      return;
    }
    answered(ack);
  }, () => {
    if (chat === session) {
      errorLine.textContent = "no answer from the server; try again";
    }
  });
}
