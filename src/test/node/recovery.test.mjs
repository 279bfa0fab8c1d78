// Connection state recovery, driven by the official socket.io-client: a client whose network
// drops (its TCP connections cut by a proxy in this process, as a dead Wi-Fi would) comes back
// to the scenarios fixture and gets its socket and the packets it missed, or does not.
//
//   SIO_URL=http://127.0.0.1:3000 SIO_RECOVERY=on SIO_RECOVERY_MS=2000 node --test recovery.test.mjs
//
// SIO_RECOVERY=on: the server runs the fixture with connectionStateRecovery, its
// maxDisconnectionDuration being SIO_RECOVERY_MS (reference-server.mjs does so when SIO_RECOVERY_MS
// is set). SIO_RECOVERY=off: the server runs it without; the same drops must then give a fresh
// socket and lose what was sent meanwhile, as always.

import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { io } from "socket.io-client";

const URL = (process.env.SIO_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const PATH = process.env.SIO_PATH ?? "/socket.io";
const RECOVERY = process.env.SIO_RECOVERY === "on";
const WINDOW_MS = Number(process.env.SIO_RECOVERY_MS ?? 2000);
const WAIT_MS = 5000;

const MODES = [
  { name: "websocket only", options: { transports: ["websocket"] }, upgrades: false },
  { name: "polling only", options: { transports: ["polling"] }, upgrades: false },
  { name: "default transports (polling, then upgrade to websocket)", options: {}, upgrades: true },
];

const uid = () => Math.random().toString(36).slice(2, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the args of the next `event` for which `where` holds; rejects after WAIT_MS. */
function waitFor(emitter, event, where = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, WAIT_MS);
    function listener(...args) {
      if (!where(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    }
    emitter.on(event, listener);
  });
}

/** Emits with an acknowledgement; resolves with its first argument. */
function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(WAIT_MS).emit(event, ...args, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

/**
 * A TCP proxy to the server: `cut()` destroys every connection through it and refuses new ones
 * (the network is down), `heal()` lets them through again. The server sees its connections end
 * as they do when a client's network goes away; the client sees a transport error or close.
 */
async function networkTo(url) {
  const target = new globalThis.URL(url);
  const connections = new Set();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = [client, upstream];
    pair.forEach((s) => connections.add(s));
    const end = () => pair.forEach((s) => {
      s.destroy();
      connections.delete(s);
    });
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() {
      down = true;
      for (const s of connections) s.destroy();
      connections.clear();
    },
    heal() {
      down = false;
    },
    close() {
      this.cut();
      server.close();
    },
  };
}

const cleanups = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()();
});

/** A client that talks to the server directly, to act while the other is away. */
async function observer() {
  const socket = io(URL, { path: PATH, transports: ["websocket"], forceNew: true, reconnection: false });
  cleanups.push(() => socket.disconnect());
  await waitFor(socket, "connect");
  return socket;
}

/**
 * A client reaching the server through `network`, reconnecting quickly, recording every event it
 * receives (name, arguments) in `received`.
 */
async function subject(mode, network) {
  const socket = io(network.url, {
    ...mode.options,
    path: PATH,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    randomizationFactor: 0,
  });
  cleanups.push(() => socket.disconnect());
  socket.received = [];
  socket.onAny((event, ...args) => socket.received.push([event, ...args]));
  await waitFor(socket, "connect");
  if (mode.upgrades && socket.io.engine.transport.name !== "websocket") {
    await waitFor(socket.io.engine, "upgrade");
  }
  return socket;
}

/** The offset the official client keeps for an event: its last argument, if a string. */
const offsetOf = (entry) => entry[entry.length - 1];

/**
 * Connects a subject through a proxy, puts it in a room, has it receive one packet (without one,
 * the official client has no offset to send back), then cuts its network and waits until the
 * server has noticed (the fixture tells everyone "user left").
 */
async function connectJoinAndCut(mode) {
  const network = await networkTo(URL);
  cleanups.push(() => network.close());
  const watcher = await observer();
  const socket = await subject(mode, network);
  const room = `room-${uid()}`;
  assert.equal(await ack(socket, "join", room), true);
  assert.ok(!socket.recovered, "a first connection is not recovered"); // false, or undefined without a pid
  const first = waitFor(socket, "room message");
  watcher.emit("to-room", { room, msg: "before" });
  await first;
  const id = socket.id;
  const serverNoticed = waitFor(watcher, "user left", (left) => left === id);
  const disconnected = waitFor(socket, "disconnect");
  network.cut();
  const [reason] = await disconnected;
  await serverNoticed;
  socket.received.length = 0;
  return { network, watcher, socket, room, id, reason };
}

/** What the watcher sends while the subject is away; resolves once the server handled all of it. */
async function sendWhileAway(watcher, room, id, tag) {
  watcher.emit("to-room", { room, msg: `${tag} 1` });
  watcher.emit("to-room", { room: `other-${uid()}`, msg: `${tag} not for it` });
  watcher.emit("chat message", `${tag} to everyone`);
  watcher.emit("dm", { to: id, msg: `${tag} direct` });
  watcher.emit("to-room", { room, msg: `${tag} 2` });
  await ack(watcher, "whoami"); // handled in order: everything before it was broadcast
}

for (const mode of MODES) {
  describe(`connection state recovery ${RECOVERY ? "on" : "off"} (${mode.name})`, () => {
    it(RECOVERY
      ? "a client cut off and back in time has its socket, its room and every missed packet, in order, once"
      : "a client cut off and back has a fresh socket and missed what was sent meanwhile", async () => {
      const { network, watcher, socket, room, id, reason } = await connectJoinAndCut(mode);
      assert.ok(["transport close", "transport error"].includes(reason), `disconnect reason: ${reason}`);
      const watcherId = await ack(watcher, "whoami");
      await sendWhileAway(watcher, room, id, "away");

      const back = waitFor(socket, "connect");
      network.heal();
      await back;
      if (mode.upgrades && socket.io.engine.transport.name !== "websocket") {
        await waitFor(socket.io.engine, "upgrade");
      }
      const live = RECOVERY ? waitFor(socket, "room message", (m) => m.msg === "live") : sleep(300);
      watcher.emit("to-room", { room, msg: "live" });
      await live;
      await sleep(100); // anything sent twice would have come by now
      // Sockets of earlier tests leaving meanwhile are told to everyone: not this test's business.
      const received = socket.received.filter(([event, left]) => event !== "user left" || left === id);

      const roomMessage = (msg) => ["room message", { room, msg, from: watcherId }];
      const expected = RECOVERY
        ? [
            ["user left", id], // broadcast to everyone after it left: it missed it too
            roomMessage("away 1"),
            ["chat message", "away to everyone"],
            ["dm", { from: watcherId, msg: "away direct" }],
            roomMessage("away 2"),
            roomMessage("live"),
          ]
        : [];
      if (RECOVERY) {
        assert.equal(socket.recovered, true, "socket.recovered");
        assert.equal(socket.id, id, "the same socket id");
        const offsets = received.map(offsetOf);
        assert.equal(new Set(offsets).size, offsets.length, `each packet once: ${JSON.stringify(received)}`);
        assert.ok(offsets.every((o) => typeof o === "string"), "every packet ends with its offset");
        assert.deepEqual(received.map((entry) => entry.slice(0, -1)), expected);
        assert.equal(await ack(watcher, "room-size", room), 1, "it is in its room again");
      } else {
        assert.ok(!socket.recovered, `socket.recovered: ${socket.recovered}`);
        assert.notEqual(socket.id, id, "a new socket id");
        assert.deepEqual(received, expected, "nothing missed comes, and the room is gone");
        assert.equal(await ack(watcher, "room-size", room), 0, "not in the room any more");
      }
    });
  });
}

describe(`connection state recovery ${RECOVERY ? "on" : "off"}: coming back too late`, () => {
  it("a client back after maxDisconnectionDuration has a fresh socket", async () => {
    const { network, watcher, socket, room, id } = await connectJoinAndCut(MODES[0]);
    await sendWhileAway(watcher, room, id, "away");
    if (RECOVERY) await sleep(WINDOW_MS + 300);

    const back = waitFor(socket, "connect");
    network.heal();
    await back;

    assert.ok(!socket.recovered, `socket.recovered: ${socket.recovered}`);
    assert.notEqual(socket.id, id, "a new socket id");
    await sleep(100);
    const received = socket.received.filter(([event, left]) => event !== "user left" || left === id);
    assert.deepEqual(received, [], "nothing of what was missed");
    assert.equal(await ack(watcher, "room-size", room), 0, "not in its old room");
  });
});
