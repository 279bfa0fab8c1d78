/*
 * The messages in the session's conversations. A message from the server (live, in a history, or
 * from this browser's cache) is added once: messages are kept by server id and by client offset,
 * so one that comes live and in a history, or one of this tab's own coming back before its ack,
 * is not shown twice. Each change is drawn at once (view.js) and saved soon (store.js).
 */
import { chat, conversation, conversationOf, GENERAL } from "./session.js";
import { keyOf, saveCache } from "./store.js";
import { placed, renderSidebar } from "./view.js";

function valid(m) {
  return m && typeof m.id === "number" && typeof m.from === "string" && typeof m.text === "string"
      && (typeof m.room === "string" || typeof m.to === "string");
}

/**
 * A message from the server (live, history, cache): added once, by id and by client offset.
 *
 * @param {object} m { id, room | to, from, text, sentAt, clientOffset }
 * @param {{quiet: ?boolean}} options quiet for a history or the cache: no unread count, and a room
 *     the session is not in is only listed
 */
export function receive(m, options) {
  if (!valid(m)) {
    return;
  }
  if (typeof chat.lastSeen !== "number" || m.id > chat.lastSeen) {
    chat.lastSeen = m.id;
  }
  saveSoon();
  if (chat.byId.has(m.id)) {
    return;
  }
  const pending = m.clientOffset ? chat.byOffset.get(m.clientOffset) : null;
  if (pending) { // our own message back before its ack: it has an id now; "sent" waits for the ack
    settle(pending, m);
    return;
  }
  if (m.room && !chat.joined.has(m.room)) {
    if (options.quiet) {
      chat.roomList.add(m.room);
    } else { // another tab of ours joined it: every tab of a user is in the same rooms
      chat.joined.add(m.room);
      chat.roomList.add(m.room);
    }
  }
  const item = {
    kind: "message", id: m.id, room: m.room, to: m.to, from: m.from, text: m.text, sentAt: m.sentAt,
    clientOffset: m.clientOffset, state: "sent", attempts: 0
  };
  chat.byId.set(m.id, item);
  if (m.clientOffset) {
    chat.byOffset.set(m.clientOffset, item);
  }
  const c = conversation(conversationOf(m));
  place(c, item);
  if (c.id !== chat.current && !options.quiet && keyOf(m.from) !== chat.key) {
    c.unread++;
  }
  renderSidebar();
}

/**
 * A message of this tab's, shown as pending (no id, no time yet) at the end of its conversation.
 *
 * @param {string} conversationId "room:<name>" or "dm:<key>"
 * @return {object} the item, with its room or its to
 */
export function pending(conversationId, text, clientOffset) {
  const c = conversation(conversationId);
  const item = {
    kind: "message", id: null, from: chat.nickname, text: text, sentAt: null, clientOffset: clientOffset,
    state: "pending", attempts: 0
  };
  if (c.room) {
    item.room = c.name;
  } else {
    item.to = c.name;
  }
  chat.byOffset.set(clientOffset, item);
  place(c, item);
  return item;
}

/** Gives a pending message of ours its id and moves it among the others by id. */
export function settle(item, m) {
  item.id = m.id;
  item.sentAt = m.sentAt || item.sentAt;
  chat.byId.set(m.id, item);
  const c = conversation(conversationOf(m));
  const at = c.items.indexOf(item);
  if (at >= 0) {
    c.items.splice(at, 1);
  }
  place(c, item);
  saveSoon();
}

/** Inserts an item in id order; pending messages (no id yet) stay last, notices before them. */
function place(c, item) {
  let at = c.items.length;
  for (let i = 0; i < c.items.length; i++) {
    const other = c.items[i];
    const pendingOther = other.kind === "message" && other.id == null;
    if (item.kind === "message" && item.id == null) {
      continue; // a new pending message goes last
    }
    if (pendingOther || (item.kind === "message" && other.kind === "message" && other.id > item.id)) {
      at = i;
      break;
    }
  }
  c.items.splice(at, 0, item);
  placed(c, at);
}

/** A line in #general such as "Bob joined". */
export function notice(text) {
  place(conversation("room:" + GENERAL), { kind: "notice", text: text });
}

// ---- this browser's cache of what the session saw ----

export function saveSoon() {
  if (!chat.saveTimer) {
    chat.saveTimer = setTimeout(saveNow, 250);
  }
}

/** Saves the session's messages, highest id and rooms now (also when the page goes away). */
export function saveNow() {
  if (!chat) {
    return;
  }
  clearTimeout(chat.saveTimer);
  chat.saveTimer = null;
  const messages = [];
  chat.byId.forEach((item) => messages.push(wire(item)));
  saveCache(chat.key, chat.lastSeen, Array.from(chat.joined), messages);
}

/** @return {object} a message as the server sends it */
function wire(item) {
  const m = { id: item.id, from: item.from, text: item.text, sentAt: item.sentAt, clientOffset: item.clientOffset };
  if (item.room) {
    m.room = item.room;
  } else {
    m.to = item.to;
  }
  return m;
}
