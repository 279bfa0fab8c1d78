// The cluster scenario: fan-out across the nodes of a cluster on Redis. The clients are spread
// evenly over the nodes; the senders are all on the first node (A), so every broadcast crosses
// Redis to reach the other nodes' clients. Per step: deliveries, latency overall and per node,
// CPU of every node and of the redis-server, and Redis's PUBLISH count per broadcast.
import { LoadGen, roundRate } from './coordinator.js';
import { RedisProbe } from './redis.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const GROUPS = 'abcdefghij';

/**
 * @param {object} options ports (one per node, the first gets the senders), serverPids (one per
 *   node), redisUrl, key (the cluster's adapter key), clientsPerNode, senders (default 10), the
 *   ladder's options as for fanout (startRate or startDeliveries, factor, maxSteps, warmupMs,
 *   durationMs, drainMs, serverWarmupMs, maxP99Ms, minRatio), workers, cpus, log
 */
export async function cluster(options) {
  const o = {
    senders: 10, startDeliveries: 5000, factor: 1.5, maxSteps: 14, maxRate: 1e6, warmupMs: 2000, serverWarmupMs: 0,
    durationMs: 10000, drainMs: 3000, padding: 'hello-jakartio', lateMs: 1000, maxP99Ms: 100, minRatio: 0.95,
    maxLossRatio: 0.001, connectPace: 1000, ...options,
  };
  const nodes = o.ports.length;
  if (nodes > GROUPS.length) throw new Error(`at most ${GROUPS.length} nodes`);
  const probe = await new RedisProbe(o.redisUrl, o.key).open();
  const lg = await new LoadGen({ ...o, port: o.ports[0], serverPids: o.serverPids, redisPid: probe.pid }).start();
  try {
    const connect = {};
    for (let i = 0; i < nodes; i++) {
      const c = await lg.connect({
        count: o.clientsPerNode,
        senders: i === 0 ? o.senders : 0,
        target: { port: o.ports[i] },
        group: GROUPS[i],
        append: i > 0,
        addressOffset: i * o.clientsPerNode,
        pacePerSec: o.connectPace,
      });
      connect[GROUPS[i]] = c;
      if (c.failed > 0) o.log?.(`  node ${GROUPS[i]}: ${c.failed} of ${c.requested} clients failed to connect: ${JSON.stringify(c.errors)}`);
      if (c.ok === 0) throw new Error(`cluster: no client could connect to node ${GROUPS[i]} (port ${o.ports[i]}): ${JSON.stringify(c.errors)}`);
    }
    if (connect.a.ok < o.senders) throw new Error(`cluster: only ${connect.a.ok} clients on node a, fewer than the ${o.senders} senders`);
    await sleep(500);
    const total = nodes * o.clientsPerNode;
    const startRate = o.startRate ?? Math.max(0.1, roundRate(o.startDeliveries / total));
    // the warm-up also proves the cluster: every other node's clients must get node A's broadcasts
    const w = await lg.fanoutStep({ ...o, rate: startRate, warmupMs: Math.max(o.serverWarmupMs, 1000), durationMs: 1000 });
    const silent = GROUPS.slice(1, nodes).split('').filter((g) => !w.groups?.[g]?.received);
    if (silent.length) {
      throw new Error(`cluster: the clients of node(s) ${silent.join(', ')} received none of node a's broadcasts: the nodes do not form a cluster (Redis ${o.redisUrl}, key ${o.key})`);
    }
    const serverWarmup = { seconds: o.serverWarmupMs / 1000, rate: w.rate, deliveredPerSec: w.deliveredPerSec, p99Ms: w.latencyMs?.p99 ?? null };
    const ladder = await lg.ladder({ ...o, startRate, probe });
    const status = await lg.status();
    return {
      scenario: 'cluster',
      nodes,
      clientsPerNode: o.clientsPerNode,
      clients: total,
      senders: o.senders,
      key: o.key,
      redis: { url: o.redisUrl, pid: probe.pid, version: probe.version },
      connect,
      serverWarmup,
      ...ladder,
      status,
    };
  } finally {
    await lg.close();
    await probe.close();
  }
}
