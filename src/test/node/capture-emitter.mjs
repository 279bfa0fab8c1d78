// Prints what Node's @socket.io/redis-emitter 5.1.0 publishes for each operation, one JSON line
// each: {"op": "...", "channel": "...", "hex": "..."} (the message as bytes, in hex). No Redis:
// the emitter is given a client that only records its PUBLISH commands. The literals of
// src/test/java/io/jakartio/redis/EmitterWireTest.java were captured with it.
//
// Usage: node capture-emitter.mjs

import { Emitter } from "@socket.io/redis-emitter";

let published = [];
const recorder = { publish: (channel, message) => published.push({ channel, message }) };

function capture(op, action) {
  published = [];
  action(new Emitter(recorder));
  for (const { channel, message } of published) {
    const bytes = typeof message === "string" ? Buffer.from(message, "utf8") : Buffer.from(message);
    process.stdout.write(JSON.stringify({ op, channel, hex: bytes.toString("hex"), text: typeof message === "string" ? message : undefined }) + "\n");
  }
}

capture("emit", (e) => e.emit("news", "hello", 42, { a: [true, null] }));
capture("emit binary", (e) => e.emit("file", Buffer.from([1, 2, 3]), { nested: Buffer.from([255]) }));
capture("emit double", (e) => e.emit("n", 1.5, -3, 4294967296));
capture("to one room", (e) => e.to("room1").emit("news"));
capture("to two rooms except", (e) => e.to("room1").to(["room2"]).except("room3").emit("news", "x"));
capture("except only", (e) => e.except(["room3", "room4"]).emit("news"));
capture("volatile", (e) => e.volatile.emit("tick"));
capture("compress false", (e) => e.compress(false).emit("tick"));
capture("compress then volatile", (e) => e.compress(false).volatile.emit("tick"));
capture("volatile then compress", (e) => e.volatile.compress(false).emit("tick"));
capture("compress true", (e) => e.compress(true).emit("tick"));
capture("of chat", (e) => e.of("chat").to("room1").emit("news"));
capture("of /admin", (e) => e.of("/admin").emit("news"));
capture("socketsJoin", (e) => e.to("room1").except("room2").socketsJoin(["room3", "room4"]));
capture("socketsJoin one", (e) => e.socketsJoin("room3"));
capture("socketsLeave", (e) => e.in("room1").socketsLeave("room3"));
capture("disconnectSockets", (e) => e.disconnectSockets());
capture("disconnectSockets close", (e) => e.to("room1").disconnectSockets(true));
capture("serverSideEmit", (e) => e.serverSideEmit("relay", { msg: "hi" }, 1));
capture("serverSideEmit binary", (e) => e.of("/chat").serverSideEmit("relay", Buffer.from([1, 2])));
for (const name of ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]) {
  try { new Emitter(recorder).emit(name); } catch (e) { process.stdout.write(JSON.stringify({ op: "reserved " + name, error: e.message }) + "\n"); }
}
try { new Emitter(recorder).serverSideEmit("relay", () => {}); } catch (e) { process.stdout.write(JSON.stringify({ op: "serverSideEmit ack", error: e.message }) + "\n"); }
