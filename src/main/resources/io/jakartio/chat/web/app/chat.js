/*
 * The full chat's page (issue 15): namespace /chat of the Jakartio server, wire contract in
 * docs/CHAT.md. Plain JavaScript over the official client (/socket.io/socket.io.js).
 *
 * Delivery, both ways:
 * - server delivery: every message has a server id; the page remembers the highest one it has
 *   seen (serverOffset, with the messages, in localStorage per nickname) and sends it in the
 *   CONNECT auth, so a reconnection or a reload receives only what it missed;
 * - client delivery: each message carries a client offset and is emitted with an ack; it shows as
 *   pending until the ack, and is emitted again with the same offset while no ack came (the server
 *   stores an offset once), so it is never shown twice: messages are kept by id and by offset.
 *
 * Everything users write is put in the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var ACK_TIMEOUT = 5000;
  var TYPING_RESEND = 2000; // a "typing" notice at most this often while typing
  var TYPING_IDLE = 3000; // "stop typing" after this long without a keystroke
  var TYPING_EXPIRY = 3500; // someone else's notice is forgotten after this long
  var CACHE_SIZE = 300;
  var MAX_TEXT = 2000;
  var GENERAL = "general";
  var ROOM_NAME = /^[A-Za-z0-9_-]{1,32}$/;

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    banner: $("banner"), joinView: $("join-view"), joinForm: $("join-form"), nickname: $("nickname"),
    joinError: $("join-error"), chatView: $("chat-view"), sidebarToggle: $("sidebar-toggle"),
    title: $("conversation-title"), leaveRoom: $("leave-room"), whoami: $("whoami"), rooms: $("rooms"),
    roomForm: $("room-form"), roomName: $("room-name"), roomError: $("room-error"), online: $("online"),
    dms: $("dms"), noDms: $("no-dms"), log: $("messages"), typing: $("typing"), sendError: $("send-error"),
    composer: $("composer"), message: $("message")
  };

  /** The whole page's state; one chat session at a time. */
  var chat = null;

  // ---- identity ---------------------------------------------------------------------------

  function keyOf(nickname) {
    return String(nickname).trim().normalize("NFC").toLowerCase();
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // also outside secure contexts, unlike crypto.randomUUID
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  /** All tabs of this browser share one userId: they are the same user under one nickname. */
  function userId() {
    var id = localStorage.getItem("jakartio.chat.userId");
    if (!id) {
      id = randomId();
      localStorage.setItem("jakartio.chat.userId", id);
    }
    return id;
  }

  // ---- what this browser remembers of a nickname: messages seen, the highest id, the rooms ----

  function cacheKey(key) { return "jakartio.chat.cache." + key; }

  function loadCache(key) {
    try {
      var saved = JSON.parse(localStorage.getItem(cacheKey(key)) || "null");
      if (saved && Array.isArray(saved.messages) && Array.isArray(saved.rooms)) {
        return saved;
      }
    } catch (e) { /* a damaged cache is forgotten */ }
    return { offset: null, rooms: [GENERAL], messages: [] };
  }

  function saveCacheSoon() {
    if (!chat.saveTimer) {
      chat.saveTimer = setTimeout(saveCache, 250);
    }
  }

  function saveCache() {
    if (!chat) {
      return;
    }
    clearTimeout(chat.saveTimer);
    chat.saveTimer = null;
    // other tabs of the same nickname write here too: keep the union of what both have seen
    var saved = loadCache(chat.key);
    var byId = new Map();
    saved.messages.concat(storedMessages()).forEach(function (m) { byId.set(m.id, m); });
    var messages = Array.from(byId.values()).sort(function (a, b) { return a.id - b.id; }).slice(-CACHE_SIZE);
    var offset = Math.max(saved.offset || 0, chat.lastSeen || 0);
    try {
      localStorage.setItem(cacheKey(chat.key), JSON.stringify({
        offset: offset || null, rooms: Array.from(chat.joined), messages: messages
      }));
    } catch (e) { /* storage full: the next connection asks for more history, no harm */ }
  }

  // a reload or a closed tab keeps what it had seen up to the last moment
  window.addEventListener("pagehide", saveCache);

  function storedMessages() {
    var list = [];
    chat.byId.forEach(function (item) { list.push(wire(item)); });
    return list;
  }

  function wire(item) {
    var m = { id: item.id, from: item.from, text: item.text, sentAt: item.sentAt, clientOffset: item.clientOffset };
    if (item.room) { m.room = item.room; } else { m.to = item.to; }
    return m;
  }

  // ---- joining ------------------------------------------------------------------------------

  ui.nickname.value = localStorage.getItem("jakartio.chat.nickname") || "";
  ui.joinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    join(ui.nickname.value);
  });

  function join(typed) {
    var nickname = String(typed).trim().normalize("NFC");
    ui.joinError.textContent = "";
    if (chat) {
      chat.socket.disconnect();
    }
    var key = keyOf(nickname);
    var cache = loadCache(key);
    chat = {
      key: key, nickname: nickname, userId: userId(), socket: null, welcomed: false,
      joined: new Set(cache.rooms.indexOf(GENERAL) < 0 ? [GENERAL].concat(cache.rooms) : cache.rooms),
      roomList: new Set([GENERAL]), users: new Map(), conversations: new Map(), current: "room:" + GENERAL,
      byId: new Map(), byOffset: new Map(), lastSeen: cache.offset, typers: new Map(), typingSent: 0,
      typingRoom: null, typingTimer: null, saveTimer: null, outbox: 0, kickDelay: 1000
    };
    conversation("room:" + GENERAL);
    cache.messages.forEach(function (m) { receive(m, { quiet: true }); });

    var session = chat;
    var socket = io("/chat", {
      // a function: read again at every (re)connection, so the server sends only what was missed
      auth: function (cb) {
        var auth = { nickname: session.nickname, userId: session.userId, rooms: Array.from(session.joined) };
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
    var mine = function (handler) {
      return function () {
        if (chat === session) {
          handler.apply(null, arguments);
        }
      };
    };
    socket.on("connect", mine(function () {
      chat.kickDelay = 1000;
      hideBanner();
    }));
    socket.on("connect_error", mine(function (err) {
      if (!socket.active) { // refused by the server's middleware: the reason is for the person
        refused(err && err.message ? err.message : "could not join");
      } else {
        showBanner("Cannot reach the chat server. Retrying…");
      }
    }));
    socket.on("disconnect", mine(function (reason) {
      if (reason === "io client disconnect") {
        return;
      }
      showBanner("Connection lost. Reconnecting…");
      if (reason === "io server disconnect") {
        // the server let go of us (a restart, a node leaving): the client does not retry by itself
        var delay = chat.kickDelay;
        chat.kickDelay = Math.min(delay * 2, 30000);
        setTimeout(mine(function () { socket.connect(); }), delay);
      }
    }));
    socket.io.on("reconnect_attempt", mine(function (attempt) {
      showBanner("Connection lost. Reconnecting (attempt " + attempt + ")…");
    }));
    socket.on("session", mine(onSession));
    socket.on("history", mine(function (messages) {
      if (Array.isArray(messages)) {
        messages.forEach(function (m) { receive(m, { quiet: true }); });
      }
    }));
    socket.on("chat message", mine(function (m) { receive(m, {}); }));
    socket.on("private message", mine(function (m) { receive(m, {}); }));
    socket.on("room created", mine(function (e) {
      if (e && typeof e.room === "string") {
        chat.roomList.add(e.room);
        renderRooms();
      }
    }));
    socket.on("rooms", mine(onRooms));
    socket.on("user joined", mine(function (e) { presence(e, true); }));
    socket.on("user left", mine(function (e) { presence(e, false); }));
    socket.on("typing", mine(function (e) { typingNotice(e, true); }));
    socket.on("stop typing", mine(function (e) { typingNotice(e, false); }));
  }

  function refused(reason) {
    var socket = chat.socket;
    chat = null;
    socket.off();
    socket.disconnect();
    sessionStorage.removeItem("jakartio.chat.nickname");
    hideBanner();
    ui.chatView.hidden = true;
    ui.joinView.hidden = false;
    ui.joinError.textContent = reason;
    ui.nickname.focus();
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
      session.roomList.forEach(function (r) { chat.roomList.add(r); });
    }
    chat.joined.forEach(function (r) { chat.roomList.add(r); conversation("room:" + r); });
    chat.users = new Map();
    (session.users || []).forEach(function (nick) { chat.users.set(keyOf(nick), nick); });
    ui.whoami.textContent = chat.nickname; // another tab's spelling, if the user was online already
    localStorage.setItem("jakartio.chat.nickname", chat.nickname);
    sessionStorage.setItem("jakartio.chat.nickname", chat.nickname); // a reload of this tab rejoins
    if (!chat.welcomed) {
      chat.welcomed = true;
      ui.joinView.hidden = true;
      ui.chatView.hidden = false;
      show(chat.current);
      ui.message.focus();
    }
    if (!chat.conversations.has(chat.current) || !isOpen(chat.current)) {
      show("room:" + GENERAL);
    }
    renderSidebar();
    saveCacheSoon();
  }

  /** The user's rooms after one of its tabs joined or left one: every tab shows the same. */
  function onRooms(e) {
    if (!e || !Array.isArray(e.rooms)) {
      return;
    }
    chat.joined = new Set(e.rooms.filter(function (r) { return typeof r === "string" && ROOM_NAME.test(r); }));
    chat.joined.add(GENERAL);
    chat.joined.forEach(function (r) { chat.roomList.add(r); conversation("room:" + r); });
    if (!isOpen(chat.current)) {
      show("room:" + GENERAL); // this tab showed the room another tab left
    }
    renderSidebar();
    saveCacheSoon();
  }

  // ---- conversations and messages -----------------------------------------------------------

  function conversation(id) {
    var c = chat.conversations.get(id);
    if (!c) {
      var room = id.indexOf("room:") === 0;
      c = { id: id, room: room, name: id.slice(room ? 5 : 3), unread: 0, items: [] };
      chat.conversations.set(id, c);
    }
    return c;
  }

  function isOpen(id) {
    return id.indexOf("dm:") === 0 || chat.joined.has(id.slice(5));
  }

  function conversationOf(m) {
    if (m.room) {
      return "room:" + m.room;
    }
    var partner = keyOf(m.from) === chat.key ? m.to : m.from;
    var c = conversation("dm:" + keyOf(partner));
    c.name = partner;
    return c.id;
  }

  function valid(m) {
    return m && typeof m.id === "number" && typeof m.from === "string" && typeof m.text === "string"
        && (typeof m.room === "string" || typeof m.to === "string");
  }

  /** A message from the server (live, history, cache): added once, by id and by client offset. */
  function receive(m, options) {
    if (!valid(m)) {
      return;
    }
    if (typeof chat.lastSeen !== "number" || m.id > chat.lastSeen) {
      chat.lastSeen = m.id;
    }
    saveCacheSoon();
    if (chat.byId.has(m.id)) {
      return;
    }
    var pending = m.clientOffset ? chat.byOffset.get(m.clientOffset) : null;
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
    var item = {
      kind: "message", id: m.id, room: m.room, to: m.to, from: m.from, text: m.text, sentAt: m.sentAt,
      clientOffset: m.clientOffset, state: "sent", attempts: 0
    };
    chat.byId.set(m.id, item);
    if (m.clientOffset) {
      chat.byOffset.set(m.clientOffset, item);
    }
    var c = conversation(conversationOf(m));
    place(c, item);
    if (c.id !== chat.current && !options.quiet && keyOf(m.from) !== chat.key) {
      c.unread++;
    }
    renderSidebar();
  }

  /** Gives a pending message of ours its id and moves it among the others by id. */
  function settle(item, m) {
    item.id = m.id;
    item.sentAt = m.sentAt || item.sentAt;
    chat.byId.set(m.id, item);
    var c = conversation(conversationOf(m));
    var at = c.items.indexOf(item);
    if (at >= 0) {
      c.items.splice(at, 1);
    }
    place(c, item);
    saveCacheSoon();
  }

  /** Inserts an item in id order; pending messages (no id yet) stay last, notices before them. */
  function place(c, item) {
    var at = c.items.length;
    for (var i = 0; i < c.items.length; i++) {
      var other = c.items[i];
      var pendingOther = other.kind === "message" && other.id == null;
      if (item.kind === "message" && item.id == null) {
        continue; // a new pending message goes last
      }
      if (pendingOther || (item.kind === "message" && other.kind === "message" && other.id > item.id)) {
        at = i;
        break;
      }
    }
    c.items.splice(at, 0, item);
    if (c.id === chat.current) {
      var next = c.items[at + 1];
      var stick = nearBottom();
      ui.log.insertBefore(element(item), next ? element(next) : null);
      if (stick || keyOf(item.from || "") === chat.key) {
        ui.log.scrollTop = ui.log.scrollHeight;
      }
    }
  }

  function nearBottom() {
    return ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 80;
  }

  // the log stays at its newest message when the screen turns or the keyboard opens, unless the
  // person scrolled up to read
  var pinned = true;
  ui.log.addEventListener("scroll", function () { pinned = nearBottom(); });
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (pinned) {
        ui.log.scrollTop = ui.log.scrollHeight;
      }
    }).observe(ui.log);
  }

  function notice(text) {
    place(conversation("room:" + GENERAL), { kind: "notice", text: text });
  }

  function element(item) {
    if (!item.el) {
      var li = document.createElement("li");
      item.el = li;
      if (item.kind === "notice") {
        li.className = "notice";
        li.dataset.kind = "notice";
        li.textContent = item.text;
      } else {
        li.className = "message";
        li.dataset.kind = "message";
        var from = document.createElement("span");
        from.className = "from";
        from.textContent = item.from;
        if (keyOf(item.from) === chat.key) {
          li.classList.add("mine");
        }
        var time = document.createElement("time");
        time.className = "time";
        var text = document.createElement("span");
        text.className = "text";
        text.textContent = item.text;
        var mark = document.createElement("span");
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
  function refresh(item) {
    var li = item.el;
    if (!li) {
      return;
    }
    li.dataset.state = item.state;
    li.dataset.clientOffset = item.clientOffset || "";
    li.dataset.attempts = String(item.attempts);
    if (item.id != null) {
      li.dataset.id = String(item.id);
    }
    var time = li.querySelector(".time");
    if (item.sentAt) {
      var when = new Date(item.sentAt);
      time.dateTime = item.sentAt;
      time.textContent = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    }
    var mark = li.querySelector(".mark");
    if (item.state === "pending") {
      mark.textContent = "sending…";
    } else if (item.state === "failed") {
      mark.textContent = "not sent: " + item.error;
    } else if (keyOf(item.from) === chat.key) {
      mark.textContent = "✓";
      mark.title = "sent";
    } else {
      mark.textContent = "";
    }
    mark.setAttribute("aria-label", item.state === "sent" && keyOf(item.from) === chat.key ? "sent" : mark.textContent);
  }

  // ---- sending ----------------------------------------------------------------------------

  ui.composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = ui.message.value.trim();
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

  function send(conversationId, text) {
    var c = conversation(conversationId);
    var clientOffset = chat.userId + "-" + Date.now().toString(36) + "-" + (chat.outbox++).toString(36);
    var item = {
      kind: "message", id: null, from: chat.nickname, text: text, sentAt: null, clientOffset: clientOffset,
      state: "pending", attempts: 0
    };
    var event, payload;
    if (c.room) {
      item.room = c.name;
      event = "chat message";
      payload = { room: c.name, text: text, clientOffset: clientOffset };
    } else {
      item.to = c.name;
      event = "private message";
      payload = { to: c.name, text: text, clientOffset: clientOffset };
    }
    chat.byOffset.set(clientOffset, item);
    place(c, item);
    deliver(chat, item, event, payload);
  }

  /** Emits until acknowledged: the same client offset each time, so the server stores it once. */
  function deliver(session, item, event, payload) {
    var socket = session.socket;
    var pause = 500;
    var attempt = function () {
      if (chat !== session) {
        return;
      }
      if (!socket.connected) {
        socket.once("connect", attempt);
        return;
      }
      item.attempts++;
      refresh(item);
      socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload).then(function (ack) {
        if (chat !== session) {
          return;
        }
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
      }, function () {
        // no ack in time, or the connection went with it unanswered: the same message again
        setTimeout(attempt, socket.connected ? pause : 0);
        pause = Math.min(pause * 2, 8000);
      });
    };
    attempt();
  }

  // ---- typing ----------------------------------------------------------------------------

  ui.message.addEventListener("input", function () {
    if (!chat || !chat.socket.connected) {
      return;
    }
    var c = conversation(chat.current);
    if (!c.room || !ui.message.value.trim()) {
      stopTyping();
      return;
    }
    var now = Date.now();
    if (chat.typingRoom !== c.name || now - chat.typingSent > TYPING_RESEND) {
      chat.typingRoom = c.name;
      chat.typingSent = now;
      chat.socket.emit("typing", { room: c.name });
    }
    clearTimeout(chat.typingTimer);
    chat.typingTimer = setTimeout(stopTyping, TYPING_IDLE);
  });

  function stopTyping() {
    if (!chat || !chat.typingRoom) {
      return;
    }
    clearTimeout(chat.typingTimer);
    chat.socket.emit("stop typing", { room: chat.typingRoom });
    chat.typingRoom = null;
    chat.typingSent = 0;
  }

  function typingNotice(e, typing) {
    if (!e || typeof e.room !== "string" || typeof e.nickname !== "string" || keyOf(e.nickname) === chat.key) {
      return;
    }
    var typers = chat.typers.get(e.room);
    if (!typers) {
      typers = new Map();
      chat.typers.set(e.room, typers);
    }
    clearTimeout(typers.get(e.nickname));
    typers.delete(e.nickname);
    if (typing) {
      typers.set(e.nickname, setTimeout(function () {
        typers.delete(e.nickname);
        renderTyping();
      }, TYPING_EXPIRY));
    }
    renderTyping();
  }

  function renderTyping() {
    var c = chat ? conversation(chat.current) : null;
    var names = c && c.room && chat.typers.has(c.name) ? Array.from(chat.typers.get(c.name).keys()) : [];
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

  // ---- presence ----------------------------------------------------------------------------

  function presence(e, online) {
    if (!e || typeof e.nickname !== "string") {
      return;
    }
    var key = keyOf(e.nickname);
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

  // ---- rooms -------------------------------------------------------------------------------

  ui.roomForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = ui.roomName.value.trim().replace(/^#/, "");
    ui.roomError.textContent = "";
    if (!ROOM_NAME.test(name)) {
      ui.roomError.textContent = "a room name is 1 to 32 letters, digits, - or _";
      return;
    }
    joinRoom(name.toLowerCase(), function () { ui.roomName.value = ""; });
  });

  function joinRoom(name, done) {
    if (!chat) {
      return;
    }
    var session = chat;
    chat.socket.timeout(ACK_TIMEOUT).emitWithAck("join room", { room: name }).then(function (ack) {
      if (chat !== session) {
        return;
      }
      if (!ack || ack.ok !== true) {
        ui.roomError.textContent = ack && ack.error ? ack.error : "could not join #" + name;
        return;
      }
      chat.joined.add(ack.room);
      chat.roomList.add(ack.room);
      conversation("room:" + ack.room);
      (ack.history || []).forEach(function (m) { receive(m, { quiet: true }); });
      show("room:" + ack.room);
      saveCacheSoon();
      if (done) {
        done();
      }
    }, function () {
      if (chat === session) {
        ui.roomError.textContent = "no answer from the server; try again";
      }
    });
  }

  ui.leaveRoom.addEventListener("click", function () {
    var c = conversation(chat.current);
    if (!c.room || c.name === GENERAL) {
      return;
    }
    var session = chat;
    chat.socket.timeout(ACK_TIMEOUT).emitWithAck("leave room", { room: c.name }).then(function (ack) {
      if (chat !== session) {
        return;
      }
      if (!ack || ack.ok !== true) {
        ui.sendError.textContent = ack && ack.error ? ack.error : "could not leave #" + c.name;
        return;
      }
      chat.joined.delete(c.name);
      show("room:" + GENERAL);
      saveCacheSoon();
    }, function () {
      if (chat === session) {
        ui.sendError.textContent = "no answer from the server; try again";
      }
    });
  });

  // ---- showing a conversation and the sidebar --------------------------------------------------

  function show(id) {
    stopTyping();
    chat.current = id;
    var c = conversation(id);
    c.unread = 0;
    ui.title.textContent = c.room ? "#" + c.name : "@" + c.name;
    ui.message.placeholder = "Message " + ui.title.textContent;
    ui.leaveRoom.hidden = !c.room || c.name === GENERAL;
    ui.leaveRoom.textContent = "Leave #" + c.name;
    ui.sendError.textContent = "";
    ui.log.replaceChildren.apply(ui.log, c.items.map(element));
    ui.log.scrollTop = ui.log.scrollHeight;
    renderTyping();
    renderSidebar();
  }

  function open(id) {
    show(id);
    setSidebar(false);
    ui.message.focus();
  }

  function renderSidebar() {
    renderRooms();
    renderOnline();
    renderDms();
  }

  /**
   * Redraws a list only when what it shows changed: a button replaced between a press and its
   * release loses the click.
   */
  function redraw(list, shown, draw) {
    var signature = JSON.stringify(shown);
    if (list.dataset.signature === signature) {
      return;
    }
    list.dataset.signature = signature;
    list.replaceChildren.apply(list, draw());
  }

  function entry(label, current, unread, onClick, extra) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "entry";
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = label;
    button.append(name);
    if (extra) {
      var tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = extra;
      button.append(" ", tag);
    }
    if (unread > 0) {
      var badge = document.createElement("span");
      badge.className = "unread";
      badge.textContent = String(unread);
      badge.setAttribute("aria-label", unread + " unread");
      button.append(" ", badge);
      li.dataset.unread = String(unread);
    }
    if (current) {
      button.setAttribute("aria-current", "true");
    }
    button.addEventListener("click", onClick);
    li.append(button);
    return li;
  }

  function renderRooms() {
    var names = Array.from(chat.roomList).sort(function (a, b) {
      return a === GENERAL ? -1 : b === GENERAL ? 1 : a.localeCompare(b);
    });
    var shown = names.map(function (name) {
      var c = chat.conversations.get("room:" + name);
      return [name, chat.joined.has(name), "room:" + name === chat.current, c ? c.unread : 0];
    });
    redraw(ui.rooms, shown, function () { return names.map(function (name) {
      var id = "room:" + name;
      var joined = chat.joined.has(name);
      var c = chat.conversations.get(id);
      var li = entry("#" + name, id === chat.current, joined && c ? c.unread : 0, function () {
        if (chat.joined.has(name)) {
          open(id);
        } else {
          joinRoom(name, function () { setSidebar(false); ui.message.focus(); });
        }
      }, joined ? null : "join");
      li.dataset.room = name;
      li.dataset.joined = String(joined);
      return li;
    }); });
  }

  function renderOnline() {
    var users = Array.from(chat.users.entries()).sort(function (a, b) { return a[0].localeCompare(b[0]); });
    var shown = users.concat([chat.key, chat.current]);
    redraw(ui.online, shown, function () { return users.map(function (user) {
      var li;
      if (user[0] === chat.key) {
        li = document.createElement("li");
        li.className = "me";
        li.textContent = user[1] + " (you)";
      } else {
        li = entry(user[1], "dm:" + user[0] === chat.current, 0, function () {
          conversation("dm:" + user[0]).name = user[1];
          open("dm:" + user[0]);
        });
      }
      li.dataset.nickname = user[1];
      return li;
    }); });
  }

  function renderDms() {
    var dms = Array.from(chat.conversations.values()).filter(function (c) { return !c.room; });
    ui.noDms.hidden = dms.length > 0;
    var shown = dms.map(function (c) { return [c.id, c.name, c.unread, c.id === chat.current, chat.users.has(c.id.slice(3))]; });
    redraw(ui.dms, shown, function () { return dms.map(function (c) {
      var online = chat.users.has(c.id.slice(3));
      var li = entry("@" + c.name, c.id === chat.current, c.unread, function () { open(c.id); },
          online ? null : "offline");
      li.dataset.nickname = c.name;
      return li;
    }); });
  }

  // ---- the banner, the phone's sidebar ------------------------------------------------------

  function showBanner(text) {
    ui.banner.textContent = text;
    ui.banner.classList.add("shown");
    document.body.classList.add("offline");
  }

  function hideBanner() {
    ui.banner.textContent = "";
    ui.banner.classList.remove("shown");
    document.body.classList.remove("offline");
  }

  function setSidebar(open) {
    document.body.classList.toggle("sidebar-open", open);
    ui.sidebarToggle.setAttribute("aria-expanded", String(open));
  }

  ui.sidebarToggle.addEventListener("click", function () {
    setSidebar(!document.body.classList.contains("sidebar-open"));
  });
  document.addEventListener("keydown", function (event) {
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
  var rejoin = sessionStorage.getItem("jakartio.chat.nickname");
  if (rejoin) {
    join(rejoin);
  } else {
    ui.nickname.focus();
  }
})();
