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
// In:   the commands of cluster-node.mjs (emit, join, fetchSockets, socketsJoin, disconnectSockets,
//       serverSideEmit, serverSideEmitWithAck, serverCount), and
//       {"id":N,"cmd":"roam","port":P}    the roaming client connects (websocket) through the proxy to port P
//       {"id":N,"cmd":"cut"}              the proxy drops every connection and refuses new ones
//       {"id":N,"cmd":"switch","port":P}  the proxy now leads to port P and accepts again
// Server-side events it answers: "ping-node" -> "pong from node"; "relay" (data) -> io.local.emit("relayed", data).

import net from "node:net";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { io as connect } from "socket.io-client";
import { out, startClusterNode } from "./cluster-node.mjs";

const [uri, key] = process.argv.slice(2);

const redis = createClient({ url: uri });
redis.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
await redis.connect();

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

await startClusterNode({
  adapter: createAdapter(redis, { streamName: key, channelPrefix: key, sessionKeyPrefix: `${key}:session:` }),
  connectionStateRecovery: { maxDisconnectionDuration: 60000, skipMiddlewares: true },
}, {
  commands: {
    async roam(command) {
      target = command.port;
      roamer = connect(`http://127.0.0.1:${proxy.address().port}`, {
        transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 200, randomizationFactor: 0,
      });
      roamer.onAny((event, ...args) => out({ kind: "roamer", event, args }));
      roamer.on("connect", () => out({ kind: "roamer-connect", id: roamer.id, recovered: roamer.recovered }));
      await new Promise((resolve) => roamer.once("connect", resolve));
      return roamer.id;
    },
    async cut() {
      open = false;
      for (const socket of piped) socket.destroy();
      piped.clear();
      return true;
    },
    async switch(command) {
      target = command.port;
      open = true;
      return true;
    },
  },
  close: async () => {
    roamer?.close();
    proxy.close();
    await Promise.allSettled([redis.quit()]);
  },
});
