// A Node socket.io 4.8.4 server on @socket.io/redis-adapter 8.3.0, with one socket.io-client
// connected to it: the Node half of the mixed-cluster test (src/test/java/io/jakartio/redis/
// MixedClusterIT.java), which drives it through stdin and reads it on stdout, one JSON object a line.
//
// Usage: node redis-cluster-node.mjs <redis uri> <key> [requestsTimeout ms]   (binds 127.0.0.1, any free port)
//
// Out:  {"kind":"ready","port":P,"clientId":"..."}         once the server listens and its client is connected
//       {"kind":"client","event":"...","args":[...]}        every event the Node client receives (binary as {"binary":[bytes]})
//       {"kind":"result","id":N,"value":...} / {"kind":"error","id":N,"message":"..."}   for each command
// In:   {"id":N,"cmd":"emit","event":"...","args":[...],"to":[rooms],"except":[rooms],"local":true}
//       {"id":N,"cmd":"emitWithAck","event":"...","timeout":ms}     -> every client's answer
//       {"id":N,"cmd":"join","room":"..."}                           the Node client's socket joins a room
//       {"id":N,"cmd":"fetchSockets","to":[rooms]}                   -> [{id, rooms, data}]
//       {"id":N,"cmd":"socketsJoin","to":[rooms],"room":"..."} / {"id":N,"cmd":"disconnectSockets","to":[rooms]}
//       {"id":N,"cmd":"serverSideEmit","event":"...","args":[...]}
//       {"id":N,"cmd":"serverSideEmitWithAck","event":"..."}         -> the other servers' answers
//       {"id":N,"cmd":"serverCount"}
// Server-side events it answers: "ping-node" -> "pong from node"; "relay" (data) -> io.local.emit("relayed", data).
// Its client answers "vote" with "node client".

import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { io as connect } from "socket.io-client";

const [uri, key, timeout] = process.argv.slice(2);

function out(message) {
  process.stdout.write(JSON.stringify(message, (k, v) =>
    v && v.type === "Buffer" && Array.isArray(v.data) ? { binary: v.data } : v) + "\n");
}

const pub = createClient({ url: uri });
const sub = pub.duplicate();
pub.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
sub.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
await Promise.all([pub.connect(), sub.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, {
  adapter: createAdapter(pub, sub, { key, requestsTimeout: Number(timeout ?? 2000) }),
});
io.on("ping-node", (cb) => cb("pong from node"));
io.on("relay", (data) => io.local.emit("relayed", data));

await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const port = httpServer.address().port;

const client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false });
client.onAny((event, ...args) => {
  const ack = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
  out({ kind: "client", event, args });
  if (ack && event === "vote") ack("node client");
});
await new Promise((resolve) => client.on("connect", resolve));
out({ kind: "ready", port, clientId: client.id });

function target(command) {
  let op = io;
  if (command.to) op = op.to(command.to);
  if (command.except) op = op.except(command.except);
  if (command.local) op = op.local;
  return op;
}

async function run(command) {
  switch (command.cmd) {
    case "emit":
      target(command).emit(command.event, ...(command.args ?? []).map(fromJson));
      return true;
    case "emitWithAck":
      return await target(command).timeout(command.timeout).emitWithAck(command.event);
    case "join":
      io.of("/").sockets.get(client.id).join(command.room);
      return true;
    case "fetchSockets":
      return (await target(command).fetchSockets()).map((s) => ({ id: s.id, rooms: [...s.rooms], data: s.data }));
    case "socketsJoin":
      target(command).socketsJoin(command.room);
      return true;
    case "disconnectSockets":
      target(command).disconnectSockets(true);
      return true;
    case "serverSideEmit":
      io.serverSideEmit(command.event, ...(command.args ?? []));
      return true;
    case "serverSideEmitWithAck":
      return await io.serverSideEmitWithAck(command.event);
    case "serverCount":
      return await io.of("/").adapter.serverCount();
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

/** {"binary":[1,2,3]} in a command's arguments is a Buffer. */
function fromJson(value) {
  return value && Array.isArray(value.binary) ? Buffer.from(value.binary) : value;
}

createInterface({ input: process.stdin }).on("line", async (line) => {
  const command = JSON.parse(line);
  try {
    out({ kind: "result", id: command.id, value: await run(command) });
  } catch (e) {
    out({ kind: "error", id: command.id, message: e.message });
  }
});
process.stdin.on("end", async () => {
  client.close();
  io.close();
  await Promise.allSettled([pub.quit(), sub.quit()]);
  process.exit(0);
});
