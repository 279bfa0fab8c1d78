// Conformance scenarios for a Socket.IO v5 / Engine.IO v4 server, driven by the
// official socket.io-client. The server under test must implement the
// "scenarios" fixture (see reference-server.mjs and README.md).
//
//   SIO_URL=http://127.0.0.1:3000 [SIO_PATH=/socket.io] node --test scenarios.test.mjs
//
// Every scenario runs in three transport modes: websocket only, polling only,
// and the default (long-polling first, then upgrade to websocket).

import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { io, Manager } from "socket.io-client";

// Origin of the server under test. Do not put a path here: in Socket.IO the URL
// path is the namespace. A server mounted elsewhere than /socket.io/ (e.g. under
// a servlet context path) is reached with SIO_PATH, e.g. SIO_PATH=/app/socket.io
const URL = (process.env.SIO_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const PATH = process.env.SIO_PATH ?? "/socket.io";
const WAIT_MS = 5000; // upper bound for anything we expect to happen
const GRACE_MS = 300; // how long we listen to prove that something does NOT happen

const MODES = [
  {
    name: "websocket only",
    options: { transports: ["websocket"] },
    transport: "websocket",
    upgrades: false,
  },
  {
    name: "polling only",
    options: { transports: ["polling"] },
    transport: "polling",
    upgrades: false,
  },
  {
    name: "default transports (polling, then upgrade to websocket)",
    options: {},
    transport: "websocket",
    upgrades: true,
  },
];

// ------------------------------------------------------------------ helpers

/** A short random token, used to make payloads and room names unique per test. */
const uid = () => Math.random().toString(36).slice(2, 10);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Renders event arguments for error messages (binary shown as its length). */
function show(args) {
  try {
    return JSON.stringify(args, (_k, v) =>
      v && typeof v === "object" && v.type === "Buffer" && Array.isArray(v.data)
        ? `<${v.data.length} bytes>`
        : v,
    ).slice(0, 200);
  } catch {
    return String(args);
  }
}

/**
 * Resolves with the argument list of the next `event` on `emitter` for which
 * `where(...args)` is true. Rejects after `ms`, or as soon as one of the
 * `failOn` events is emitted.
 */
function waitForEvent(emitter, event, { where = () => true, ms = WAIT_MS, failOn = [], what } = {}) {
  const label = what ?? `"${event}"`;
  return new Promise((resolve, reject) => {
    const onEvent = (...args) => {
      if (!where(...args)) return;
      cleanup();
      resolve(args);
    };
    const failHandlers = failOn.map((failEvent) => [
      failEvent,
      (...args) => {
        cleanup();
        reject(new Error(`got "${failEvent}" ${show(args)} while waiting for ${label}`));
      },
    ]);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for ${label}`));
    }, ms);
    function cleanup() {
      clearTimeout(timer);
      emitter.off(event, onEvent);
      for (const [failEvent, handler] of failHandlers) emitter.off(failEvent, handler);
    }
    emitter.on(event, onEvent);
    for (const [failEvent, handler] of failHandlers) emitter.on(failEvent, handler);
  });
}

/** Resolves after `ms` if no matching `event` arrived; rejects as soon as one does. */
function expectNoEvent(emitter, event, { where = () => true, ms = GRACE_MS, who = "client" } = {}) {
  return new Promise((resolve, reject) => {
    const onEvent = (...args) => {
      if (!where(...args)) return;
      clearTimeout(timer);
      emitter.off(event, onEvent);
      reject(new Error(`${who} unexpectedly received "${event}" ${show(args)}`));
    };
    const timer = setTimeout(() => {
      emitter.off(event, onEvent);
      resolve();
    }, ms);
    emitter.on(event, onEvent);
  });
}

/** Emits `event` with an acknowledgement and resolves with ALL the ack arguments. */
function ackArgs(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(WAIT_MS).emit(event, ...args, (err, ...response) => {
      // err is "operation has timed out" (after WAIT_MS) or "socket has been disconnected"
      if (err) reject(new Error(`no ack for "${event}": ${err.message}`));
      else resolve(response);
    });
  });
}

/** Emits `event` with an acknowledgement and resolves with the first ack argument. */
async function ack(socket, event, ...args) {
  const [first] = await ackArgs(socket, event, ...args);
  return first;
}

/** True for the binary types the Node client can hand us. */
const isBinary = (value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

/** Asserts that `actual` is binary (not a string or a placeholder) with exactly the bytes of `expected`. */
function assertSameBytes(actual, expected, what = "binary value") {
  assert.ok(isBinary(actual), `${what} should arrive as binary, got ${show([actual])}`);
  const bytes =
    actual instanceof ArrayBuffer
      ? Buffer.from(actual)
      : Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  assert.ok(bytes.equals(Buffer.from(expected)), `${what} should round-trip byte-exact`);
}

/** Every byte value 0..255, twice: a good probe for base64 and encoding mistakes. */
const ALL_BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

// Sockets created by the current test; all closed in afterEach.
const openSockets = new Set();

function closeAllSockets() {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

/** Resolves when `socket` is connected; rejects on connect_error. */
function waitForConnect(socket, nsp) {
  if (socket.connected) return Promise.resolve();
  return waitForEvent(socket, "connect", {
    failOn: ["connect_error"],
    what: `connection to namespace "${nsp}"`,
  });
}

/** Resolves once the engine of `socket` runs over websocket (waits for the upgrade if needed). */
async function waitForUpgrade(socket) {
  const engine = socket.io.engine;
  if (engine.transport.name !== "websocket") {
    await waitForEvent(engine, "upgrade", {
      failOn: ["upgradeError"],
      what: "the engine to upgrade from polling to websocket",
    });
  }
  assert.equal(engine.transport.name, "websocket", "engine transport after upgrade");
}

/** Client factories bound to one transport mode. */
function clientsFor(mode) {
  /** A new client (own Manager, no reconnection unless asked) — not yet awaited. */
  function create(nsp = "/", options = {}) {
    const socket = io(URL + nsp, {
      ...mode.options,
      path: PATH,
      forceNew: true,
      reconnection: false,
      ...options,
    });
    openSockets.add(socket);
    return socket;
  }

  /** A new, connected client; in the default mode also waits until it upgraded. */
  async function connect(nsp = "/", options = {}) {
    const socket = create(nsp, options);
    await waitForConnect(socket, nsp);
    if (mode.upgrades) await waitForUpgrade(socket);
    return socket;
  }

  /** `count` new, connected clients on `nsp`. */
  function connectMany(count, nsp = "/", options = {}) {
    return Promise.all(Array.from({ length: count }, () => connect(nsp, options)));
  }

  /** A new client whose connection must be refused; resolves with the connect_error. */
  async function connectRefused(nsp, options = {}) {
    const socket = create(nsp, options);
    const [err] = await waitForEvent(socket, "connect_error", {
      failOn: ["connect"],
      what: `connect_error on namespace "${nsp}"`,
    });
    return { socket, err };
  }

  /** A Manager multiplexing several namespaces over one engine connection. */
  function manager(options = {}) {
    return new Manager(URL, { ...mode.options, path: PATH, reconnection: false, ...options });
  }

  /** A connected socket for `nsp` on a shared `mgr`. */
  async function connectOn(mgr, nsp) {
    const socket = mgr.socket(nsp);
    openSockets.add(socket);
    await waitForConnect(socket, nsp);
    if (mode.upgrades) await waitForUpgrade(socket);
    return socket;
  }

  return { create, connect, connectMany, connectRefused, manager, connectOn };
}

// ------------------------------------------------------------------ scenarios

for (const mode of MODES) {
  describe(`over ${mode.name}`, () => {
    const { create, connect, connectMany, connectRefused, manager, connectOn } = clientsFor(mode);

    afterEach(closeAllSockets);

    describe("connection and identity", () => {
      it("connects to the main namespace and whoami returns the client's own socket id", async () => {
        const socket = await connect();
        const id = await ack(socket, "whoami");
        assert.equal(typeof socket.id, "string");
        assert.equal(id, socket.id);
        assert.notEqual(socket.id, socket.io.engine.id, "the socket id must differ from the engine session id");
      });

      it("gives each client a distinct socket id", async () => {
        const sockets = await connectMany(3);
        const ids = await Promise.all(sockets.map((s) => ack(s, "whoami")));
        assert.equal(new Set(ids).size, 3);
      });

      it(`reports "${mode.transport}" as the transport the server sees`, async () => {
        const socket = await connect();
        assert.equal(socket.io.engine.transport.name, mode.transport, "client-side transport");
        assert.equal(await ack(socket, "transport"), mode.transport, "server-side transport");
      });

      if (mode.upgrades) {
        it("starts on polling and upgrades to websocket", async () => {
          const socket = create();
          const engine = socket.io.engine;
          assert.equal(engine.transport.name, "polling", "first transport");
          const upgraded = waitForEvent(engine, "upgrade", {
            failOn: ["upgradeError"],
            what: "the upgrade event",
          });
          await waitForConnect(socket, "/");
          const [transport] = await upgraded;
          assert.equal(transport.name, "websocket", "transport given by the upgrade event");
          assert.equal(engine.transport.name, "websocket", "engine transport after upgrade");
          assert.equal(await ack(socket, "transport"), "websocket", "server-side transport");
        });
      } else {
        it(`stays on ${mode.transport} without upgrading`, async () => {
          const socket = await connect();
          await Promise.all([
            expectNoEvent(socket.io.engine, "upgrade", { who: "engine" }),
            expectNoEvent(socket.io.engine, "upgrading", { who: "engine" }),
          ]);
          assert.equal(socket.io.engine.transport.name, mode.transport);
          assert.equal(await ack(socket, "transport"), mode.transport);
        });
      }

      it("handshake returns the auth object and the custom query parameters sent by the client", async () => {
        const auth = { token: "abc-123", user: { name: "Zoë", roles: ["a", "b"] }, n: 7 };
        const socket = await connect("/", { auth, query: { foo: "bar", lang: "fr" } });
        const handshake = await ack(socket, "handshake");
        assert.deepEqual(handshake.auth, auth);
        assert.equal(handshake.query.foo, "bar");
        assert.equal(handshake.query.lang, "fr");
      });

      it("handshake reports an empty auth object when the client sends none", async () => {
        const socket = await connect();
        const handshake = await ack(socket, "handshake");
        assert.deepEqual(handshake.auth, {});
        assert.equal(typeof handshake.query, "object");
      });
    });

    describe("messaging in the main namespace", () => {
      it("delivers a chat message to every connected client, the sender included", async () => {
        const sockets = await connectMany(3);
        const text = `hello ${uid()}`;
        const received = sockets.map((s) => waitForEvent(s, "chat message", { where: (m) => m === text }));
        sockets[0].emit("chat message", text);
        const results = await Promise.all(received);
        for (const [msg] of results) assert.equal(msg, text);
      });

      it("delivers a broadcast to all other clients but not to the sender", async () => {
        const [sender, ...others] = await connectMany(3);
        const tag = uid();
        const isOurs = (t) => t === tag;
        const received = others.map((s) => waitForEvent(s, "broadcast", { where: isOurs }));
        const silence = expectNoEvent(sender, "broadcast", { where: isOurs, who: "sender" });
        sender.emit("broadcast", tag, 2, { three: 3 });
        const [results] = await Promise.all([Promise.all(received), silence]);
        for (const args of results) assert.deepEqual(args, [tag, 2, { three: 3 }]);
      });

      it("echo with an ack returns all arguments with their types intact", async () => {
        const socket = await connect();
        const args = [
          "héllo wörld ✓ 🎉",
          42,
          -3.5,
          0,
          { a: 1, nested: { b: [1, 2, { c: "d" }] }, empty: {}, nil: null },
          [1, "two", null, false, []],
          true,
          false,
          null,
          "",
        ];
        assert.deepEqual(await ackArgs(socket, "echo", ...args), args);
      });

      it("echo without an ack emits an echo event back with the same arguments", async () => {
        const socket = await connect();
        const tag = uid();
        const args = [tag, 1, { x: [true, null] }, ["y"], false, null];
        const echoed = waitForEvent(socket, "echo", { where: (t) => t === tag });
        socket.emit("echo", ...args);
        assert.deepEqual(await echoed, args);
      });

      it("echo with an ack and no arguments acks with no arguments", async () => {
        const socket = await connect();
        assert.deepEqual(await ackArgs(socket, "echo"), []);
      });

      it("a 100 KB string round-trips through echo with an ack", async () => {
        const socket = await connect();
        const big = Array.from({ length: 100 * 1024 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7) % 36]).join("");
        const [echoed] = await ackArgs(socket, "echo", big);
        assert.equal(echoed.length, big.length);
        assert.ok(echoed === big, "large string should be unchanged");
      });
    });

    describe("binary payloads", () => {
      it("a buffer at top level and nested in an object round-trips byte-exact with an ack", async () => {
        const socket = await connect();
        const nested = Uint8Array.from([1, 2, 3, 250, 0]);
        const [top, obj, text] = await ackArgs(socket, "echo", ALL_BYTES, { name: "file.bin", data: nested, list: [nested] }, "after");
        assertSameBytes(top, ALL_BYTES, "top-level buffer");
        assert.equal(obj.name, "file.bin");
        assertSameBytes(obj.data, nested, "nested buffer");
        assertSameBytes(obj.list[0], nested, "buffer nested in an array");
        assert.equal(text, "after");
      });

      it("a buffer at top level and nested in an object round-trips byte-exact without an ack", async () => {
        const socket = await connect();
        const tag = uid();
        const nested = Buffer.from("binary ✓", "utf8");
        const echoed = waitForEvent(socket, "echo", { where: (t) => t === tag });
        socket.emit("echo", tag, ALL_BYTES, { data: nested, more: [Buffer.alloc(0), Buffer.from([9])] });
        const [, top, obj] = await echoed;
        assertSameBytes(top, ALL_BYTES, "top-level buffer");
        assertSameBytes(obj.data, nested, "nested buffer");
        assertSameBytes(obj.more[0], Buffer.alloc(0), "empty buffer");
        assertSameBytes(obj.more[1], Buffer.from([9]), "one-byte buffer");
      });

      it("a 100 KB buffer round-trips byte-exact with an ack", async () => {
        const socket = await connect();
        const big = Buffer.alloc(100 * 1024, ALL_BYTES);
        const [echoed] = await ackArgs(socket, "echo", big);
        assertSameBytes(echoed, big, "100 KB buffer");
      });
    });

    describe("rooms", () => {
      it("counts members, and a room message reaches members including the sender but not non-members", async () => {
        const [alice, bob, carol] = await connectMany(3);
        const room = `room-${uid()}`;
        assert.equal(await ack(alice, "room-size", room), 0, "room is empty before anyone joins");
        assert.equal(await ack(alice, "join", room), true);
        assert.equal(await ack(bob, "join", room), true);
        assert.equal(await ack(carol, "room-size", room), 2);

        const msg = `to the room ${uid()}`;
        const isOurs = (m) => m?.msg === msg;
        const received = [alice, bob].map((s) => waitForEvent(s, "room message", { where: isOurs }));
        const silence = expectNoEvent(carol, "room message", { where: isOurs, who: "non-member" });
        alice.emit("to-room", { room, msg });
        const [results] = await Promise.all([Promise.all(received), silence]);
        for (const [payload] of results) assert.deepEqual(payload, { room, msg, from: alice.id });
      });

      it("to-room-others reaches the other members but not the sender", async () => {
        const [alice, bob, carol] = await connectMany(3);
        const room = `room-${uid()}`;
        await Promise.all([ack(alice, "join", room), ack(bob, "join", room)]);

        const msg = `others only ${uid()}`;
        const isOurs = (m) => m?.msg === msg;
        const received = waitForEvent(bob, "room message", { where: isOurs });
        const silent = [
          expectNoEvent(alice, "room message", { where: isOurs, who: "sender" }),
          expectNoEvent(carol, "room message", { where: isOurs, who: "non-member" }),
        ];
        alice.emit("to-room-others", { room, msg });
        const [[payload]] = await Promise.all([received, ...silent]);
        assert.deepEqual(payload, { room, msg, from: alice.id });
      });

      it("after leaving, a client no longer receives the room's messages and the room shrinks", async () => {
        const [alice, bob] = await connectMany(2);
        const room = `room-${uid()}`;
        await Promise.all([ack(alice, "join", room), ack(bob, "join", room)]);
        assert.equal(await ack(alice, "room-size", room), 2);
        assert.equal(await ack(alice, "leave", room), true);
        assert.equal(await ack(alice, "room-size", room), 1);

        const msg = `after leave ${uid()}`;
        const isOurs = (m) => m?.msg === msg;
        const received = waitForEvent(bob, "room message", { where: isOurs });
        const silence = expectNoEvent(alice, "room message", { where: isOurs, who: "former member" });
        bob.emit("to-room", { room, msg });
        const [[payload]] = await Promise.all([received, silence]);
        assert.deepEqual(payload, { room, msg, from: bob.id });
      });

      it("a disconnected client is removed from its rooms", async () => {
        const [alice, bob] = await connectMany(2);
        const room = `room-${uid()}`;
        await Promise.all([ack(alice, "join", room), ack(bob, "join", room)]);
        assert.equal(await ack(bob, "room-size", room), 2);
        const aliceId = alice.id; // socket.id is cleared on disconnect
        const left = waitForEvent(bob, "user left", { where: (id) => id === aliceId });
        alice.disconnect();
        await left;
        assert.equal(await ack(bob, "room-size", room), 1);
      });

      it("a direct message reaches only the target socket id", async () => {
        const [alice, bob, carol] = await connectMany(3);
        const msg = `psst ${uid()}`;
        const isOurs = (m) => m?.msg === msg;
        const received = waitForEvent(bob, "dm", { where: isOurs });
        const silent = [
          expectNoEvent(alice, "dm", { where: isOurs, who: "sender" }),
          expectNoEvent(carol, "dm", { where: isOurs, who: "bystander" }),
        ];
        alice.emit("dm", { to: bob.id, msg });
        const [[payload]] = await Promise.all([received, ...silent]);
        assert.deepEqual(payload, { from: alice.id, msg });
      });
    });

    describe("server-to-client acknowledgements", () => {
      it("ask-client carries the client's answer back in the server's ack", async () => {
        const socket = await connect();
        let question;
        socket.on("question", (q, answer) => {
          question = q;
          answer("Ada Lovelace");
        });
        const result = await ack(socket, "ask-client", { timeout: 2000 });
        assert.deepEqual(result, { answer: "Ada Lovelace" });
        assert.equal(typeof question, "string", "the question payload");
      });

      it("ask-client reports a timeout when the client never answers", async () => {
        const socket = await connect();
        let asked = false;
        let ackWasFunction = false;
        socket.on("question", (...args) => {
          asked = true;
          ackWasFunction = typeof args[args.length - 1] === "function";
          // deliberately never call the ack
        });
        const started = Date.now();
        const result = await ack(socket, "ask-client", { timeout: 200 });
        const elapsed = Date.now() - started;
        assert.deepEqual(result, { error: "timeout" });
        assert.ok(asked, "the client should have received the question");
        assert.ok(ackWasFunction, "the question should have been sent with an ack id");
        assert.ok(elapsed >= 150, `server should wait ~200 ms before timing out (waited ${elapsed} ms)`);
      });
    });

    describe("disconnections", () => {
      it('kick disconnects the client with reason "io server disconnect" and others see "user left"', async () => {
        const [witness, otherWitness] = await connectMany(2);
        // reconnection enabled on purpose: a server-side disconnect must not trigger it
        const kicked = await connect("/", { reconnection: true, reconnectionDelay: 50 });
        const kickedId = kicked.id;
        const disconnected = waitForEvent(kicked, "disconnect");
        const userLeft = waitForEvent(witness, "user left", { where: (id) => id === kickedId });
        const alsoSeen = waitForEvent(otherWitness, "user left", { where: (id) => id === kickedId });
        kicked.emit("kick");
        const [[reason]] = await Promise.all([disconnected, userLeft, alsoSeen]);
        assert.equal(reason, "io server disconnect");
        assert.equal(kicked.connected, false);
        await sleep(GRACE_MS);
        assert.equal(kicked.active, false, "a kicked client must not try to reconnect");
        assert.equal(kicked.connected, false);
      });

      it('drop closes the transport: the client sees "transport close" and others see "user left"', async () => {
        const [dropped, witness] = await connectMany(2);
        const droppedId = dropped.id;
        const disconnected = waitForEvent(dropped, "disconnect");
        const userLeft = waitForEvent(witness, "user left", { where: (id) => id === droppedId });
        dropped.emit("drop");
        const [[reason]] = await Promise.all([disconnected, userLeft]);
        assert.equal(reason, "transport close");
      });

      it("after a drop, a client with reconnection enabled reconnects by itself with a new id", async () => {
        const socket = await connect("/", {
          reconnection: true,
          reconnectionDelay: 100,
          reconnectionDelayMax: 200,
          randomizationFactor: 0,
        });
        const firstId = socket.id;
        const disconnected = waitForEvent(socket, "disconnect");
        socket.emit("drop");
        const [reason] = await disconnected;
        assert.equal(reason, "transport close");
        await waitForEvent(socket, "connect", { what: "the automatic reconnection" });
        assert.notEqual(socket.id, firstId, "a reconnected socket gets a new id");
        assert.equal(await ack(socket, "whoami"), socket.id);
      });

      it('a client calling disconnect() makes the others receive "user left" with its id', async () => {
        const [leaver, ...others] = await connectMany(3);
        const leaverId = leaver.id;
        const seen = others.map((s) => waitForEvent(s, "user left", { where: (id) => id === leaverId }));
        const disconnected = waitForEvent(leaver, "disconnect");
        leaver.disconnect();
        const [[reason]] = await Promise.all([disconnected, ...seen]);
        assert.equal(reason, "io client disconnect");
      });
    });

    describe('namespace "/chat"', () => {
      it("a chat message in /chat reaches /chat clients but not clients only in the main namespace", async () => {
        const [first, second] = await connectMany(2, "/chat");
        const outsider = await connect("/");
        const text = `chat only ${uid()}`;
        const isOurs = (m) => m === text;
        const received = [first, second].map((s) => waitForEvent(s, "chat message", { where: isOurs }));
        const silence = expectNoEvent(outsider, "chat message", { where: isOurs, who: "main-namespace client" });
        first.emit("chat message", text);
        await Promise.all([...received, silence]);
      });

      it("echo in /chat acks all arguments", async () => {
        const socket = await connect("/chat");
        const args = ["in chat", 1, { ok: true }, [null]];
        assert.deepEqual(await ackArgs(socket, "echo", ...args), args);
      });

      it("whoami in /chat returns the socket id of the /chat socket", async () => {
        const socket = await connect("/chat");
        assert.equal(await ack(socket, "whoami"), socket.id);
      });

      it("one Manager multiplexes the main namespace and /chat over a single connection", async () => {
        const mgr = manager();
        const main = await connectOn(mgr, "/");
        const chat = await connectOn(mgr, "/chat");
        assert.equal(main.io, chat.io, "both sockets share the Manager");
        assert.notEqual(main.id, chat.id, "each namespace has its own socket id");
        assert.equal(await ack(main, "whoami"), main.id);
        assert.equal(await ack(chat, "whoami"), chat.id);

        const text = `multiplexed ${uid()}`;
        const isOurs = (m) => m === text;
        const received = waitForEvent(chat, "chat message", { where: isOurs });
        const silence = expectNoEvent(main, "chat message", { where: isOurs, who: "main-namespace socket" });
        chat.emit("chat message", text);
        await Promise.all([received, silence]);

        // the main namespace keeps working on the same connection
        const tag = uid();
        const echoed = waitForEvent(main, "echo", { where: (t) => t === tag });
        main.emit("echo", tag);
        await echoed;
        assert.equal(await ack(main, "transport"), mode.transport);
      });
    });

    describe('namespace "/admin"', () => {
      it("accepts the right token and whoami returns the id and the token", async () => {
        const socket = await connect("/admin", { auth: { token: "secret" } });
        assert.deepEqual(await ack(socket, "whoami"), { id: socket.id, token: "secret" });
      });

      it('refuses a wrong token with connect_error "unauthorized" and data {reason: "bad token"}', async () => {
        const { socket, err } = await connectRefused("/admin", { auth: { token: "wrong" } });
        assert.equal(err.message, "unauthorized");
        assert.deepEqual(err.data, { reason: "bad token" });
        assert.equal(socket.connected, false);
      });

      it('refuses a missing token with connect_error "unauthorized" and data {reason: "bad token"}', async () => {
        const { socket, err } = await connectRefused("/admin");
        assert.equal(err.message, "unauthorized");
        assert.deepEqual(err.data, { reason: "bad token" });
        assert.equal(socket.connected, false);
      });

      it("a refused /admin does not affect the main namespace on the same Manager", async () => {
        const mgr = manager();
        const main = await connectOn(mgr, "/");
        const admin = mgr.socket("/admin", { auth: { token: "nope" } });
        openSockets.add(admin);
        const [err] = await waitForEvent(admin, "connect_error", { failOn: ["connect"] });
        assert.equal(err.message, "unauthorized");
        assert.equal(main.connected, true);
        assert.equal(await ack(main, "whoami"), main.id);
      });
    });
  });
}
