// The report's section of the cluster scenario: clusters on Redis against each other (Jakartio's
// and Node's, by default), with the targets, and each server alone for the cluster's
// per-node latency overhead.
import { median, fmt, mmm, ratio, fmtRatio, table, ok, commonRate, ladderTable } from './report.js';

/** The targets of the cluster benchmark (issue 13): checked for every server against the baseline. */
const TARGETS = { rate: 1.5, cpu: 0.7, overheadMs: 1, publishes: 1 };

const stepAt = (run, rate) => run.result.steps.find((s) => s.rate === rate);
const byRound = (runs) => new Map(ok(runs).map((r) => [r.round, r]));

/** Values per round of a cluster server at a rate (null where a round has no such step). */
function clusterNumbers(runs, rate) {
  const good = ok(runs);
  const at = (f) => good.map((r) => {
    const s = stepAt(r, rate);
    return s ? f(s) : null;
  });
  return {
    maxSustainable: good.map((r) => r.result.maxSustainable?.deliveredPerSec ?? 0),
    total: at((s) => s.totalCpuPerDeliveryUs),
    nodes: at((s) => s.serverCpuPerDeliveryUs),
    redis: at((s) => s.redisCpuPerDeliveryUs),
    p50: at((s) => s.latencyMs.p50),
    p99: at((s) => s.latencyMs.p99),
    p50a: at((s) => s.groups?.a?.latencyMs.p50),
    p99a: at((s) => s.groups?.a?.latencyMs.p99),
    p50b: at((s) => s.groups?.b?.latencyMs.p50),
    // over every step of the round: exact integers, so the ratio is exact
    keyPerBroadcast: good.map((r) => perBroadcast(r.result.steps, 'keyPublishes')),
    allPerBroadcast: good.map((r) => perBroadcast(r.result.steps, 'publishCalls')),
  };
}

function perBroadcast(steps, field) {
  const withProbe = steps.filter((s) => s.probe && s.probe[field] != null);
  const broadcasts = withProbe.reduce((a, s) => a + s.probe.broadcasts, 0);
  return broadcasts ? withProbe.reduce((a, s) => a + s.probe[field], 0) / broadcasts : null;
}

/** The alone server's p50 at a rate, per round. */
function aloneP50(runs, rate) {
  return ok(runs).map((r) => stepAt(r, rate)?.latencyMs.p50 ?? null);
}

const met = (value, ok) => (value == null ? '—' : ok ? '**met**' : 'not met');

/**
 * @param g the runs of one cluster scenario ({label, servers: Map(name → runs)})
 * @param options the runner's options
 * @param servers the server descriptions (servers.js) by name
 * @returns markdown lines
 */
export function clusterSection(g, options, servers) {
  const names = options.clusterServers.filter((n) => g.servers.has(n));
  const baseline = options.clusterBaseline;
  const others = names.filter((n) => n !== baseline);
  const runsOf = (n) => g.servers.get(n) || [];
  const aloneOf = (n) => servers[n]?.alone;
  const common = commonRate(names.map(runsOf));
  const nums = Object.fromEntries(names.map((n) => [n, clusterNumbers(runsOf(n), common)]));
  const deliveriesAt = (() => {
    for (const n of names) {
      for (const r of ok(runsOf(n))) {
        const s = stepAt(r, common);
        if (s) return s.targetDeliveriesPerSec;
      }
    }
    return null;
  })();
  const overhead = Object.fromEntries(names.map((n) => {
    const a = median(nums[n].p50a);
    const alone = aloneOf(n) ? median(aloneP50(runsOf(aloneOf(n)), common)) : null;
    return [n, a == null || alone == null ? null : a - alone];
  }));
  const base = nums[baseline];
  const out = [];
  const clientsPerNode = options.clusterClients.toLocaleString('en-US');
  out.push(`## ${g.label}`);
  out.push('');
  out.push(`${options.clusterNodes} nodes of each server on one Redis, ${clientsPerNode} clients on each node; 10 clients of the first node (A) send \`chat message\` at the step's total rate, ` +
    `the node does \`io.emit\`: its own clients get it directly, the other nodes' through Redis (one \`PUBLISH\`, which Redis delivers to every node's subscription), so target deliveries/s = rate × ${(options.clusterNodes * options.clusterClients).toLocaleString('en-US')}. ` +
    'Every run has its own adapter key (nothing is flushed: the Redis is the machine\'s). ' +
    '**CPU per delivery counts every process of the cluster and the redis-server** (utime+stime from /proc over the measured window; Redis\'s PID from its `INFO server`), divided by the deliveries in the window. ' +
    '**PUBLISH per broadcast** is counted over every step of the ladder (warm-up, window and drain: every broadcast of the step has been published by its end), two ways: the messages published on the run\'s key (a pattern subscription of the generator, `PSUBSCRIBE <key>*`: exact on a shared Redis; it costs Redis one more delivery per publish, alike for every server) and the `cmdstat_publish` calls of `INFO commandstats` (every client of that Redis: other users\' publishes add to it). ' +
    `**Overhead of the cluster**: p50 of the sending node's clients in the cluster minus p50 of the same server alone (${servers[aloneOf(names[0])] ? 'the in-memory adapter, ' : ''}${clientsPerNode} clients, the same messages/s) in the same round sequence.`);
  out.push(`Comparison rate (the highest every round of every cluster sustained): ${fmt(deliveriesAt)} deliveries/s, ${fmt(common)} messages/s.`);
  out.push('');
  const row = (label, better, pick, target) => {
    const r = [label, better];
    for (const n of names) r.push(pick(n));
    for (const n of others) r.push(target ? target(n).ratio : '—');
    r.push(target ? others.map((n) => target(n).met).join(', ') || '—' : '—');
    return r;
  };
  const rateTarget = (n) => {
    const q = ratio(median(nums[n].maxSustainable), median(base?.maxSustainable ?? []));
    const none = (base?.maxSustainable ?? []).filter((x) => x === 0).length;
    if (q == null && none) {
      // the baseline held no step in most rounds: there is no ratio to judge
      return { ratio: '—', met: `not judged: ${baseline} sustained no step in ${none} of ${base.maxSustainable.length} rounds (≥ ${TARGETS.rate}×)` };
    }
    return { ratio: fmtRatio(q), met: `${met(q, q >= TARGETS.rate)} (≥ ${TARGETS.rate}×)` };
  };
  const cpuTarget = (n) => {
    const q = ratio(median(nums[n].total), median(base?.total ?? []));
    return { ratio: fmtRatio(q), met: `${met(q, q <= TARGETS.cpu)} (≤ ${TARGETS.cpu}×)` };
  };
  const plainRatio = (key) => (n) => ({ ratio: fmtRatio(ratio(median(nums[n][key]), median(base?.[key] ?? []))), met: '' });
  const rows = [
    row('max sustainable deliveries/s', 'higher', (n) => mmm(nums[n].maxSustainable), rateTarget),
    row(`CPU µs/delivery at ${fmt(deliveriesAt)}/s: every node + Redis`, 'lower', (n) => mmm(nums[n].total), cpuTarget),
    row('— of it the nodes', 'lower', (n) => mmm(nums[n].nodes), plainRatio('nodes')),
    row('— of it Redis', 'lower', (n) => mmm(nums[n].redis), plainRatio('redis')),
    row(`p50 / p99 ms at ${fmt(deliveriesAt)}/s, all clients`, 'lower', (n) => `${fmt(median(nums[n].p50))} / ${fmt(median(nums[n].p99))}`, null),
    row('p50 / p99 ms, the sending node\'s clients (A)', 'lower', (n) => `${fmt(median(nums[n].p50a))} / ${fmt(median(nums[n].p99a))}`, null),
    row('p50 ms, the other node\'s clients (B)', 'lower', (n) => fmt(median(nums[n].p50b)), null),
    row(`p50 ms of the server alone, ${clientsPerNode} clients, same messages/s`, 'lower',
      (n) => (aloneOf(n) ? `${fmt(median(aloneP50(runsOf(aloneOf(n)), common)))} (${aloneOf(n)})` : '—'), null),
    [`overhead of the cluster at p50, ms (A − alone; target ≤ ${TARGETS.overheadMs} ms)`, 'lower',
      ...names.map((n) => (overhead[n] == null ? '—' : `${fmt(overhead[n])} — ${met(overhead[n], overhead[n] <= TARGETS.overheadMs)}`)),
      ...others.map(() => '—'), '—'],
    [`PUBLISH per broadcast, on the run's key (target ${TARGETS.publishes})`, '',
      ...names.map((n) => {
        const v = median(nums[n].keyPerBroadcast);
        return v == null ? '—' : `${mmm(nums[n].keyPerBroadcast, 4)} — ${met(v, Math.abs(v - TARGETS.publishes) < 1e-9)}`;
      }),
      ...others.map(() => '—'), '—'],
    ['PUBLISH per broadcast, INFO commandstats (the whole Redis)', '', ...names.map((n) => mmm(nums[n].allPerBroadcast, 4)), ...others.map(() => '—'), '—'],
  ];
  out.push(table(['metric', 'better', ...names, ...others.map((n) => `${n} / ${baseline}`), 'target'], rows));
  out.push('');
  out.push(table(['server', 'stopped by (per round)'], names.flatMap((n) => [n, aloneOf(n)]).filter((n) => n && g.servers.has(n)).map((n) => [
    n,
    runsOf(n).map((r) => (r.error ? `error: ${r.error.split('\n')[0].slice(0, 140)}` : (r.result.stoppedBy || []).join('; ') || '—')).join('<br>'),
  ])));
  out.push('');
  for (const n of names) {
    out.push(`### ${g.label} — ${n}`);
    out.push('');
    out.push(clusterLadder(runsOf(n), aloneOf(n) ? runsOf(aloneOf(n)) : []));
    out.push('');
    if (aloneOf(n) && g.servers.has(aloneOf(n))) {
      out.push(`### ${g.label} — ${aloneOf(n)} alone, ${clientsPerNode} clients`);
      out.push('');
      out.push(ladderTable(runsOf(aloneOf(n))));
      out.push('');
    }
  }
  return out;
}

/** Median cores of each node over rounds, "A / B" (older results: the nodes' sum). */
function nodeCores(perRound) {
  const n = Math.max(...perRound.map((x) => x.length));
  if (n === 1) return `${fmt(median(perRound.map((x) => x[0])), 2)} (all nodes)`;
  return [...Array(n).keys()].map((i) => fmt(median(perRound.map((x) => x[i] ?? null)), 2)).join(' / ');
}

/** The ladder of a cluster server, with the alone server's p50 at each rate beside it. */
function clusterLadder(runs, aloneRuns) {
  const rates = [...new Set(ok(runs).flatMap((r) => r.result.steps.map((s) => s.rate)))].sort((a, b) => a - b);
  const alone = byRound(aloneRuns);
  const rows = rates.map((rate) => {
    const steps = ok(runs).map((r) => stepAt(r, rate)).filter(Boolean);
    const pick = (f) => steps.map(f);
    const aloneP50s = ok(runs).map((r) => {
      const a = alone.get(r.round);
      return a ? stepAt(a, rate)?.latencyMs.p50 ?? null : null;
    });
    const p50a = median(pick((s) => s.groups?.a?.latencyMs.p50));
    const p50alone = median(aloneP50s);
    return [
      fmt(rate),
      fmt(median(pick((s) => s.targetDeliveriesPerSec))),
      mmm(pick((s) => s.deliveredPerSec)),
      fmt(median(pick((s) => s.latencyMs.p50))),
      fmt(median(pick((s) => s.latencyMs.p99))),
      fmt(Math.max(...pick((s) => s.latencyMs.max ?? 0))),
      `${fmt(p50a)} / ${fmt(median(pick((s) => s.groups?.a?.latencyMs.p99)))}`,
      `${fmt(median(pick((s) => s.groups?.b?.latencyMs.p50)))} / ${fmt(median(pick((s) => s.groups?.b?.latencyMs.p99)))}`,
      fmt(p50alone),
      p50a == null || p50alone == null ? '—' : fmt(p50a - p50alone),
      fmt(median(pick((s) => s.totalCpuPerDeliveryUs))),
      fmt(median(pick((s) => s.serverCpuPerDeliveryUs))),
      fmt(median(pick((s) => s.redisCpuPerDeliveryUs))),
      nodeCores(pick((s) => s.nodeCores ?? [s.serverCores])),
      fmt(median(pick((s) => s.redisCores)), 2),
      fmt(median(pick((s) => s.generatorCores)), 2),
      fmt(median(pick((s) => s.otherCores)), 2),
      fmt(median(pick((s) => s.probe?.keyPublishesPerBroadcast)), 4),
      fmt(median(pick((s) => s.probe?.publishCallsPerBroadcast)), 4),
      String(pick((s) => s.lost).reduce((a, b) => a + b, 0)),
      `${steps.filter((s) => s.sustainable).length}/${steps.length}`,
    ];
  });
  return table(
    ['msgs/s sent', 'target deliveries/s', 'delivered/s', 'p50 ms', 'p99 ms', 'max ms', 'node A p50 / p99', 'node B p50 / p99', 'alone p50', 'overhead p50 ms',
      'µs/delivery, nodes + Redis', 'nodes µs', 'Redis µs', 'node cores (A / B)', 'Redis cores', 'generator cores', 'other cores', 'PUBLISH/broadcast (key)', 'PUBLISH/broadcast (all)', 'lost', 'sustained'],
    rows,
  );
}
