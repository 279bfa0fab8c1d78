// Turns the runner's raw results into the markdown report: medians over rounds with min–max,
// and each server's ratio to the baseline (Node's Socket.IO unless --baseline says otherwise).
// The cluster scenario's section is cluster-report.js's.
import { clusterSection } from './cluster-report.js';

export function median(xs) {
  const v = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function range(xs) {
  const v = xs.filter((x) => x != null && Number.isFinite(x));
  return v.length ? [Math.min(...v), Math.max(...v)] : [null, null];
}

export function fmt(x, digits = 3) {
  if (x == null || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(0);
  if (abs === 0) return '0';
  return Number(x.toPrecision(digits)).toString();
}

/** "median (min–max)" over rounds, or "—" */
export function mmm(xs, digits) {
  const m = median(xs);
  if (m == null) return '—';
  const [lo, hi] = range(xs);
  const n = xs.filter((x) => x != null && Number.isFinite(x)).length;
  return n > 1 && lo !== hi ? `${fmt(m, digits)} (${fmt(lo, digits)}–${fmt(hi, digits)})` : fmt(m, digits);
}

export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}

export function fmtRatio(r) {
  return r == null ? '—' : `${r.toFixed(2)}×`;
}

export function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** Groups the runs by scenario key, then by server, keeping round order. */
function group(runs) {
  const byKey = new Map();
  for (const run of runs) {
    if (!byKey.has(run.key)) byKey.set(run.key, { key: run.key, scenario: run.scenario, label: run.label, servers: new Map() });
    const g = byKey.get(run.key);
    if (!g.servers.has(run.server)) g.servers.set(run.server, []);
    g.servers.get(run.server).push(run);
  }
  return byKey;
}

export const ok = (runs) => runs.filter((r) => r.result && !r.error);

// ---- per-scenario numbers (one value per round) -------------------------------------------

function fanoutNumbers(runs, commonRate) {
  const good = ok(runs);
  const at = (r) => r.result.steps.find((s) => s.rate === commonRate);
  return {
    maxSustainable: good.map((r) => r.result.maxSustainable?.deliveredPerSec ?? 0),
    cpuAtCommon: good.map((r) => at(r)?.serverCpuPerDeliveryUs ?? null),
    kernelAtCommon: good.map((r) => at(r)?.serverKernelPerDeliveryUs ?? null),
    p50AtCommon: good.map((r) => at(r)?.latencyMs.p50 ?? null),
    p99AtCommon: good.map((r) => at(r)?.latencyMs.p99 ?? null),
    p99AtMax: good.map((r) => r.result.maxSustainable?.latencyMs?.p99 ?? null),
    bytesAtCommon: good.map((r) => at(r)?.wireBytesPerDelivery ?? null),
    deflateClients: good.map((r) => at(r)?.deflateClients ?? r.result.status?.deflate ?? null),
  };
}

/** The highest rate that every round of every server sustained (else the first rate). */
export function commonRate(serverRuns) {
  let common = null;
  let sets = [];
  for (const runs of serverRuns) {
    for (const r of ok(runs)) {
      sets.push(new Set(r.result.steps.filter((s) => s.sustainable).map((s) => s.rate)));
    }
  }
  if (sets.length === 0) return null;
  const candidates = [...sets[0]].filter((rate) => sets.every((s) => s.has(rate))).sort((a, b) => a - b);
  common = candidates.length ? candidates[candidates.length - 1] : null;
  if (common == null) {
    const firsts = serverRuns.flatMap((runs) => ok(runs).map((r) => r.result.steps[0]?.rate)).filter((x) => x != null);
    common = firsts.length ? Math.min(...firsts) : null;
  }
  return common;
}

export function ladderTable(runs) {
  const rates = [...new Set(ok(runs).flatMap((r) => r.result.steps.map((s) => s.rate)))].sort((a, b) => a - b);
  const rows = rates.map((rate) => {
    const steps = ok(runs).map((r) => r.result.steps.find((s) => s.rate === rate)).filter(Boolean);
    const pick = (f) => steps.map(f);
    return [
      fmt(rate),
      fmt(median(pick((s) => s.targetDeliveriesPerSec))),
      mmm(pick((s) => s.deliveredPerSec)),
      fmt(median(pick((s) => s.latencyMs.p50))),
      fmt(median(pick((s) => s.latencyMs.p95))),
      fmt(median(pick((s) => s.latencyMs.p99))),
      fmt(Math.max(...pick((s) => s.latencyMs.max ?? 0))),
      fmt(median(pick((s) => s.serverCpuPerDeliveryUs))),
      fmt(median(pick((s) => s.serverKernelPerDeliveryUs))),
      fmt(median(pick((s) => s.wireBytesPerDelivery ?? null))),
      fmt(median(pick((s) => s.serverCores)), 2),
      fmt(median(pick((s) => s.generatorCores)), 2),
      fmt(median(pick((s) => s.otherCores)), 2),
      String(pick((s) => s.lost).reduce((a, b) => a + b, 0)),
      `${steps.filter((s) => s.sustainable).length}/${steps.length}`,
    ];
  });
  return table(
    ['msgs/s sent', 'target deliveries/s', 'delivered/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server µs/delivery', 'of it kernel µs', 'wire bytes/delivery', 'server cores', 'generator cores', 'other cores', 'lost', 'sustained'],
    rows,
  );
}

// ---- the report ---------------------------------------------------------------------------

export function buildReport(data) {
  const { info, options, runs, notes, servers } = data;
  const baseline = options.baseline;
  const serverNames = options.scenarios.every((s) => s === 'cluster') ? [] : options.servers;
  const others = serverNames.filter((s) => s !== baseline);
  const listed = Object.keys(servers); // every server of the run, the cluster scenario's included
  const out = [];
  out.push(`# Jakartio vs Node.js Socket.IO — benchmark ${info.date}`);
  out.push('');
  if (data.status && data.status !== 'complete') {
    out.push(`> **This run is ${data.status}**: the tables hold what was measured before it stopped.`);
    out.push('');
  }
  out.push(table(['', ''], [
    ['Command', `\`${info.command}\``],
    ['Date', info.date],
    ['Machine', `${info.nproc} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB, ${info.kernel}${info.os ? `, ${info.os}` : ''}`],
    ['Container', info.container],
    ['Node.js', info.node],
    ['Java', info.java || '—'],
    ['Repository', info.git || '—'],
    ['CPU placement', options.pinned ? 'pinned: server on CPU 0, load generator on CPU 1 (taskset)' : 'unpinned: server and load generator share all CPUs'],
    ['Rounds', `${options.rounds}, servers interleaved (${listed.join(', ')}, then again)`],
    ['Open files limit', info.openFiles ? `${info.openFiles.soft} (hard ${info.openFiles.hard})` : '—'],
    ['Load average at start', info.loadAverage.join(' ') +
      (runs.some((r) => r.loadAverage) ? `; highest 1-minute average when a run started: ${Math.max(...runs.map((r) => r.loadAverage?.[0] ?? 0))}` : '') +
      (info.loadAverageEnd ? `; at the end: ${info.loadAverageEnd.join(' ')}` : '')],
    ...(data.redis ? [['Redis', `${data.redis.version} at ${data.redis.uri} (redis-server PID ${data.redis.pid}), shared with the machine's other users; one key per run, never flushed`]] : []),
    ['Servers', listed.map((n) => `**${n}**: ${servers[n]?.description || ''}${servers[n]?.note ? ` (${servers[n].note})` : ''}`).join('<br>')],
  ]));
  out.push('');
  out.push(`Numbers are medians over the rounds, with min–max in parentheses; ratios are *server / ${baseline}*. ` +
    'Server CPU is utime+stime of the whole server process (all threads) from /proc/PID/stat over the measured window; ' +
    '"in the kernel" / "of it kernel" is stime alone (system calls and the work they do, such as sending on loopback TCP).');
  out.push('');

  const groups = group(runs);
  const summary = [];
  const sections = [];

  for (const g of groups.values()) {
    const names = serverNames.filter((n) => g.servers.has(n));
    const runsOf = (n) => g.servers.get(n) || [];
    const base = runsOf(baseline);
    if (g.scenario === 'cluster') {
      sections.push(...clusterSection(g, options, servers));
    } else if (g.scenario === 'fanout' || g.scenario === 'polling') {
      const common = commonRate(names.map(runsOf));
      const nums = Object.fromEntries(names.map((n) => [n, fanoutNumbers(runsOf(n), common)]));
      const baseNums = base.length ? fanoutNumbers(base, common) : null;
      const commonDeliveries = (() => {
        for (const n of names) {
          for (const r of ok(runsOf(n))) {
            const s = r.result.steps.find((x) => x.rate === common);
            if (s) return s.targetDeliveriesPerSec;
          }
        }
        return null;
      })();
      const metric = (label, better, pick) => {
        const row = [`${g.label}: ${label}`, better];
        for (const n of serverNames) row.push(nums[n] ? mmm(pick(nums[n])) : '—');
        for (const n of others) row.push(nums[n] && baseNums ? fmtRatio(ratio(median(pick(nums[n])), median(pick(baseNums)))) : '—');
        return row;
      };
      summary.push(metric('max sustainable deliveries/s', 'higher', (x) => x.maxSustainable));
      summary.push(metric(`server CPU µs/delivery at ${fmt(commonDeliveries)}/s`, 'lower', (x) => x.cpuAtCommon));
      summary.push(metric(`of it in the kernel, µs/delivery at ${fmt(commonDeliveries)}/s`, 'lower', (x) => x.kernelAtCommon));
      summary.push(metric(`p99 ms at ${fmt(commonDeliveries)}/s`, 'lower', (x) => x.p99AtCommon));
      if (g.scenario === 'fanout') {
        summary.push(metric(`bytes on the wire per delivery at ${fmt(commonDeliveries)}/s`, 'lower', (x) => x.bytesAtCommon));
      }

      sections.push(`## ${g.label}`);
      sections.push('');
      sections.push(g.scenario === 'polling'
        ? 'Long-polling receivers; 10 extra WebSocket clients send `chat message` at the step\'s total rate and the server broadcasts it to everyone (`io.emit`). Deliveries/s counts the polling receivers.'
        : `Every client receives every message: 10 of them send \`chat message\` at the step's total rate (evenly paced), the server does \`io.emit\` (raw servers: sends the frame to all), so target deliveries/s = rate × clients.`);
      sections.push(options.messageBytes > 0
        ? `Messages: chat texts of ${fmt(options.messageBytes)} bytes (\`--message-bytes\`; 256 different ones, English-like words, names and numbers: \`loadgen/chat-text.js\`) after the step tag and send time.`
        : 'Messages: `<step>:<send time>:hello-jakartio` (about 35 bytes of text).');
      sections.push('Wire bytes/delivery: what the clients\' TCP sockets read during the measured window (WebSocket frames as sent, compressed or not, headers included; not TCP/IP headers), divided by the deliveries that arrived in it. ' +
        'Deflate clients: how many clients the server granted permessage-deflate (servers with `deflate` in servers.js; their clients offer it, as browsers do).');
      sections.push(`A step is sustained when delivered/s ≥ ${options.minRatio * 100}% of the target, p99 ≤ ${options.maxP99Ms} ms, nothing (≤ 0.1%) is lost and no client disconnects; the ladder stops at the first step that is not. ` +
        `Comparison rate (the highest every round of every server sustained): ${fmt(commonDeliveries)} deliveries/s.`);
      sections.push('');
      sections.push(table(['server', 'max sustainable deliveries/s', `ratio to ${baseline}`, `µs/delivery at ${fmt(commonDeliveries)}/s`, `p50 / p99 ms at ${fmt(commonDeliveries)}/s`,
        `wire bytes/delivery at ${fmt(commonDeliveries)}/s`, 'deflate clients', 'stopped by (per round)'],
        names.map((n) => [
          n,
          mmm(nums[n].maxSustainable),
          n === baseline ? '1' : fmtRatio(ratio(median(nums[n].maxSustainable), baseNums ? median(baseNums.maxSustainable) : null)),
          mmm(nums[n].cpuAtCommon),
          `${fmt(median(nums[n].p50AtCommon))} / ${fmt(median(nums[n].p99AtCommon))}`,
          mmm(nums[n].bytesAtCommon),
          mmm(nums[n].deflateClients),
          runsOf(n).map((r) => (r.error ? `error: ${r.error.split('\n')[0].slice(0, 100)}` : (r.result.stoppedBy || []).join('; ') || '—')).join('<br>'),
        ])));
      sections.push('');
      for (const n of names) {
        sections.push(`### ${g.label} — ${n}`);
        sections.push('');
        sections.push(ladderTable(runsOf(n)));
        sections.push('');
      }
    } else if (g.scenario === 'echo') {
      const pick = (n, f) => ok(runsOf(n)).map((r) => f(r.result));
      const metric = (label, better, f) => {
        const row = [`${g.label}: ${label}`, better];
        for (const n of serverNames) row.push(g.servers.has(n) ? mmm(pick(n, f)) : '—');
        for (const n of others) row.push(g.servers.has(n) && base.length ? fmtRatio(ratio(median(pick(n, f)), median(pick(baseline, f)))) : '—');
        return row;
      };
      summary.push(metric('round trips/s', 'higher', (r) => r.roundTripsPerSec));
      summary.push(metric('p50 ms', 'lower', (r) => r.latencyMs.p50));
      summary.push(metric('p99 ms', 'lower', (r) => r.latencyMs.p99));
      summary.push(metric('server CPU µs/round trip', 'lower', (r) => r.serverCpuPerRoundTripUs));
      const clients = median(names.flatMap((n) => pick(n, (r) => r.clients ?? 1))) ?? 1;
      sections.push(`## ${g.label}`);
      sections.push('');
      sections.push(clients === 1
        ? 'One client, sequential acknowledged emits: `42<id>["echo",<64-char string>]`, wait for `43<id>[…]`, send the next.'
        : `${fmt(clients)} clients spread over the generator's workers, each doing sequential acknowledged emits on its own: \`42<id>["echo",<64-char string>]\`, wait for \`43<id>[…]\`, send the next. ` +
          'Round trips/s counts all clients together; latency is over every round trip; server µs/round trip = the server\'s CPU in the window / all round trips.');
      sections.push('');
      sections.push(table(['server', 'round trips/s', `ratio to ${baseline}`, 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server µs/round trip', `ratio to ${baseline}`, 'server cores', 'generator cores', 'other cores'],
        names.map((n) => [
          n,
          mmm(pick(n, (r) => r.roundTripsPerSec)),
          n === baseline ? '1' : fmtRatio(ratio(median(pick(n, (r) => r.roundTripsPerSec)), median(pick(baseline, (r) => r.roundTripsPerSec)))),
          fmt(median(pick(n, (r) => r.latencyMs.p50))),
          fmt(median(pick(n, (r) => r.latencyMs.p95))),
          fmt(median(pick(n, (r) => r.latencyMs.p99))),
          fmt(Math.max(...pick(n, (r) => r.latencyMs.max ?? 0))),
          mmm(pick(n, (r) => r.serverCpuPerRoundTripUs)),
          n === baseline ? '1' : fmtRatio(ratio(median(pick(n, (r) => r.serverCpuPerRoundTripUs)), median(pick(baseline, (r) => r.serverCpuPerRoundTripUs)))),
          fmt(median(pick(n, (r) => r.serverCores)), 2),
          fmt(median(pick(n, (r) => r.generatorCores)), 2),
          fmt(median(pick(n, (r) => r.otherCores)), 2),
        ])));
      sections.push('');
    } else if (g.scenario === 'idle') {
      const pick = (n, f) => ok(runsOf(n)).map((r) => f(r.result));
      const metric = (label, better, f) => {
        const row = [`${g.label}: ${label}`, better];
        for (const n of serverNames) row.push(g.servers.has(n) ? mmm(pick(n, f)) : '—');
        for (const n of others) row.push(g.servers.has(n) && base.length ? fmtRatio(ratio(median(pick(n, f)), median(pick(baseline, f)))) : '—');
        return row;
      };
      const marginal = names.some((n) => pick(n, (r) => r.rssMarginalKb).some((x) => x != null));
      summary.push(metric('RSS KB/connection', 'lower', (r) => r.rssPerConnectionKb));
      if (marginal) summary.push(metric('RSS KB/connection, marginal (warm server)', 'lower', (r) => r.rssMarginalKb));
      summary.push(metric('server CPU s after all disconnect at once', 'lower', (r) => r.teardown?.cpuSeconds));
      if (names.some((n) => pick(n, (r) => r.heapPerConnectionKb).some((x) => x != null))) {
        summary.push(metric('heap KB/connection (after GC)', 'lower', (r) => r.heapPerConnectionKb));
        if (marginal) summary.push(metric('heap KB/connection, marginal (after GC)', 'lower', (r) => r.heapMarginalKb));
      }
      sections.push(`## ${g.label}`);
      sections.push('');
      sections.push(`Connections opened at ${options.idlePace}/s, kept alive ${options.idleHoldSec} s by answering pings, then measured: ` +
        'RSS from /proc/PID/status (VmRSS) after a full GC — for a JVM `jcmd PID GC.run`, which also gives the heap in use (`GC.heap_info`); ' +
        'for a server with a GC signal (Node, started with `--expose-gc`) that signal — read once it stops falling (the JVM returns freed heap in the background). ' +
        'Per connection = (after − before) / open connections, "before" being the fresh server, so it also counts what a server allocates once when it warms up ' +
        '(compiled code, classes, the threads a pool starts under the connect storm). ' +
        'Marginal = (after − base) / (connections opened after base), "base" measured the same way once the first ' +
        `${options.idleBase ?? '20%'} connections were open: what one more connection costs a warm server. ` +
        `Then every client disconnects at once (${options.idleClose === 'graceful' ? 'with a WebSocket close frame' : 'abruptly: TCP close, no close frame, as when a network drops'}) ` +
        `and the server's CPU is watched until it is quiet (< 5% of a core over a second) or for ${options.teardownWatchSec} s — ` +
        'after waiting (≤ 15 s) for the server to be quiet first, so that the measurement\'s own GC is not counted.');
      sections.push('');
      sections.push(table(['server', 'open after hold', 'disconnects', 'RSS before MB', 'RSS after MB', 'RSS KB/conn', `ratio to ${baseline}`, 'marginal RSS KB/conn', `ratio to ${baseline}`, 'heap before MB', 'heap after MB', 'heap KB/conn', 'marginal heap KB/conn', 'threads before / after', 'handshake p99 ms', 'connect s', 'teardown CPU s', 'quiet after s'],
        names.map((n) => {
          const mb = (kb) => (kb == null ? null : kb / 1024);
          const rss = (m) => m?.rssAfterGcKb ?? m?.rssKb;
          return [
            n,
            mmm(pick(n, (r) => r.open)),
            String(pick(n, (r) => r.disconnects).reduce((a, b) => a + b, 0)),
            fmt(median(pick(n, (r) => mb(rss(r.before))))),
            fmt(median(pick(n, (r) => mb(rss(r.after))))),
            mmm(pick(n, (r) => r.rssPerConnectionKb)),
            n === baseline ? '1' : fmtRatio(ratio(median(pick(n, (r) => r.rssPerConnectionKb)), median(pick(baseline, (r) => r.rssPerConnectionKb)))),
            mmm(pick(n, (r) => r.rssMarginalKb)),
            n === baseline ? '1' : fmtRatio(ratio(median(pick(n, (r) => r.rssMarginalKb)), median(pick(baseline, (r) => r.rssMarginalKb)))),
            fmt(median(pick(n, (r) => mb(r.before?.heapKb)))),
            fmt(median(pick(n, (r) => mb(r.after?.heapKb)))),
            mmm(pick(n, (r) => r.heapPerConnectionKb)),
            mmm(pick(n, (r) => r.heapMarginalKb)),
            `${fmt(median(pick(n, (r) => r.before?.threads)))} / ${fmt(median(pick(n, (r) => r.after?.threads)))}`,
            fmt(median(pick(n, (r) => r.connect.handshakeMs.p99))),
            fmt(median(pick(n, (r) => r.connect.seconds))),
            mmm(pick(n, (r) => r.teardown?.cpuSeconds)),
            pick(n, (r) => (r.teardown ? (r.teardown.quietAfterSec ?? `> ${r.teardown.watchedSec}`) : '—')).join(', '),
          ];
        })));
      sections.push('');
      sections.push(...idleDetails(g, names, runsOf, ok, pick, baseline, summary, metric, options));
    }
    const errors = runs.filter((r) => r.key === g.key && r.error);
    for (const r of errors) {
      notes.push(`${g.label}, ${r.server}, round ${r.round}: **failed**: ${r.error.split('\n')[0]}`);
    }
  }

  out.push('## Summary');
  out.push('');
  if (summary.length) {
    out.push(table(['metric', 'better', ...serverNames, ...others.map((n) => `${n} / ${baseline}`)], summary));
  } else if (groups.size && [...groups.values()].every((g) => g.scenario === 'cluster')) {
    out.push('The cluster scenario has its own summary, below.');
  } else {
    out.push('Nothing was measured.');
  }
  out.push('');
  out.push(...sections);
  out.push('## Notes');
  out.push('');
  if (notes.length === 0) {
    out.push('None: no errors, disconnects, losses or warnings were seen.');
  } else {
    for (const n of [...new Set(notes)]) out.push(`- ${n}`);
  }
  out.push('');
  out.push(`Raw results: \`${data.jsonFile}\`; server logs: \`${data.logDir}\`.`);
  out.push('');
  return out.join('\n');
}

/**
 * The idle scenario's connect storm, heartbeats and memory over the hold (coordinator.js: idle),
 * as tables, with their rows of the summary.
 */
function idleDetails(g, names, runsOf, ok, pick, baseline, summary, metric, options) {
  const out = [];
  const has = (f) => names.some((n) => pick(n, f).some((x) => x != null));
  if (has((r) => r.connect.storm)) {
    summary.push(metric('connect storm: seconds to open all', 'lower', (r) => r.connect.storm?.seconds));
    summary.push(metric('connect storm: handshake p99 ms', 'lower', (r) => r.connect.storm?.handshakeMs.p99));
    summary.push(metric('connect storm: server CPU µs/handshake', 'lower', (r) => r.connect.storm?.serverCpuPerHandshakeUs));
    out.push(`### ${g.label}: connect storm`);
    out.push('');
    out.push(`Every connection opened at the asked pace (${fmt(options.idlePace)}/s; the base's hold between the two phases not counted). ` +
      'Handshake = from the TCP connect to the namespace\'s `40{"sid"}` (WebSocket upgrade, open packet, `40` sent and answered). ' +
      'Server CPU = utime + stime of the server over the connect phases, divided by the connections opened (heartbeats of the ones already open included).');
    out.push('');
    out.push(table(['server', 'opened / asked', 'failed', 'seconds', 'achieved /s', 'handshake p50 ms', 'p99 ms', 'max ms', 'server CPU s', 'µs/handshake'],
      names.map((n) => [
        n,
        `${fmt(median(pick(n, (r) => r.connect.storm?.opened)))} / ${fmt(median(pick(n, (r) => r.connections)))}`,
        String(pick(n, (r) => r.connect.storm?.failed ?? 0).reduce((a, b) => a + b, 0)),
        mmm(pick(n, (r) => r.connect.storm?.seconds)),
        mmm(pick(n, (r) => r.connect.storm?.achievedPerSec)),
        mmm(pick(n, (r) => r.connect.storm?.handshakeMs.p50)),
        mmm(pick(n, (r) => r.connect.storm?.handshakeMs.p99)),
        fmt(Math.max(...pick(n, (r) => r.connect.storm?.handshakeMs.max ?? 0))),
        mmm(pick(n, (r) => r.connect.storm?.serverCpuSeconds)),
        mmm(pick(n, (r) => r.connect.storm?.serverCpuPerHandshakeUs)),
      ])));
    out.push('');
  }
  if (has((r) => r.heartbeats)) {
    summary.push(metric('heartbeat lateness max ms', 'lower', (r) => r.heartbeats?.latenessMs.max));
    summary.push(metric('holding: server CPU µs per connection per second', 'lower', (r) => r.hold?.cpuPerConnectionPerSecUs));
    const hb = pick(names[0], (r) => r.heartbeats).find((x) => x) || {};
    out.push(`### ${g.label}: heartbeats`);
    out.push('');
    out.push('Every client notes when each server ping (`2`) arrives. ' +
      'Lateness = the gap since the previous ping − the pingInterval the open packet announced ' +
      `(${hb.pingInterval ?? '—'} ms; pingTimeout ${hb.pingTimeout ?? '—'} ms); an early ping counts as 0. ` +
      'A client\'s first ping is apart: its gap runs from the open packet\'s arrival, which a busy handshake delays after the server\'s timer started (so it can look early, never late by that). ' +
      'The columns are the hold\'s (from the first sample after the storm to the end, forced GCs included), but for the last two: the connect storm and the base\'s measurement before it. ' +
      'A client **missed** a ping when a gap passed pingInterval + pingTimeout (a Socket.IO client would have given the connection up), and is **overdue** when, open at the end of the hold, ' +
      'its last ping is older than that. **On time** = no client missed a ping, was overdue or disconnected, and the latest ping came less than pingTimeout / 20 ' +
      `(${hb.thresholdMs ?? '—'} ms) late. Holding CPU = the server's CPU over the hold without the forced GCs, per open connection per second: heartbeats and timers, everything an idle connection costs.`);
    out.push('');
    out.push(table(['server', 'intervals', 'lateness p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'first pings: max ms late', 'early', 'clients missed a ping', 'overdue at end', 'disconnects', 'on time', 'server cores holding', 'µs per conn per s', 'before the hold: intervals', 'p99 / max ms late'],
      names.map((n) => [
        n,
        fmt(median(pick(n, (r) => r.heartbeats?.intervals))),
        mmm(pick(n, (r) => r.heartbeats?.latenessMs.p50)),
        mmm(pick(n, (r) => r.heartbeats?.latenessMs.p99)),
        mmm(pick(n, (r) => r.heartbeats?.latenessMs.p999)),
        fmt(Math.max(...pick(n, (r) => r.heartbeats?.latenessMs.max ?? 0))),
        fmt(Math.max(...pick(n, (r) => r.heartbeats?.firstPingLatenessMs?.max ?? 0))),
        fmt(median(pick(n, (r) => r.heartbeats?.early))),
        String(pick(n, (r) => r.heartbeats?.clientsMissed ?? 0).reduce((a, b) => a + b, 0)),
        String(pick(n, (r) => r.heartbeats?.clientsOverdue ?? 0).reduce((a, b) => a + b, 0)),
        String(pick(n, (r) => r.disconnects ?? 0).reduce((a, b) => a + b, 0)),
        pick(n, (r) => (r.heartbeats ? (r.heartbeats.onTime ? 'yes' : '**no**') : '—')).join(', '),
        mmm(pick(n, (r) => r.hold?.serverCores), 3),
        mmm(pick(n, (r) => r.hold?.cpuPerConnectionPerSecUs)),
        fmt(median(pick(n, (r) => r.heartbeatsBeforeHold?.intervals))),
        `${fmt(median(pick(n, (r) => r.heartbeatsBeforeHold?.latenessMs.p99)))} / ${fmt(Math.max(...pick(n, (r) => r.heartbeatsBeforeHold?.latenessMs.max ?? 0)))}`,
      ])));
    out.push('');
  }
  if (has((r) => r.memory)) {
    const c = pick(names[0], (r) => r.memory?.criteria).find((x) => x) || {};
    out.push(`### ${g.label}: memory over the hold`);
    out.push('');
    const settled = names.flatMap((n) => pick(n, (r) => r.settle?.seconds)).filter((x) => x != null);
    out.push('The hold begins once every client has had its first ping (its first ping and pong allocate what a connection then keeps' +
      (settled.length ? `; the wait after the storm: ${settled.map((x) => fmt(x)).join(', ')} s` : '') + '). ' +
      'The server sampled from then to the end of the hold: RSS (VmRSS) and, for a JVM, the heap in use as `jcmd GC.heap_info` finds it, ' +
      'without forcing a GC (garbage not yet collected included: a sawtooth; `server-config/tomcat` runs G1 with a periodic GC every 60 s when idle). ' +
      'A full GC (`jcmd GC.run`; Node: its GC signal) only at the first sample, every 5 minutes and at the end: the **after-GC** series is what the held connections keep. ' +
      `**Flat** = after-GC heap changed by less than ${c.heapAfterGcPct ?? 1}% from the first sample to the end (a JVM), and after-GC RSS grew by less than ${c.rssAfterGcPct ?? 2}%. ` +
      'Slopes: least squares over the samples, KB per minute.');
    out.push('');
    const mb = (kb) => (kb == null ? null : kb / 1024);
    out.push(table(['server', 'samples', 'RSS first → last MB', 'RSS slope KB/min', 'heap (no GC) min–max MB', 'heap slope KB/min', 'after-GC heap MB (each GC)', 'after-GC heap change', 'after-GC RSS MB (each GC)', 'after-GC RSS change', 'flat'],
      names.flatMap((n) => ok(runsOf(n)).map((run) => {
        const m = run.result.memory;
        if (!m) return [n, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—'];
        const gcs = (key) => (run.result.timeline || []).filter((x) => x[key] != null).map((x) => fmt(mb(x[key]))).join(' → ');
        const flat = [m.flatHeap, m.flatRss].filter((x) => x != null);
        return [
          `${n}${runsOf(n).length > 1 ? ` (round ${run.round})` : ''}`,
          String(run.result.timeline?.length ?? 0),
          m.rss ? `${fmt(mb(m.rss.first))} → ${fmt(mb(m.rss.last))}` : '—',
          m.rss ? fmt(m.rss.slopeKbPerMin) : '—',
          m.heap ? `${fmt(mb(m.heap.min))}–${fmt(mb(m.heap.max))}` : '—',
          m.heap ? fmt(m.heap.slopeKbPerMin) : '—',
          gcs('heapAfterGcKb') || '—',
          m.heapAfterGc ? `${fmt(m.heapAfterGc.changeKb)} KB (${m.heapAfterGc.changePct}%)` : '—',
          gcs('rssAfterGcKb') || '—',
          m.rssAfterGc ? `${fmt(m.rssAfterGc.changeKb)} KB (${m.rssAfterGc.changePct}%)` : '—',
          flat.length ? (flat.every(Boolean) ? 'yes' : '**no**') : '—',
        ];
      }))));
    out.push('');
    for (const n of names) {
      for (const run of ok(runsOf(n))) {
        const tl = run.result.timeline || [];
        if (!tl.length) continue;
        out.push(`<details><summary>${n}${runsOf(n).length > 1 ? `, round ${run.round}` : ''}: the samples</summary>`);
        out.push('');
        out.push(table(['s', 'open', 'RSS MB', 'heap MB (no GC)', 'after GC: heap MB', 'after GC: RSS MB', 'server CPU s since the hold began'],
          tl.map((x) => [fmt(x.s), fmt(x.open), fmt(mb(x.rssKb)), fmt(mb(x.heapKb)), fmt(mb(x.heapAfterGcKb)), fmt(mb(x.rssAfterGcKb)), fmt(x.cpuS)])));
        out.push('');
        out.push('</details>');
        out.push('');
      }
    }
  }
  return out;
}
