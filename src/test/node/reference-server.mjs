// Reference implementation of the "scenarios" fixture on Node's own socket.io
// server. The suite in scenarios.test.mjs must pass against it; a server under
// test (e.g. the Java one) must behave the same way.
//
// Usage: node reference-server.mjs [port]   (default 3000, binds 127.0.0.1)
// Prints "READY" on stdout once it is listening.
// SIO_RECOVERY_MS=2000 turns connection state recovery on, sessions kept that long, and
// SIO_PING_MS=500 sets pingInterval and pingTimeout (the recovery suite, recovery.test.mjs: a
// long-polling client whose network drops between two polls is noticed by the heartbeat only);
// without them the server is Node's default.

import { createServer } from "node:http";
import { Server } from "socket.io";

const HOST = "127.0.0.1";
const port = Number(process.argv[2] ?? 3000);

const httpServer = createServer();
const { SIO_RECOVERY_MS: recoveryMs, SIO_PING_MS: pingMs } = process.env;
const io = new Server(httpServer, {
  ...(recoveryMs ? { connectionStateRecovery: { maxDisconnectionDuration: Number(recoveryMs) } } : {}),
  ...(pingMs ? { pingInterval: Number(pingMs), pingTimeout: Number(pingMs) } : {}),
});

/** Splits socket.io handler arguments into [data args, ack function or undefined]. */
function splitAck(args) {
  if (args.length > 0 && typeof args[args.length - 1] === "function") {
    return [args.slice(0, -1), args[args.length - 1]];
  }
  return [args, undefined];
}

/** Calls ack(...values) if the client asked for an acknowledgement. */
function reply(ack, ...values) {
  if (typeof ack === "function") ack(...values);
}

// ---------------------------------------------------------------- namespace "/"
io.on("connection", (socket) => {
  socket.on("chat message", (msg) => {
    io.emit("chat message", msg);
  });

  socket.on("broadcast", (...args) => {
    const [data] = splitAck(args);
    socket.broadcast.emit("broadcast", ...data);
  });

  socket.on("echo", (...args) => {
    const [data, ack] = splitAck(args);
    if (ack) ack(...data);
    else socket.emit("echo", ...data);
  });

  socket.on("whoami", (ack) => reply(ack, socket.id));

  socket.on("handshake", (ack) =>
    reply(ack, { auth: socket.handshake.auth, query: socket.handshake.query, address: socket.handshake.address }),
  );

  socket.on("transport", (ack) => reply(ack, socket.conn.transport.name));

  socket.on("join", (room, ack) => {
    socket.join(room);
    reply(ack, true);
  });

  socket.on("leave", (room, ack) => {
    socket.leave(room);
    reply(ack, true);
  });

  socket.on("to-room", ({ room, msg }) => {
    io.to(room).emit("room message", { room, msg, from: socket.id });
  });

  socket.on("to-room-others", ({ room, msg }) => {
    socket.to(room).emit("room message", { room, msg, from: socket.id });
  });

  socket.on("room-size", (room, ack) => {
    reply(ack, io.of("/").adapter.rooms.get(room)?.size ?? 0);
  });

  socket.on("dm", ({ to, msg }) => {
    io.to(to).emit("dm", { from: socket.id, msg });
  });

  socket.on("ask-client", ({ timeout }, ack) => {
    socket.timeout(timeout).emit("question", "what is your name?", (err, answer) => {
      reply(ack, err ? { error: "timeout" } : { answer });
    });
  });

  socket.on("kick", () => socket.disconnect());

  socket.on("drop", () => socket.conn.close());

  socket.on("disconnect", () => {
    io.emit("user left", socket.id);
  });
});

// ------------------------------------------------------------- namespace "/chat"
const chat = io.of("/chat");
chat.on("connection", (socket) => {
  socket.on("chat message", (msg) => chat.emit("chat message", msg));

  socket.on("echo", (...args) => {
    const [data, ack] = splitAck(args);
    reply(ack, ...data);
  });

  socket.on("whoami", (ack) => reply(ack, socket.id));
});

// ------------------------------------------------------------ namespace "/admin"
const admin = io.of("/admin");
admin.use((socket, next) => {
  if (socket.handshake.auth?.token === "secret") return next();
  const err = new Error("unauthorized");
  err.data = { reason: "bad token" };
  next(err);
});
admin.on("connection", (socket) => {
  socket.on("whoami", (ack) =>
    reply(ack, { id: socket.id, token: socket.handshake.auth.token }),
  );
});

httpServer.listen(port, HOST, () => {
  console.log("READY");
});

function shutdown() {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
