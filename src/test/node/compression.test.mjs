// Compression with the official socket.io-client 4.8.4 against a server with
// permessage-deflate on and httpCompression on: NodeCompressionIT starts
// Jakartio so. (Node's own server 4.8.4 would fail the compress(false) cases on
// the WebSocket: its engine.io 6.6 no longer passes the flag to ws, whose send
// then compresses whatever is over its threshold. Jakartio honours the flag, as
// Socket.IO's documentation describes it.)
//
//   SIO_URL=http://127.0.0.1:3000 node --test compression.test.mjs
//
// The server must answer:
//   "echo" (x, ack)           -> ack(x)
//   "send" (text, compress)   -> socket.compress(compress).emit("sent", text)
//   "shout" (text, compress)  -> io.compress(compress).emit("all", text)
//
// Modes: websocket only (ws offers permessage-deflate), polling only over
// fetch() (which sends Accept-Encoding: gzip, deflate and decodes the answer),
// and polling then upgrade. On the WebSocket the bytes read from the TCP socket
// show whether a message came compressed; on polling the Content-Encoding of
// each GET's response does.

import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { io, Fetch, NodeWebSocket } from "socket.io-client";

const URL = (process.env.SIO_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const PATH = process.env.SIO_PATH ?? "/socket.io";
const WAIT_MS = 5000;
const BIG = "lorem ipsum dolor sit amet, ".repeat(4000); // 112 KB that deflate shrinks to ~1 KB

// Every fetch() response's Content-Encoding, GETs (polls) only.
const pollEncodings = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const response = await realFetch(resource, init);
  if ((init?.method ?? "GET") === "GET") {
    pollEncodings.push(response.headers.get("content-encoding"));
  }
  return response;
};

const MODES = [
  { name: "websocket only", options: { transports: [NodeWebSocket] }, transport: "websocket" },
  { name: "polling only", options: { transports: [Fetch] }, transport: "polling" },
  { name: "polling then upgrade", options: { transports: [Fetch, NodeWebSocket] }, transport: "websocket" },
];

const sockets = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

function within(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function connect(mode) {
  const socket = io(URL, { path: PATH, forceNew: true, reconnection: false, ...mode.options });
  sockets.push(socket);
  await within(new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  }), "connect");
  if (mode.transport === "websocket" && socket.io.engine.transport.name !== "websocket") {
    await within(new Promise((resolve) => socket.io.engine.once("upgrade", resolve)), "upgrade");
  }
  return socket;
}

function next(socket, event) {
  return within(new Promise((resolve) => socket.once(event, resolve)), event);
}

/** The ws WebSocket under the engine's transport, or null on polling. */
function ws(socket) {
  return socket.io.engine.transport.name === "websocket" ? socket.io.engine.transport.ws : null;
}

/** Runs fn; returns how many bytes the socket read meanwhile, or null on polling. */
async function bytesReadDuring(socket, fn) {
  const raw = ws(socket)?._socket;
  const before = raw?.bytesRead;
  await fn();
  return raw ? raw.bytesRead - before : null;
}

for (const mode of MODES) {
  describe(`compression (${mode.name})`, () => {
    it("negotiates it: permessage-deflate on the WebSocket, gzip on polls", async () => {
      const socket = await connect(mode);
      if (mode.transport === "websocket") {
        assert.match(ws(socket).extensions, /^permessage-deflate/);
      } else {
        pollEncodings.length = 0;
        socket.emit("send", BIG, true);
        assert.equal(await next(socket, "sent"), BIG);
        assert.ok(pollEncodings.includes("gzip"), `poll encodings: ${pollEncodings}`);
      }
    });

    it("a large message goes to the server compressed and comes back compressed", async () => {
      const socket = await connect(mode);
      const read = await bytesReadDuring(socket, async () => {
        assert.equal(await within(socket.emitWithAck("echo", BIG), "echo"), BIG);
      });
      if (read !== null) {
        assert.ok(read < BIG.length / 20, `read ${read} bytes for ${BIG.length}`);
      }
    });

    it("a small message comes back as it was", async () => {
      const socket = await connect(mode);
      assert.equal(await within(socket.emitWithAck("echo", "hi"), "echo"), "hi");
      assert.deepEqual(await within(socket.emitWithAck("echo", { n: 1, s: "é" }), "echo"), { n: 1, s: "é" });
    });

    it("compress(false) sends a large message uncompressed", async () => {
      const socket = await connect(mode);
      pollEncodings.length = 0;
      const read = await bytesReadDuring(socket, async () => {
        socket.emit("send", BIG, false);
        assert.equal(await next(socket, "sent"), BIG);
      });
      if (read !== null) {
        assert.ok(read > BIG.length, `read ${read} bytes for ${BIG.length}`);
      } else {
        assert.ok(!pollEncodings.includes("gzip"), `poll encodings: ${pollEncodings}`);
      }
    });

    it("a broadcast reaches every client compressed, and uncompressed with compress(false)", async () => {
      const alice = await connect(mode);
      const bob = await connect(mode);
      const compressed = await bytesReadDuring(bob, async () => {
        const both = Promise.all([next(alice, "all"), next(bob, "all")]);
        alice.emit("shout", BIG, true);
        assert.deepEqual(await both, [BIG, BIG]);
      });
      const plain = await bytesReadDuring(bob, async () => {
        const both = Promise.all([next(alice, "all"), next(bob, "all")]);
        alice.emit("shout", BIG, false);
        assert.deepEqual(await both, [BIG, BIG]);
      });
      if (compressed !== null) {
        assert.ok(compressed < BIG.length / 20, `compressed broadcast: ${compressed} bytes`);
        assert.ok(plain > BIG.length, `compress(false) broadcast: ${plain} bytes`);
      }
    });
  });
}

describe("compression limits (websocket only)", () => {
  it("a message inflating past maxHttpBufferSize closes the connection with 1009", async () => {
    const socket = await connect(MODES[0]);
    const closed = within(new Promise((resolve) => ws(socket).on("close", (code) => resolve(code))), "close");
    const disconnected = next(socket, "disconnect");
    socket.emit("echo", "a".repeat(1_500_000)); // compressed by ws to a few kilobytes; over 1e6 once inflated
    assert.equal(await closed, 1009);
    assert.equal(await disconnected, "transport close");
  });
});
