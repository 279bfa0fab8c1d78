/*
 * The chat session: what one join of a nickname knows (its rooms, the people online, the
 * conversations and their items, messages by server id and by client offset, the typing notices,
 * its outbox) and the one session the page has at a time. No DOM here: view.js draws a session,
 * connection.js and messages.js change it.
 */
import { keyOf, outbox, userId } from "./store.js";

export const ACK_TIMEOUT = 5000;
export const TYPING_RESEND = 2000; // a "typing" notice at most this often while typing
export const TYPING_IDLE = 3000; // "stop typing" after this long without a keystroke
export const TYPING_EXPIRY = 3500; // someone else's notice is forgotten after this long
export const MAX_TEXT = 2000;
export const GENERAL = "general";
export const ROOM_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** The page's current session; null before joining and after a refusal. Only begin and end change it. */
export let chat = null;

/**
 * Starts the page's session as a nickname.
 *
 * @param {string} nickname as typed, trimmed and NFC
 * @param {{offset: ?number, rooms: string[]}} cache what this browser remembers of it
 * @return {object} the new session, chat from now on
 */
export function begin(nickname, cache) {
  const key = keyOf(nickname);
  const user = userId();
  chat = {
    key: key, nickname: nickname, userId: user, socket: null, welcomed: false, outbox: outbox(user, key),
    joined: new Set(cache.rooms.indexOf(GENERAL) < 0 ? [GENERAL].concat(cache.rooms) : cache.rooms),
    roomList: new Set([GENERAL]), users: new Map(), conversations: new Map(), current: "room:" + GENERAL,
    byId: new Map(), byOffset: new Map(), lastSeen: cache.offset, typers: new Map(), typingSent: 0,
    typingRoom: null, typingTimer: null, saveTimer: null, counter: 0, kickDelay: 1000
  };
  conversation("room:" + GENERAL);
  return chat;
}

/** Ends the page's session (its socket is the caller's to close). */
export function end() {
  chat = null;
}

// ---- conversations: "room:<name>" and "dm:<nickname key>" ----

/** @return {object} the conversation with that id, created empty if new */
export function conversation(id) {
  let c = chat.conversations.get(id);
  if (!c) {
    const room = id.indexOf("room:") === 0;
    c = { id: id, room: room, name: id.slice(room ? 5 : 3), unread: 0, items: [] };
    chat.conversations.set(id, c);
  }
  return c;
}

/** @return {boolean} whether the conversation can be shown: a direct one, or a room the user is in */
export function isOpen(id) {
  return id.indexOf("dm:") === 0 || chat.joined.has(id.slice(5));
}

/** @return {string} the id of a message's conversation: its room, or the other one of a direct message */
export function conversationOf(m) {
  if (m.room) {
    return "room:" + m.room;
  }
  const partner = keyOf(m.from) === chat.key ? m.to : m.from;
  const c = conversation("dm:" + keyOf(partner));
  c.name = partner;
  return c.id;
}

// ---- what this tab tells the room while the person types ----

/** A keystroke in a room's message field: "typing" at most every TYPING_RESEND, "stop typing" when idle. */
export function typing(room) {
  const now = Date.now();
  if (chat.typingRoom !== room || now - chat.typingSent > TYPING_RESEND) {
    chat.typingRoom = room;
    chat.typingSent = now;
    chat.socket.emit("typing", { room: room });
  }
  clearTimeout(chat.typingTimer);
  chat.typingTimer = setTimeout(stopTyping, TYPING_IDLE);
}

/** "stop typing" to the room this tab said it was typing in, if any. */
export function stopTyping() {
  if (!chat || !chat.typingRoom) {
    return;
  }
  clearTimeout(chat.typingTimer);
  chat.socket.emit("stop typing", { room: chat.typingRoom });
  chat.typingRoom = null;
  chat.typingSent = 0;
}
