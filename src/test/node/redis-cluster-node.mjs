// A Node socket.io 4.8.4 server on @socket.io/redis-adapter 8.3.0, with one socket.io-client
// connected to it: the Node half of the mixed-cluster test (src/test/java/io/jakartio/redis/
// MixedClusterIT.java), which drives it through stdin and reads it on stdout, one JSON object a
// line: the commands and lines of cluster-node.mjs.
//
// Usage: node redis-cluster-node.mjs <redis uri> <key> [requestsTimeout ms]   (binds 127.0.0.1, any free port)

import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { startClusterNode } from "./cluster-node.mjs";

const [uri, key, timeout] = process.argv.slice(2);

const pub = createClient({ url: uri });
const sub = pub.duplicate();
pub.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
sub.on("error", (e) => process.stderr.write(`redis: ${e.message}\n`));
await Promise.all([pub.connect(), sub.connect()]);

await startClusterNode(
  { adapter: createAdapter(pub, sub, { key, requestsTimeout: Number(timeout ?? 2000) }) },
  { close: () => Promise.allSettled([pub.quit(), sub.quit()]) },
);
