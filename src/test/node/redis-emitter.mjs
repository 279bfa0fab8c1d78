// Node's own @socket.io/redis-emitter 5.1.0 (on redis 4.7.1), driven by JSON lines: the Node side
// of NodeEmitterIT (src/test/java/io/jakartio/redis/), which starts it through NodeServer.script
// and checks that what it publishes reaches Jakartio's clients and listeners.
//
// Usage: node redis-emitter.mjs <redis uri> <key>
//
// Out:  {"kind":"ready"}                                         once connected to Redis
//       {"kind":"result","id":N,"value":true} / {"kind":"error","id":N,"message":"..."}   for each
//       command, once Redis has answered its PUBLISH
// In:   {"id":N,"cmd":"emit","event":"...","args":[...]}         and optionally, for every command but
//       serverSideEmit: "nsp":"/chat", "to":[rooms], "except":[rooms], "volatile":true, "compress":false
//       {"id":N,"cmd":"socketsJoin","rooms":[...]} / {"id":N,"cmd":"socketsLeave","rooms":[...]}
//       {"id":N,"cmd":"disconnectSockets","close":true}
//       {"id":N,"cmd":"serverSideEmit","nsp":"/","args":["event", ...]}
// In arguments, {"binary":[1,2,3]} is a Buffer.

import { createInterface } from "node:readline";
import { Emitter } from "@socket.io/redis-emitter";
import { createClient } from "redis";

const [uri, key] = process.argv.slice(2);

function out(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

const redis = createClient({ url: uri });
redis.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
await redis.connect();
const emitter = new Emitter(redis, { key });
out({ kind: "ready" });

function target(command) {
  let op = emitter.of(command.nsp ?? "/");
  if (command.to) op = op.to(command.to);
  if (command.except) op = op.except(command.except);
  if (command.volatile) op = op.volatile;
  if (command.compress !== undefined) op = op.compress(command.compress);
  return op;
}

function fromJson(value) {
  return value && Array.isArray(value.binary) ? Buffer.from(value.binary) : value;
}

function run(command) {
  switch (command.cmd) {
    case "emit":
      return target(command).emit(command.event, ...(command.args ?? []).map(fromJson));
    case "socketsJoin":
      return target(command).socketsJoin(command.rooms);
    case "socketsLeave":
      return target(command).socketsLeave(command.rooms);
    case "disconnectSockets":
      return target(command).disconnectSockets(command.close ?? false);
    case "serverSideEmit":
      return emitter.of(command.nsp ?? "/").serverSideEmit(...command.args.map(fromJson));
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

createInterface({ input: process.stdin }).on("line", async (line) => {
  const command = JSON.parse(line);
  try {
    run(command);
    await redis.ping(); // commands are answered in order: the emitter's PUBLISH is done
    out({ kind: "result", id: command.id, value: true });
  } catch (e) {
    out({ kind: "error", id: command.id, message: e.message });
  }
});
process.stdin.on("end", async () => {
  await redis.quit().catch(() => {});
  process.exit(0);
});
