// A Node socket.io 4.8.4 server on @socket.io/redis-streams-adapter 0.3.1 (connection state
// recovery on, 60 s), with one socket.io-client 4.8.4 connected to it, and optionally a second,
// "roaming" client that goes through a TCP proxy of this script whose target can change: the Node
// half of RedisStreamsMixedClusterIT and the Node client of RedisStreamsRecoveryIT
// (src/test/java/io/jakartio/redis/), driven through stdin/stdout, one JSON object a line.
//
// Usage: node redis-streams-node.mjs <redis uri> <key>   (stream and channel prefix <key>, sessions
//        under <key>:session:; binds 127.0.0.1, any free port)
//
// Out:  {"kind":"ready","port":P,"clientId":"..."}
//       {"kind":"client","event":"...","args":[...]}      every event the first client receives
//       {"kind":"roamer","event":"...","args":[...]}      every event the roaming client receives (offset included)
//       {"kind":"roamer-connect","id":"...","recovered":bool}   each (re)connection of the roaming client
//       {"kind":"result","id":N,"value":...} / {"kind":"error","id":N,"message":"..."}
// In:   the commands of redis-cluster-node.mjs (emit, join, fetchSockets, socketsJoin, disconnectSockets,
//       serverSideEmit, serverSideEmitWithAck, serverCount), and
//       {"id":N,"cmd":"roam","port":P}    the roaming client connects (websocket) through the proxy to port P
//       {"id":N,"cmd":"cut"}              the proxy drops every connection and refuses new ones
//       {"id":N,"cmd":"switch","port":P}  the proxy now leads to port P and accepts again
// Server-side events it answers: "ping-node" -> "pong from node"; "relay" (data) -> io.local.emit("relayed", data).

import { createServer } from "node:http";
import net from "node:net";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { io as connect } from "socket.io-client";

const [uri, key] = process.argv.slice(2);

function out(message) {
  process.stdout.write(JSON.stringify(message, (k, v) =>
    v && v.type === "Buffer" && Array.isArray(v.data) ? { binary: v.data } : v) + "\n");
}

const redis = createClient({ url: uri });
redis.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
await redis.connect();

const httpServer = createServer();
const io = new Server(httpServer, {
  adapter: createAdapter(redis, { streamName: key, channelPrefix: key, sessionKeyPrefix: `${key}:session:` }),
  connectionStateRecovery: { maxDisconnectionDuration: 60000, skipMiddlewares: true },
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

// ---- the roaming client's proxy ----
let target = 0;
let open = true;
const piped = new Set();
const proxy = net.createServer((inbound) => {
  if (!open) return inbound.destroy();
  const outbound = net.connect(target, "127.0.0.1");
  piped.add(inbound).add(outbound);
  const drop = () => { inbound.destroy(); outbound.destroy(); piped.delete(inbound); piped.delete(outbound); };
  inbound.on("error", drop).on("close", drop);
  outbound.on("error", drop).on("close", drop);
  inbound.pipe(outbound).pipe(inbound);
});
await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
let roamer;

function target_(command) {
  let op = io;
  if (command.to) op = op.to(command.to);
  if (command.except) op = op.except(command.except);
  if (command.local) op = op.local;
  return op;
}

async function run(command) {
  switch (command.cmd) {
    case "emit":
      target_(command).emit(command.event, ...(command.args ?? []).map(fromJson));
      return true;
    case "join":
      io.of("/").sockets.get(command.socket ?? client.id).join(command.room);
      return true;
    case "fetchSockets":
      return (await target_(command).fetchSockets()).map((s) => ({ id: s.id, rooms: [...s.rooms], data: s.data }));
    case "socketsJoin":
      target_(command).socketsJoin(command.room);
      return true;
    case "disconnectSockets":
      target_(command).disconnectSockets(true);
      return true;
    case "serverSideEmit":
      io.serverSideEmit(command.event, ...(command.args ?? []));
      return true;
    case "serverSideEmitWithAck":
      return await io.serverSideEmitWithAck(command.event);
    case "serverCount":
      return await io.of("/").adapter.serverCount();
    case "roam": {
      target = command.port;
      roamer = connect(`http://127.0.0.1:${proxy.address().port}`, {
        transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 200, randomizationFactor: 0,
      });
      roamer.onAny((event, ...args) => out({ kind: "roamer", event, args }));
      roamer.on("connect", () => out({ kind: "roamer-connect", id: roamer.id, recovered: roamer.recovered }));
      await new Promise((resolve) => roamer.once("connect", resolve));
      return roamer.id;
    }
    case "cut":
      open = false;
      for (const socket of piped) socket.destroy();
      piped.clear();
      return true;
    case "switch":
      target = command.port;
      open = true;
      return true;
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
  roamer?.close();
  proxy.close();
  io.close();
  await Promise.allSettled([redis.quit()]);
  process.exit(0);
});
