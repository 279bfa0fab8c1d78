/*
 * What this browser remembers of the chat. localStorage is shared by the browser's tabs: the
 * userId (one user for all of them), the nickname used last, per nickname the messages seen with
 * the highest id (the cache), and the outbox of messages sent but not acknowledged yet.
 * sessionStorage is this tab's: the nickname it joined as, so that a reload rejoins. No DOM and no
 * socket here.
 */

const USER_ID = "jakartio.chat.userId";
const NICKNAME = "jakartio.chat.nickname";
const CACHE = "jakartio.chat.cache.";
const CACHE_SIZE = 300;
const OUTBOX = "jakartio.chat.outbox.";

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

/** This page among the browser's tabs, a new one at each load: the page sending an outbox entry. */
export const tabId = randomId(4);

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

/**
 * The outbox of a user (userId and nickname): the messages its tabs sent and no ack has answered
 * yet, kept until the ack comes, so that a reload or a closed tab does not lose them. One
 * localStorage item per message, jakartio.chat.outbox.<clientOffset>, holding
 * { userId, key, clientOffset, room | to, text, createdAt, seq, tab }: tabs adding and removing
 * entries at the same time cannot lose each other's, as they could rewriting one list. An entry's
 * tab is the page sending it (tabId), or null once that page has gone.
 *
 * @param {string} user the userId
 * @param {string} key the nickname's key (keyOf)
 */
export function outbox(user, key) {
  const ours = (e) => e !== null && typeof e === "object" && e.userId === user && e.key === key
      && typeof e.clientOffset === "string" && typeof e.text === "string"
      && (typeof e.room === "string" || typeof e.to === "string");
  const read = (item) => {
    try {
      return JSON.parse(localStorage.getItem(item));
    } catch (e) {
      return null; // damaged: not ours
    }
  };
  const write = (entry) => {
    try {
      localStorage.setItem(OUTBOX + entry.clientOffset, JSON.stringify(entry));
    } catch (e) { /* storage full or off: the message is still sent while this page is open */ }
  };
  return {
    /** @return {object[]} the user's entries, oldest first */
    entries() {
      const found = [];
      for (let i = 0; i < localStorage.length; i++) {
        const item = localStorage.key(i);
        const entry = item && item.indexOf(OUTBOX) === 0 ? read(item) : null;
        if (ours(entry)) {
          found.push(entry);
        }
      }
      return found.sort((a, b) => a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq);
    },
    /** Adds a message this page sends (or takes over), this page being its sender. */
    put(message) {
      write(Object.assign({}, message, { userId: user, key: key, tab: tabId }));
    },
    /** Forgets a message: the server answered it. */
    remove(clientOffset) {
      localStorage.removeItem(OUTBOX + clientOffset);
    },
    /** This page is going: its entries are anyone's, for another tab of the user to send. */
    release() {
      this.entries().filter((e) => e.tab === tabId).forEach((e) => write(Object.assign(e, { tab: null })));
    },
    /**
     * @param {StorageEvent} event a change another tab made to localStorage
     * @return {?object} the entry it released, if it is this user's
     */
    released(event) {
      if (!event.key || event.key.indexOf(OUTBOX) !== 0 || !event.newValue) {
        return null;
      }
      try {
        const entry = JSON.parse(event.newValue);
        return ours(entry) && entry.tab === null ? entry : null;
      } catch (e) {
        return null;
      }
    }
  };
}
