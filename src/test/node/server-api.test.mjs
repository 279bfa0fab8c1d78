// The parts of Node's server API that show on the wire, seen by the official socket.io-client
// 4.8.4 (issue 14, point 4):
//   - the engine's initialPacket option: a message sent right after the OPEN packet; here the
//     Socket.IO event 2["welcome","initial packet"], which the client's main namespace receives
//     once connected;
//   - the engine's generateId option: the session id the client sees as socket.io.engine.id;
//   - socket.send / socket.write: the "message" event, both ways.
//
//   SIO_URL=http://127.0.0.1:3000 node --test server-api.test.mjs   # a server under test
//   node --test server-api.test.mjs                                 # Node's own server
//
// The server under test (NodeClientServerApiIT builds Jakartio's) must run with
//   initialPacket '2["welcome","initial packet"]', generateId giving ids that start with
//   "jakartio-" followed by at least 20 characters, and this connection handler:
//   socket.send("hello", 1); socket.write("written");
//   socket.on("message", (text) => socket.send("echo", text));
// Without SIO_URL the suite starts that server on Node's socket.io 4.8.4 itself, to show that
// it asks what Node does.

import { describe, it, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { Server } from "socket.io";
import { io } from "socket.io-client";

const WAIT_MS = 5000;
const INITIAL_PACKET = '2["welcome","initial packet"]';
const ID = /^jakartio-[A-Za-z0-9_.~-]{20,}$/;

const MODES = [
  { name: "websocket only", options: { transports: ["websocket"] } },
  { name: "polling only", options: { transports: ["polling"] } },
  { name: "default transports (polling, then upgrade to websocket)", options: {} },
];

let url = process.env.SIO_URL?.replace(/\/+$/, "");
let reference;

/** Node's own server, configured and answering as the header says. */
function startReference() {
  return new Promise((resolve) => {
    const httpServer = createServer();
    const server = new Server(httpServer, { initialPacket: INITIAL_PACKET });
    server.engine.generateId = () => "jakartio-" + randomBytes(15).toString("base64url");
    server.on("connection", (socket) => {
      socket.send("hello", 1);
      socket.write("written");
      socket.on("message", (text) => socket.send("echo", text));
    });
    httpServer.listen(0, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${httpServer.address().port}` });
    });
  });
}

/** Resolves with the args of the next `event`; rejects after WAIT_MS. */
function next(received, event) {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const index = received.findIndex((entry) => entry.event === event);
      if (index >= 0) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(received.splice(index, 1)[0].args);
      }
    }, 5);
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`timed out waiting for "${event}"; got ${JSON.stringify(received)}`));
    }, WAIT_MS);
  });
}

describe("Node's server API on the wire", () => {
  let socket;

  before(async () => {
    if (!url) {
      reference = await startReference();
      url = reference.url;
    }
  });

  after(() => reference?.server.close());

  afterEach(() => socket?.disconnect());

  for (const mode of MODES) {
    it(`${mode.name}: initialPacket, generateId and the message event`, async () => {
      socket = io(url, { forceNew: true, reconnection: false, ...mode.options });
      const received = [];
      for (const event of ["connect", "welcome", "message"]) {
        socket.on(event, (...args) => received.push({ event, args }));
      }
      socket.on("connect_error", (error) => received.push({ event: "connect_error", args: [error.message] }));

      await next(received, "connect");
      assert.match(socket.io.engine.id, ID, "the session id is the generator's");
      assert.notEqual(socket.id, socket.io.engine.id, "the socket id is not the session id");
      assert.deepEqual(await next(received, "welcome"), ["initial packet"]);
      assert.deepEqual(await next(received, "message"), ["hello", 1]);
      assert.deepEqual(await next(received, "message"), ["written"]);

      socket.send("ping");
      assert.deepEqual(await next(received, "message"), ["echo", "ping"]);
      assert.deepEqual(received, [], "nothing else arrived");
    });
  }
});
