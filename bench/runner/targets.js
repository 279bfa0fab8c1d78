// Issue 16's targets, met or not, from the runs bench/issue16 makes (see README.md, "Issue 16:
// one command"):
//
//   node runner/targets.js OUT.md FILE...
//
// FILE: the runner's results/<stamp>.json (fan-out, echo, polling, idle scenarios) and
// idle-heap/run.mjs's results/<stamp>-idle-heap.json, in any order; any subset of them (a target
// whose file is missing is "not measured"). When two files hold the same scenario (its key, such
// as fanout-1000), the later run's counts. Writes a short Markdown report to OUT.md: the runs
// (date, commit, command), the machine, and one table of the targets.
//
// Figures are medians over rounds taken as report.js takes them (its exported helpers): over the
// rounds that finished (`ok`), a rate's step of every round that reached it, sustained or not.
import { readFileSync, writeFileSync } from 'node:fs';
import { median, fmt, fmtRatio, ratio, table, ok, commonRate } from './report.js';

const JAKARTIO = 'jakartio-tomcat'; // Jakartio: the bench WAR on Tomcat
const NODE = 'node'; //                Node.js Socket.IO, the baseline
const WS = 'node-raw'; //              Node's raw `ws` broadcast, no Socket.IO framing

const [out, ...files] = process.argv.slice(2);
if (!out || !files.length) {
  console.error('usage: node runner/targets.js OUT.md FILE...');
  process.exit(2);
}

// ---- the files -----------------------------------------------------------------------------

const runFiles = [];
let heap = null; // the newest idle-heap result
for (const file of files) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (data.marginal && data.fromZero) {
    if (!heap || data.stamp > heap.data.stamp) heap = { file, data };
  } else if (Array.isArray(data.runs)) {
    // as report-again.js: a run cut short by an interruption has neither result nor error
    data.runs = data.runs.filter((r) => r.result || r.error);
    runFiles.push({ file, data });
  } else {
    console.error(`targets: ${file} is neither a run's results nor an idle-heap result; skipped`);
  }
}
runFiles.sort((a, b) => String(a.data.info?.date).localeCompare(String(b.data.info?.date)));

/** scenario key → { file, data, runs(server) } of the latest file that has it */
const groups = new Map();
for (const f of runFiles) {
  for (const key of new Set(f.data.runs.map((r) => r.key))) {
    const runs = f.data.runs.filter((r) => r.key === key);
    groups.set(key, { ...f, key, runs: (server) => runs.filter((r) => r.server === server) });
  }
}
const keys = [...groups.keys()];
const idleKeys = keys.filter((k) => k.startsWith('idle-')).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
const fanoutGroup = groups.get('fanout-1000');
const pollingGroup = groups.get(keys.find((k) => k.startsWith('polling-')));
const idleGroup = groups.get(idleKeys.filter((k) => Number(k.slice(5)) < 19000).pop()); // target 3: 10,000
const capacityGroup = groups.get(idleKeys.filter((k) => Number(k.slice(5)) >= 19000).pop()); // target 4: 19,000
const used = new Set([...groups.values()].map((g) => g.file));

// ---- small helpers -------------------------------------------------------------------------

const NOT = 'not measured';
const verdict = (good) => (good == null ? NOT : good ? '**met**' : '**not met**');
/** a ratio's verdict: at most (or, with atLeast, at least) the limit; not measured without a ratio */
const within = (r, limit, atLeast = false) => verdict(r == null ? null : atLeast ? r >= limit : r <= limit);
/** a ratio as report.js prints it, with a third decimal where two would hide which side of the limit it is on */
const fmtR = (r, limit) => (r != null && r !== limit && Number(r.toFixed(2)) === limit ? `${r.toFixed(3)}×` : fmtRatio(r));
/** one value per finished round of a server */
const pick = (g, server, f) => ok(g.runs(server)).map((r) => f(r.result));
const has = (g, server) => !!g && ok(g.runs(server)).length > 0;
const rows = [];
const footnotes = [];
const missing = (what, target) => rows.push([what, '—', '—', '—', target, NOT]);

// ---- 1 and 2: fan-out at 1,000 clients ----------------------------------------------------

// The common rates: from 20,000 to 60,000 deliveries/s, the rates every one of the three servers
// sustained in more than half of its rounds ("by the median": 2 of 3) — in every round, or not.
// The ladder rounds its rates (20,000 × 1.25^5 gives 61,000/s), so the band ends at 60,000 + 5%.
const LOW = 20000;
const HIGH = 60000 * 1.05;
if (has(fanoutGroup, JAKARTIO) && has(fanoutGroup, NODE)) {
  const g = fanoutGroup;
  const servers = [JAKARTIO, NODE, WS].filter((s) => has(g, s));
  const stepsAt = (server, rate) => ok(g.runs(server)).map((r) => r.result.steps.find((s) => s.rate === rate)).filter(Boolean);
  const rates = [...new Set(servers.flatMap((s) => ok(g.runs(s)).flatMap((r) => r.result.steps.map((x) => x.rate))))].sort((a, b) => a - b);
  const common = [];
  for (const rate of rates) {
    const deliveries = median(servers.flatMap((s) => stepsAt(s, rate).map((x) => x.targetDeliveriesPerSec)));
    if (deliveries < LOW || deliveries > HIGH) continue;
    const held = servers.map((s) => [s, stepsAt(s, rate).filter((x) => x.sustainable).length, ok(g.runs(s)).length]);
    if (held.every(([, n, of]) => n > of / 2)) common.push({ rate, deliveries, held });
  }
  if (!common.length) {
    missing('1. p99, 1,000 clients: no rate from 20,000 to 60,000/s sustained by every server', '≤ 1.0× Node, ≤ 1.1× `ws`');
    missing('2. CPU per delivery, 1,000 clients: no common rate', '≤ 0.35× / ≤ 0.7× Node');
  }
  // the medians at one rate, as report.js's ladder table gives them
  const at = (server, rate) => {
    const steps = stepsAt(server, rate);
    if (!steps.length) return null;
    const total = median(steps.map((x) => x.serverCpuPerDeliveryUs)); // server CPU µs per delivery (utime + stime)
    const kernel = median(steps.map((x) => x.serverKernelPerDeliveryUs)); // of it in the kernel (stime)
    return {
      p99: median(steps.map((x) => x.latencyMs.p99)), // p99 latency, ms
      total,
      user: total == null || kernel == null ? null : total - kernel, // user space: the medians' total − kernel (as docs/PERFORMANCE.md's F17 table)
    };
  };
  const mark = (c) => (c.held.every(([, n, of]) => n === of) ? '' : '†');
  for (const c of common) {
    const [j, n, w] = [at(JAKARTIO, c.rate), at(NODE, c.rate), has(g, WS) ? at(WS, c.rate) : null];
    const rn = ratio(j.p99, n.p99);
    const rw = w ? ratio(j.p99, w.p99) : null;
    rows.push([`1. p99 ms, 1,000 clients, ${fmt(c.deliveries)} deliveries/s${mark(c)}`, fmt(j.p99),
      `${fmt(n.p99)} / \`ws\` ${w ? fmt(w.p99) : '—'}`, `${fmtR(rn, 1)} / ${fmtR(rw, 1.1)}`, '≤ 1.0× / ≤ 1.1×',
      `${within(rn, 1)} / ${within(rw, 1.1)}`]);
  }
  for (const c of common) {
    const [j, n] = [at(JAKARTIO, c.rate), at(NODE, c.rate)];
    const ru = ratio(j.user, n.user);
    const rt = ratio(j.total, n.total);
    rows.push([`2. server CPU µs/delivery, user / total, ${fmt(c.deliveries)}/s${mark(c)}`, `${fmt(j.user)} / ${fmt(j.total)}`,
      `${fmt(n.user)} / ${fmt(n.total)}`, `${fmtR(ru, 0.35)} / ${fmtR(rt, 0.7)}`, '≤ 0.35× / ≤ 0.7×', `${within(ru, 0.35)} / ${within(rt, 0.7)}`]);
  }
  const some = common.filter((c) => mark(c));
  if (some.length) {
    footnotes.push(`† held by the median of rounds, not in every round: ${some.map((c) => `${fmt(c.deliveries)}/s (${c.held
      .filter(([, n, of]) => n < of).map(([s, n, of]) => `${s} ${n} of ${of}`).join(', ')})`).join('; ')}.`);
  }
} else {
  missing('1. p99 ms, 1,000 clients, common rates 20,000–60,000/s', '≤ 1.0× Node, ≤ 1.1× `ws`');
  missing('2. server CPU µs/delivery, user / total, 1,000 clients', '≤ 0.35× / ≤ 0.7×');
}

// ---- 3: idle memory -----------------------------------------------------------------------

if (has(idleGroup, JAKARTIO) && has(idleGroup, NODE)) {
  const g = idleGroup;
  const rss = (s) => median(pick(g, s, (r) => r.rssPerConnectionKb)); // RSS KB per connection, after a full GC, from the fresh server
  const marginal = (s) => median(pick(g, s, (r) => r.rssMarginalKb)); // the same from the base (a warm server)
  const r = ratio(rss(JAKARTIO), rss(NODE));
  const rm = ratio(marginal(JAKARTIO), marginal(NODE));
  rows.push([`3. RSS KB per idle connection, ${fmt(Number(g.key.slice(5)))} held (marginal)`, `${fmt(rss(JAKARTIO))} (${fmt(marginal(JAKARTIO))})`,
    `${fmt(rss(NODE))} (${fmt(marginal(NODE))})`, `${fmtR(r, 0.5)} (${fmtRatio(rm)})`, '≤ 0.5×', within(r, 0.5)]);
} else {
  missing('3. RSS KB per idle connection, 10,000 held', '≤ 0.5×');
}
if (heap) {
  // Jakartio's own live objects per connection, marginal (base → after), by heap dump; 1 KB = 1,024 bytes
  const bytes = heap.data.marginal.owners.jakartio;
  const n = heap.data.result.open;
  rows.push([`3. Jakartio's own live heap per idle connection, bytes (${fmt(n)} held, marginal)`, fmt(bytes), '—', '—', '≤ 1 KB (1,024)', within(bytes, 1024)]);
} else {
  missing("3. Jakartio's own live heap per idle connection, bytes", '≤ 1 KB (1,024)');
}

// ---- 4: capacity ----------------------------------------------------------------------------

if (has(capacityGroup, JAKARTIO)) {
  const g = capacityGroup;
  const holdSec = g.data.options.idleHoldSec;
  // per server over its rounds: all open at the end of the hold, none dropped, after-GC heap and
  // RSS flat (Node: RSS alone, it has no heap figure), every heartbeat on time
  const held = (s) => {
    const rs = pick(g, s, (x) => x);
    const open = rs.filter((x) => x.open === x.connections && !x.disconnects).length;
    const flat = rs.filter((x) => x.memory && x.memory.flatHeap !== false && x.memory.flatRss === true).length;
    const onTime = rs.filter((x) => x.heartbeats?.onTime).length;
    const late = Math.max(...rs.map((x) => x.heartbeats?.latenessMs?.max ?? 0));
    return { rounds: rs.length, open, flat, onTime, all: open === rs.length && flat === rs.length && onTime === rs.length,
      text: `all open ${open}/${rs.length}, flat ${flat}/${rs.length}, on time ${onTime}/${rs.length} (max ${fmt(late)} ms late)` };
  };
  const j = held(JAKARTIO);
  const connections = Number(g.key.slice(5));
  rows.push([`4. ${fmt(connections)} idle connections held ${fmt(holdSec / 60)} min: rounds with all open, memory flat, heartbeats on time`,
    j.text, has(g, NODE) ? held(NODE).text : '—', '—', '19,000, 10 min: every round', verdict(j.all && connections >= 19000 && holdSec >= 600)]);
} else {
  missing('4. 19,000 idle connections held 10 min: all open, memory flat, heartbeats on time', '19,000, 10 min: every round');
}
// the connect storm and the mass disconnect, against Node: reported, no target. From the capacity
// run if Node ran in it, else from the idle run.
const storm = [capacityGroup, idleGroup].find((g) => has(g, JAKARTIO) && has(g, NODE)) || [capacityGroup, idleGroup].find((g) => has(g, JAKARTIO));
if (storm) {
  const g = storm;
  const both = (f) => [JAKARTIO, NODE].map((s) => (has(g, s) ? median(pick(g, s, f)) : null));
  const seconds = both((r) => r.connect.storm?.seconds); // seconds to open every connection
  const p99 = both((r) => r.connect.storm?.handshakeMs.p99); // handshake p99, ms
  const cpu = both((r) => r.teardown?.cpuSeconds); // server CPU s after every client left at once
  const quiet = both((r) => r.teardown?.quietAfterSec); // seconds until the server was quiet
  const n = fmt(Number(g.key.slice(5)));
  const two = (x, y, f = fmt) => (x == null ? '—' : `${f(x)} (${f(y)})`); // "figure (second figure)"
  rows.push([`4. connect storm, ${n} connections: seconds to open all (handshake p99 ms)`, two(seconds[0], p99[0]), two(seconds[1], p99[1]),
    two(ratio(seconds[0], seconds[1]), ratio(p99[0], p99[1]), fmtRatio), 'reported', '—']);
  rows.push([`4. mass disconnect, ${n} connections: server CPU s (quiet after s)`, two(cpu[0], quiet[0]), two(cpu[1], quiet[1]),
    fmtRatio(ratio(cpu[0], cpu[1])), 'reported', '—']);
} else {
  missing('4. connect storm and mass disconnect', 'reported');
}

// ---- 5: long-polling ------------------------------------------------------------------------

if (has(pollingGroup, JAKARTIO) && has(pollingGroup, NODE)) {
  const g = pollingGroup;
  // report.js's comparison rate over the two: the highest every round of both sustained, else the first rate
  const rate = commonRate([g.runs(JAKARTIO), g.runs(NODE)]);
  const steps = (s) => ok(g.runs(s)).map((r) => r.result.steps.find((x) => x.rate === rate));
  const cpu = (s) => median(steps(s).map((x) => x?.serverCpuPerDeliveryUs ?? null)); // server CPU µs per delivery
  const deliveries = median([JAKARTIO, NODE].flatMap((s) => steps(s).map((x) => x?.targetDeliveriesPerSec ?? null)));
  const heldByBoth = [JAKARTIO, NODE].every((s) => steps(s).every((x) => x?.sustainable));
  const r = ratio(cpu(JAKARTIO), cpu(NODE));
  rows.push([`5. long-polling, ${fmt(g.data.options.pollingClients)} clients: server CPU µs/delivery at ${fmt(deliveries)}/s${heldByBoth ? '' : '‡'}`,
    fmt(cpu(JAKARTIO)), fmt(cpu(NODE)), fmtR(r, 1), '≤ 1.0×', within(r, 1)]);
  if (!heldByBoth) {
    const held = (s) => `${s} ${steps(s).filter((x) => x?.sustainable).length} of ${steps(s).length}`;
    footnotes.push(`‡ no rate was sustained in every round by both; compared at the first rate, as report.js does (rounds that held it: ${held(JAKARTIO)}, ${held(NODE)}).`);
  }
} else {
  missing('5. long-polling, 1,000 clients: server CPU µs/delivery', '≤ 1.0×');
}

// ---- 6: echo with ack -------------------------------------------------------------------------

for (const clients of [1, 100]) {
  const g = groups.get(`echo-${clients}`);
  const what = `6. echo with ack, ${clients} client${clients === 1 ? '' : 's'}: round trips/s`;
  if (!has(g, JAKARTIO) || !has(g, NODE)) {
    missing(what, '≥ 1.5×');
    continue;
  }
  const rt = (s) => median(pick(g, s, (r) => r.roundTripsPerSec)); // all clients together
  const r = ratio(rt(JAKARTIO), rt(NODE));
  rows.push([what, fmt(rt(JAKARTIO)), fmt(rt(NODE)), fmtR(r, 1.5), '≥ 1.5×', within(r, 1.5, true)]);
}

// ---- the report -------------------------------------------------------------------------------

const md = [];
md.push('# Issue 16: the targets', '');
md.push(`Jakartio = \`${JAKARTIO}\`, Node = \`${NODE}\` (Node.js Socket.IO), \`ws\` = \`${WS}\` (Node's raw \`ws\` broadcast). ` +
  'Medians of rounds, servers interleaved; ratios are Jakartio / Node (or `ws`). Written ' +
  `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`node runner/targets.js\`.`, '');
const runRows = runFiles.filter((f) => used.has(f.file)).map((f) => [`\`${f.file}\`${f.data.status && f.data.status !== 'complete' ? ` (**${f.data.status}**)` : ''}`,
  f.data.info?.date ?? '—', f.data.info?.git ?? '—', `\`${f.data.info?.command ?? '—'}\``]);
if (heap) {
  const a = heap.data.args;
  runRows.push([`\`${heap.file}\``, heap.data.stamp, heap.data.commit,
    `\`node idle-heap/run.mjs --server ${a.server} --connections ${a.connections} --base ${a.base} --hold ${a.hold} --pace ${a.pace}\` (from bench/)`]);
}
md.push(table(['results', 'date', 'commit', 'command'], runRows), '');
const machines = [...new Set(runFiles.filter((f) => used.has(f.file)).map(({ data: { info: i } }) => (i
  ? `${i.nproc} CPUs (${i.cpuModel}), ${i.memoryGiB} GiB, ${i.kernel}${i.os ? `, ${i.os}` : ''}; Node.js ${i.node}; ${(i.java || 'Java —').split(';')[0]}`
  : 'not recorded')))];
md.push(`Machine: ${machines.join('<br>') || 'not recorded'}`, '');
md.push(table(['what', 'Jakartio', 'Node (or `ws`)', 'ratio', 'target', 'result'], rows), '');
for (const f of footnotes) md.push(f, '');
writeFileSync(out, md.join('\n'));
console.log(`targets: ${out}`);
