// The MessagePack parser with the official socket.io-client 4.8.4 and socket.io-msgpack-parser
// 3.0.2 (`parser: msgpackParser` on the client): a server run with Node's `parser` option set to
// the same parser (Jakartio: jakartio.parser=msgpack) must pass it. Uses the "scenarios" fixture's
// handlers (echo, chat message, ask-client, transport; see reference-server.mjs).
//
//   SIO_URL=http://127.0.0.1:3000 node --test msgpack.test.mjs
//
// Every test runs websocket only, polling only, and polling then upgrade to websocket.

import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";

const URL = (process.env.SIO_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const PATH = process.env.SIO_PATH ?? "/socket.io";
const WAIT_MS = 5000;

const MODES = [
  { name: "websocket only", options: { transports: ["websocket"] }, transport: "websocket" },
  { name: "polling only", options: { transports: ["polling"] }, transport: "polling" },
  { name: "polling then upgrade", options: {}, transport: "websocket" },
];

const uid = () => Math.random().toString(36).slice(2, 10);

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const next = (socket, event) => within(new Promise((resolve) => socket.once(event, (...args) => resolve(args))), event);

for (const mode of MODES) {
  describe(`MessagePack parser, ${mode.name}`, () => {
    const sockets = [];

    async function connect() {
      const socket = io(URL, { path: PATH, forceNew: true, reconnection: false, parser: msgpackParser, ...mode.options });
      sockets.push(socket);
      await within(new Promise((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      }), "connect");
      if (mode.transport === "websocket" && socket.io.engine.transport.name !== "websocket") {
        await next(socket.io.engine, "upgrade");
      }
      return socket;
    }

    afterEach(() => {
      sockets.splice(0).forEach((socket) => socket.disconnect());
    });

    it("connects on the expected transport and gets acks with every kind of value", async () => {
      const socket = await connect();
      assert.equal(await socket.timeout(WAIT_MS).emitWithAck("transport"), mode.transport);
      const values = ["text", 0, 1, -33, 255, 65536, 4294967296, 2.5, true, false, null, { nested: [1, "é", { deep: null }] }, []];
      assert.deepEqual(await socket.timeout(WAIT_MS).emitWithAck("echo", ...values), values[0]);
      const all = await within(new Promise((resolve) => socket.emit("echo", ...values, (...args) => resolve(args))), "echo ack");
      assert.deepEqual(all, values);
    });

    it("sends binary both ways as MessagePack bin values", async () => {
      const socket = await connect();
      const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
      const acked = await within(new Promise((resolve) => socket.emit("echo", "bin", bytes, { inside: bytes }, (...args) => resolve(args))), "binary ack");
      assert.equal(acked[0], "bin");
      assert.deepEqual(Buffer.from(acked[1]), bytes);
      assert.deepEqual(Buffer.from(acked[2].inside), bytes);
      const echoed = next(socket, "echo");
      socket.emit("echo", bytes); // without an ack the fixture emits it back
      const [back] = await echoed;
      assert.ok(Buffer.isBuffer(back), "a Buffer for Node's client");
      assert.deepEqual(back, bytes);
    });

    it("answers the server's question with an ack", async () => {
      const socket = await connect();
      socket.on("question", (question, callback) => callback(`you asked: ${question}`));
      assert.deepEqual(await socket.timeout(WAIT_MS).emitWithAck("ask-client", { timeout: 2000 }),
        { answer: "you asked: what is your name?" });
    });

    it("delivers a broadcast to every client", async () => {
      const clients = [await connect(), await connect(), await connect()];
      const text = `hello ${uid()}`;
      const received = clients.map((socket) => within(new Promise((resolve) => {
        socket.on("chat message", (msg) => { if (msg?.text === text) resolve(msg); });
      }), "the broadcast"));
      clients[1].emit("chat message", { text, bytes: Buffer.from([7, 8]) });
      for (const msg of await Promise.all(received)) {
        assert.deepEqual(Buffer.from(msg.bytes), Buffer.from([7, 8]));
      }
    });

    it("closes the connection on bytes that are not a MessagePack packet", async () => {
      const socket = await connect();
      const closed = next(socket, "disconnect");
      socket.io.engine.write(Buffer.from([0x83, 0xa4, 0x74, 0x79, 0x70, 0x65, 0x07])); // {type: 7, ... cut short
      const [reason] = await closed;
      assert.match(reason, /transport (close|error)|io server disconnect/);
    });
  });
}
