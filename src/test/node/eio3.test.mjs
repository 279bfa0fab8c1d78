// Socket.IO 2.x clients (Engine.IO v3, Socket.IO protocol v4) against a server with allowEIO3,
// driven by the official socket.io-client 2.5.0 (installed as socket.io-client-v2) beside the
// current client 4.8.4, on the "scenarios" fixture.
//
//   SIO_URL=http://127.0.0.1:3000 [SIO_STRICT_PATH=/v4only] node --test eio3.test.mjs
//
// SIO_URL: the server, with allowEIO3 on and its endpoint at /socket.io (SIO_PATH to change it)
// and a short heartbeat (SIO_PING_MS, default 300: the suite keeps clients open for a few
// intervals to see the client-initiated heartbeat work). SIO_STRICT_PATH: the endpoint of a
// second server, allowEIO3 off, which must refuse the 2.x client; that test is skipped without it.
// reference-server.mjs with SIO_ALLOW_EIO3=1 is Node's own server in the first role.

import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { io as ioV4 } from "socket.io-client";

const require = createRequire(import.meta.url);
const ioV2 = require("socket.io-client-v2");

const URL = (process.env.SIO_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const PATH = process.env.SIO_PATH ?? "/socket.io";
const STRICT_PATH = process.env.SIO_STRICT_PATH;
const PING_MS = Number(process.env.SIO_PING_MS ?? 300);
const WAIT_MS = 5000;

// `binary`: whether the client's transport reads and writes binary data as bytes. The 2.x
// client in Node has no XHR2 (its XMLHttpRequest lacks responseType), so its polling always asks
// for base64 (b64=1); binary polling payloads are a browser's, tested in EngineCodecV3Test and
// Eio3PollingTest.
const MODES = [
  { name: "websocket only", options: { transports: ["websocket"] }, transport: "websocket", binary: true },
  { name: "websocket only, base64 (b64=1)", options: { transports: ["websocket"], forceBase64: true }, transport: "websocket", binary: false },
  { name: "polling only (b64=1)", options: { transports: ["polling"] }, transport: "polling", binary: false },
  { name: "polling, then upgrade to websocket", options: {}, transport: "websocket", binary: true, upgrades: true },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the args of the next `event`; rejects after WAIT_MS. */
function waitFor(emitter, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, WAIT_MS);
    function listener(...args) {
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    }
    emitter.on(event, listener);
  });
}

/** Emits with an acknowledgement (2.x has no timeout()); resolves with its arguments. */
function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for "${event}"`)), WAIT_MS);
    socket.emit(event, ...args, (...response) => {
      clearTimeout(timer);
      resolve(response);
    });
  });
}

const cleanups = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()();
});

/** A 2.x client on `nsp`, connected (and upgraded, if the mode upgrades). */
async function v2(mode, nsp = "/", options = {}) {
  const socket = ioV2(URL + nsp, { ...mode.options, ...options, path: PATH, forceNew: true, reconnection: false });
  cleanups.push(() => socket.close());
  await waitFor(socket, "connect");
  if (mode.upgrades && socket.io.engine.transport.name !== "websocket") {
    await waitFor(socket.io.engine, "upgrade");
  }
  return socket;
}

/** A 4.x client on `/`, over WebSocket. */
async function v4() {
  const socket = ioV4(URL, { path: PATH, transports: ["websocket"], forceNew: true, reconnection: false });
  cleanups.push(() => socket.disconnect());
  await waitFor(socket, "connect");
  return socket;
}

const bytes = (value) => Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : value);

for (const mode of MODES) {
  describe(`Socket.IO 2.x client over ${mode.name}`, () => {
    it("connects to / without asking, on the expected transport, with the id the server gives it", async () => {
      const socket = await v2(mode);
      assert.equal(socket.io.engine.transport.name, mode.transport);
      assert.equal(socket.io.engine.transport.supportsBinary, mode.binary);
      const [id] = await ack(socket, "whoami");
      assert.equal(id, socket.id);
      assert.equal(id, socket.io.engine.id, "protocol v4: the socket id of / is the Engine.IO id");
      const [transport] = await ack(socket, "transport");
      assert.equal(transport, mode.transport);
    });

    it("emits with an acknowledgement, in UTF-16 beyond the BMP too", async () => {
      const socket = await v2(mode);
      const text = "héllo € 😀 \u001e:5:";
      assert.deepEqual(await ack(socket, "echo", text, { n: 1, list: [1, "two"] }), [text, { n: 1, list: [1, "two"] }]);
    });

    it("sends and receives binary data", async () => {
      const socket = await v2(mode);
      const sent = Buffer.from([0, 1, 2, 3, 250, 255]);
      const [back, more] = await ack(socket, "echo", sent, { nested: Buffer.from("ab") });
      assert.deepEqual(bytes(back), sent);
      assert.deepEqual(bytes(more.nested), Buffer.from("ab"));
    });

    it("keeps its connection through several heartbeats (the client pings, the server answers)", async () => {
      const socket = await v2(mode);
      let pongs = 0;
      socket.io.engine.on("pong", () => pongs++);
      await sleep(PING_MS * 3);
      assert.ok(socket.connected, "still connected");
      assert.ok(pongs >= 2, `pongs: ${pongs}`);
      assert.deepEqual(await ack(socket, "echo", "still there"), ["still there"]);
    });

    it('connects to "/chat" beside "/" on one connection, with the id "/chat#<engine id>"', async () => {
      const main = await v2(mode);
      const nsp = main.io.socket("/chat"); // the same Manager: one Engine.IO connection
      cleanups.push(() => nsp.close());
      await waitFor(nsp, "connect");
      const [id] = await ack(nsp, "whoami");
      assert.equal(id, "/chat#" + main.io.engine.id);
      assert.equal(id, nsp.id);
      assert.deepEqual(await ack(nsp, "echo", "in chat"), ["in chat"]);
      const received = waitFor(nsp, "chat message");
      nsp.emit("chat message", "hi chat");
      assert.deepEqual(await received, ["hi chat"]);
    });

    it('passes the namespace query as the auth of "/admin", and gets the refusal data as an error', async () => {
      const admin = await v2(mode, "/admin", { query: { token: "secret" } });
      const [who] = await ack(admin, "whoami");
      assert.deepEqual(who, { id: "/admin#" + admin.io.engine.id, token: "secret" });

      const refused = ioV2(URL + "/admin", { ...mode.options, path: PATH, forceNew: true, reconnection: false, query: { token: "wrong" } });
      cleanups.push(() => refused.close());
      const [error] = await waitFor(refused, "error");
      assert.deepEqual(error, { reason: "bad token" });
    });

    it("receives a broadcast from a 4.x client, and the 4.x client one from it", async () => {
      const old = await v2(mode);
      const current = await v4();
      const toOld = waitFor(old, "broadcast");
      current.emit("broadcast", "from v4", Buffer.from([4]));
      const [text, data] = await toOld;
      assert.equal(text, "from v4");
      assert.deepEqual(bytes(data), Buffer.from([4]));

      const toCurrent = waitFor(current, "broadcast");
      old.emit("broadcast", "from v2", Buffer.from([2]));
      const [text2, data2] = await toCurrent;
      assert.equal(text2, "from v2");
      assert.deepEqual(bytes(data2), Buffer.from([2]));
    });

    it("is told of a disconnection by the server", async () => {
      const socket = await v2(mode);
      const gone = waitFor(socket, "disconnect");
      socket.emit("kick");
      assert.deepEqual(await gone, ["io server disconnect"]);
    });
  });
}

describe("the Engine.IO v3 wire", () => {
  it("answers an EIO=3 handshake with a <length>:<packet> payload", async () => {
    const response = await fetch(`${URL}${PATH}/?EIO=3&transport=polling&t=1`);
    assert.equal(response.status, 200);
    const body = await response.text();
    const match = /^(\d+):(0\{[^}]*\})(2:40)?$/.exec(body);
    assert.ok(match, body);
    assert.equal(Number(match[1]), match[2].length);
    const open = JSON.parse(match[2].slice(1));
    assert.deepEqual(Object.keys(open).slice(0, 4), ["sid", "upgrades", "pingInterval", "pingTimeout"]);
    // The server connects the client to "/" without being asked: "40" comes with the OPEN
    // (Jakartio) or on the next poll (Node); the client takes either.
    if (!match[3]) {
      const poll = await fetch(`${URL}${PATH}/?EIO=3&transport=polling&t=2&sid=${open.sid}`);
      assert.equal(await poll.text(), "2:40");
    }
  });

  it("refuses a 2.x client when allowEIO3 is off", { skip: !STRICT_PATH && "no SIO_STRICT_PATH" }, async () => {
    const response = await fetch(`${URL}${STRICT_PATH}/?EIO=3&transport=polling&t=1`);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 5, message: "Unsupported protocol version" });
    for (const transports of [["polling"], ["websocket"]]) {
      const socket = ioV2(URL, { path: STRICT_PATH, transports, forceNew: true, reconnection: false });
      cleanups.push(() => socket.close());
      await waitFor(socket, "connect_error");
      assert.equal(socket.connected, false);
    }
  });
});
