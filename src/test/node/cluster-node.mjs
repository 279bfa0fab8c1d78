// What the Node halves of the cluster tests share (redis-cluster-node.mjs, redis-streams-node.mjs):
// a socket.io 4.8.4 server on 127.0.0.1 (any free port) with the adapter the script gives, one
// official socket.io-client 4.8.4 connected to it, and the JSON-lines protocol that
// src/test/java/io/jakartio/redis/NodeServer.java speaks on stdin/stdout.
//
// Out:  {"kind":"ready","port":P,"clientId":"..."}         once the server listens and its client is connected
//       {"kind":"client","event":"...","args":[...]}        every event the client receives (binary as {"binary":[bytes]})
//       {"kind":"result","id":N,"value":...} / {"kind":"error","id":N,"message":"..."}   for each command
// In:   {"id":N,"cmd":"emit","event":"...","args":[...],"to":[rooms],"except":[rooms],"local":true}
//       {"id":N,"cmd":"emitWithAck","event":"...","timeout":ms}     -> every client's answer
//       {"id":N,"cmd":"join","room":"...","socket":"id"}             a socket (default: the client's) joins a room
//       {"id":N,"cmd":"fetchSockets","to":[rooms]}                   -> [{id, rooms, data}]
//       {"id":N,"cmd":"socketsJoin","to":[rooms],"room":"..."} / {"id":N,"cmd":"disconnectSockets","to":[rooms]}
//       {"id":N,"cmd":"serverSideEmit","event":"...","args":[...]}
//       {"id":N,"cmd":"serverSideEmitWithAck","event":"..."}         -> the other servers' answers
//       {"id":N,"cmd":"serverCount"}
//       and the script's own commands.
// Server-side events it answers: "ping-node" -> "pong from node"; "relay" (data) -> io.local.emit("relayed", data).
// Its client answers "vote" with "node client".

import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";

/** Writes one line of JSON to stdout, Buffers as {"binary":[bytes]}. */
export function out(message) {
  process.stdout.write(JSON.stringify(message, (k, v) =>
    v && v.type === "Buffer" && Array.isArray(v.data) ? { binary: v.data } : v) + "\n");
}

/** {"binary":[1,2,3]} in a command's arguments is a Buffer. */
function fromJson(value) {
  return value && Array.isArray(value.binary) ? Buffer.from(value.binary) : value;
}

/**
 * Starts the server and its client, prints the ready line, then runs the commands read on stdin
 * until stdin ends.
 *
 * @param serverOptions the socket.io server's options (its adapter)
 * @param commands the script's own commands: name -> async (command) => result
 * @param close what the script closes when stdin ends (its Redis clients...)
 * @returns {io, client, port}
 */
export async function startClusterNode(serverOptions, { commands = {}, close = async () => {} } = {}) {
  const httpServer = createServer();
  const io = new Server(httpServer, serverOptions);
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
        io.of("/").sockets.get(command.socket ?? client.id).join(command.room);
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
        if (Object.hasOwn(commands, command.cmd)) return await commands[command.cmd](command);
        throw new Error(`unknown command ${command.cmd}`);
    }
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
    await close();
    process.exit(0);
  });
  return { io, client, port };
}
