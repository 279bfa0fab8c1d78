// Reference implementation of the "scenarios" fixture on Node's own socket.io
// server. The suite in scenarios.test.mjs must pass against it; a server under
// test (e.g. the Java one) must behave the same way.
//
// Usage: node reference-server.mjs [port]   (default 3000, binds 127.0.0.1)
// Prints "READY" on stdout once it is listening.
// SIO_RECOVERY_MS=2000 turns connection state recovery on, sessions kept that long, and
// SIO_PING_MS=500 sets pingInterval and pingTimeout (the recovery suite, recovery.test.mjs: a
// long-polling client whose network drops between two polls is noticed by the heartbeat only);
// SIO_ALLOW_EIO3=1 lets Socket.IO 2.x clients connect (allowEIO3, the suite eio3.test.mjs).
// SIO_PARSER=msgpack sets the parser option to socket.io-msgpack-parser (the MessagePack suite,
// msgpack.test.mjs). Without them the server is Node's default.
//
// Cluster mode, the same as Jakartio's fixture (src/test/fixtures/run scenarios PORT):
//   JAKARTIO_ADAPTER=redis          @socket.io/redis-adapter 8.3.0, key JAKARTIO_REDIS_KEY (default socket.io)
//   JAKARTIO_ADAPTER=redis-streams  @socket.io/redis-streams-adapter 0.3.1, stream name and channel
//                                   prefix JAKARTIO_REDIS_KEY, sessions under JAKARTIO_REDIS_KEY:session:
//   JAKARTIO_ADAPTER=memory         Node's own adapter, one node
//   JAKARTIO_REDIS_URI              default redis://127.0.0.1:6379
// with connection state recovery on (2 minutes, or SIO_RECOVERY_MS; middlewares skipped). Servers on
// the same URI and key, Java and Node, form one cluster; the cluster events (cluster-sockets,
// server-count, server-side-emit, server-side-ack, join-remote, kick-remote) are answered in every
// mode, for one node when there is no cluster. "READY" comes once the adapter is connected to Redis.

import { createServer } from "node:http";
import { Server } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";

const HOST = "127.0.0.1";
const port = Number(process.argv[2] ?? 3000);

const httpServer = createServer();
const { SIO_RECOVERY_MS: recoveryMs, SIO_PING_MS: pingMs } = process.env;
const cluster = await clusterOptions(process.env);
const io = new Server(httpServer, {
  ...(cluster
    ? {
        adapter: cluster.adapter,
        connectionStateRecovery: {
          maxDisconnectionDuration: recoveryMs ? Number(recoveryMs) : 2 * 60 * 1000,
          skipMiddlewares: true,
        },
      }
    : {}),
  ...(recoveryMs && !cluster ? { connectionStateRecovery: { maxDisconnectionDuration: Number(recoveryMs) } } : {}),
  ...(pingMs ? { pingInterval: Number(pingMs), pingTimeout: Number(pingMs) } : {}),
  ...(process.env.SIO_ALLOW_EIO3 ? { allowEIO3: true } : {}),
  ...(process.env.SIO_PARSER === "msgpack" ? { parser: msgpackParser } : {}),
});
// true when other nodes can exist: Node's in-memory adapter cannot serverSideEmit (it only warns)
const clustered = cluster?.adapter !== undefined;

/**
 * Reads JAKARTIO_ADAPTER, JAKARTIO_REDIS_URI and JAKARTIO_REDIS_KEY.
 * @returns undefined without JAKARTIO_ADAPTER, else {adapter} (adapter undefined for "memory")
 */
async function clusterOptions(env) {
  const name = env.JAKARTIO_ADAPTER?.trim();
  if (!name) return undefined;
  const uri = env.JAKARTIO_REDIS_URI?.trim() || "redis://127.0.0.1:6379";
  const key = env.JAKARTIO_REDIS_KEY?.trim() || undefined;
  if (name === "memory") return { adapter: undefined };
  if (name !== "redis" && name !== "redis-streams") {
    console.error(`JAKARTIO_ADAPTER=${name}: unknown adapter '${name}'; known: memory, redis, redis-streams`);
    process.exit(1);
  }
  const { createClient } = await import("redis");
  const pub = createClient({ url: uri });
  pub.on("error", (e) => console.error(`redis: ${e.message}`));
  if (name === "redis") {
    const { createAdapter } = await import("@socket.io/redis-adapter");
    const sub = pub.duplicate();
    sub.on("error", (e) => console.error(`redis: ${e.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    return { adapter: createAdapter(pub, sub, key ? { key } : {}) };
  }
  const { createAdapter } = await import("@socket.io/redis-streams-adapter");
  await pub.connect();
  return {
    adapter: createAdapter(pub, key ? { streamName: key, channelPrefix: key, sessionKeyPrefix: `${key}:session:` } : {}),
  };
}

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

  // the whole cluster's count; an {error} when a node did not answer in time
  socket.on("room-size", (room, ack) => {
    answer(ack, io.in(room).fetchSockets().then((sockets) => sockets.length));
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

  // ---- the cluster events
  socket.on("cluster-sockets", (ack) => {
    answer(ack, io.fetchSockets().then((sockets) => sockets.map((s) => s.id)));
  });

  socket.on("server-count", (ack) => answer(ack, io.of("/").adapter.serverCount()));

  socket.on("server-side-emit", (msg) => {
    if (clustered) io.serverSideEmit("relay", { msg, from: socket.id });
  });

  socket.on("server-side-ack", (ack) => {
    answer(ack, clustered ? io.serverSideEmitWithAck("ping-node") : Promise.resolve([]));
  });

  socket.on("join-remote", ({ to, room } = {}, ack) => {
    io.in(to).socketsJoin(room);
    reply(ack, true);
  });

  socket.on("kick-remote", ({ to } = {}, ack) => {
    io.in(to).disconnectSockets();
    reply(ack, true);
  });
});

// server-side events of the other nodes (the same names on Jakartio's side)
io.on("relay", (data) => io.local.emit("relayed", data));
io.on("ping-node", (...args) => reply(args[args.length - 1], "pong"));

/** Acknowledges with what the promise gives, or with {error} if it fails. */
function answer(ack, promise) {
  promise.then(
    (value) => reply(ack, value),
    (err) => reply(ack, { error: err?.message ?? String(err) }),
  );
}

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
