/*
 * What this browser remembers of the chat. localStorage is shared by the browser's tabs: the
 * userId (one user for all of them), the nickname used last, and per nickname the messages seen
 * with the highest id (the cache). sessionStorage is this tab's: the nickname it joined as, so that
 * a reload rejoins. No DOM and no socket here.
 */

const USER_ID = "jakartio.chat.userId";
const NICKNAME = "jakartio.chat.nickname";
const CACHE = "jakartio.chat.cache.";
const CACHE_SIZE = 300;

/** A nickname as the server compares it: trimmed, Unicode NFC, lower case. */
export function keyOf(nickname) {
  return String(nickname).trim().normalize("NFC").toLowerCase();
}

/** @return {string} that many random bytes in hex (default 16) */
export function randomId(size) {
  const bytes = new Uint8Array(size || 16);
  crypto.getRandomValues(bytes); // also outside secure contexts, unlike crypto.randomUUID
  return Array.prototype.map.call(bytes, (b) => (b + 256).toString(16).slice(1)).join("");
}

/** All tabs of this browser share one userId: they are the same user under one nickname. */
export function userId() {
  let id = localStorage.getItem(USER_ID);
  if (!id) {
    id = randomId();
    localStorage.setItem(USER_ID, id);
  }
  return id;
}

/** @return {string} the nickname this browser joined with last, for the join form ("" if none) */
export function lastNickname() {
  return localStorage.getItem(NICKNAME) || "";
}

/** @return {string|null} the nickname this tab joined as, if it did: a reload joins again */
export function tabNickname() {
  return sessionStorage.getItem(NICKNAME);
}

/** Remembers a nickname the server accepted, for this browser's join form and this tab's reloads. */
export function rememberNickname(nickname) {
  localStorage.setItem(NICKNAME, nickname);
  sessionStorage.setItem(NICKNAME, nickname);
}

/** After a refusal: a reload of this tab shows the join form again. */
export function forgetTabNickname() {
  sessionStorage.removeItem(NICKNAME);
}

/**
 * @param {string} key a nickname's key (keyOf)
 * @return {{offset: ?number, rooms: string[], messages: object[]}} what this browser saw as that
 *     nickname: the highest message id, the rooms, the last messages (as the server sent them)
 */
export function loadCache(key) {
  try {
    const saved = JSON.parse(localStorage.getItem(CACHE + key) || "null");
    if (saved && Array.isArray(saved.messages) && Array.isArray(saved.rooms)) {
      return saved;
    }
  } catch (e) { /* a damaged cache is forgotten */ }
  return { offset: null, rooms: [], messages: [] };
}

/**
 * Saves what a tab saw as a nickname. Other tabs of the same nickname write here too: the cache
 * keeps the union of what they have seen, and the highest id any of them saw.
 */
export function saveCache(key, offset, rooms, messages) {
  const saved = loadCache(key);
  const byId = new Map();
  saved.messages.concat(messages).forEach((m) => byId.set(m.id, m));
  const kept = Array.from(byId.values()).sort((a, b) => a.id - b.id).slice(-CACHE_SIZE);
  const highest = Math.max(saved.offset || 0, offset || 0);
  try {
    localStorage.setItem(CACHE + key, JSON.stringify({ offset: highest || null, rooms: rooms, messages: kept }));
  } catch (e) { /* storage full: the next connection asks for more history, no harm */ }
}
