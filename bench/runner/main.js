// The benchmark runner: for each scenario, rounds of every selected server (interleaved: A B A B
// …), each on a freshly started server; writes results/<timestamp>.json after every run and
// results/<timestamp>.md at the end (or when interrupted). Started by bench/run; see README.md.
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { fanout, echo, idle, polling, killWorkers, roundRate } from '../loadgen/coordinator.js';
import { cluster } from '../loadgen/cluster.js';
import { redisAt } from '../loadgen/redis.js';
import { Processes, freePort } from './processes.js';
import { machineBusyMicros } from '../loadgen/procstat.js';
import { sysinfo } from './sysinfo.js';
import { buildReport } from './report.js';
import serverConfigs from '../servers.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { values: a } = parseArgs({
  options: {
    scenarios: { type: 'string' },
    servers: { type: 'string' },
    baseline: { type: 'string' },
    rounds: { type: 'string' },
    clients: { type: 'string' },
    'polling-clients': { type: 'string' },
    'idle-connections': { type: 'string' },
    'idle-pace': { type: 'string' },
    'idle-hold': { type: 'string' },
    'idle-base': { type: 'string' },
    'idle-close': { type: 'string' },
    'teardown-watch': { type: 'string' },
    warmup: { type: 'string' },
    'server-warmup': { type: 'string' },
    'step-duration': { type: 'string' },
    drain: { type: 'string' },
    'start-deliveries': { type: 'string' },
    'polling-start-deliveries': { type: 'string' },
    factor: { type: 'string' },
    'max-steps': { type: 'string' },
    'max-p99': { type: 'string' },
    'message-bytes': { type: 'string' },
    'echo-duration': { type: 'string' },
    'echo-clients': { type: 'string' },
    'cluster-servers': { type: 'string' },
    'cluster-baseline': { type: 'string' },
    'cluster-nodes': { type: 'string' },
    'cluster-clients': { type: 'string' },
    'cluster-start-deliveries': { type: 'string' },
    redis: { type: 'string' },
    workers: { type: 'string' },
    pinned: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'port-base': { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (a.help) {
  console.log(readFileSync(path.join(benchDir, 'README.md'), 'utf8').match(/<!-- usage -->([\s\S]*?)<!-- \/usage -->/)?.[1]?.trim() || 'see bench/README.md');
  process.exit(0);
}

const configs = new Map(serverConfigs.map((c) => [c.name, c]));
const wired = (c) => !c.placeholder || existsSync(path.resolve(benchDir, c.command[0]));

if (a.list) {
  for (const c of configs.values()) {
    console.log(`${c.name.padEnd(26)} ${(c.cluster ? 'cluster' : c.kind).padEnd(9)} ${wired(c) ? 'ready  ' : 'not wired (placeholder)'}  ${c.description}`);
  }
  process.exit(0);
}

const quick = a.quick;
const pick = (key, normal, quickValue) => a[key] ?? (quick ? quickValue : normal);
const list = (s) => String(s).split(',').map((x) => x.trim()).filter(Boolean);
const numbers = (s) => list(s).map(Number);

const options = {
  quick,
  pinned: a.pinned,
  scenarios: list(pick('scenarios', 'echo,fanout,polling,idle,cluster', 'echo,fanout,polling,idle,cluster')),
  servers: list(pick('servers', 'jakartio-fixture,node,node-raw', 'jakartio-fixture,node,node-raw')),
  baseline: pick('baseline', 'node', 'node'),
  rounds: Number(pick('rounds', 3, 2)),
  clients: numbers(pick('clients', '100,1000', '100')),
  pollingClients: Number(pick('polling-clients', 1000, 100)),
  idleConnections: numbers(pick('idle-connections', '10000,50000', '1000')),
  idlePace: Number(pick('idle-pace', 1000, 1000)),
  idleHoldSec: Number(pick('idle-hold', 60, 10)),
  idleBase: pick('idle-base', null, null),
  idleClose: pick('idle-close', 'abrupt', 'abrupt'),
  teardownWatchSec: Number(pick('teardown-watch', 60, 10)),
  warmupSec: Number(pick('warmup', 2, 1)),
  serverWarmupSec: Number(pick('server-warmup', 20, 3)),
  stepSec: Number(pick('step-duration', 10, 2)),
  drainSec: Number(pick('drain', 3, 2)),
  startDeliveries: Number(pick('start-deliveries', 5000, 5000)),
  pollingStartDeliveries: Number(pick('polling-start-deliveries', 2000, 2000)),
  factor: Number(pick('factor', 1.5, 2)),
  maxSteps: Number(pick('max-steps', 14, 4)),
  maxP99Ms: Number(pick('max-p99', 100, 100)),
  messageBytes: Number(pick('message-bytes', 0, 0)),
  minRatio: 0.95,
  echoSec: Number(pick('echo-duration', 10, 3)),
  echoClients: numbers(pick('echo-clients', '1,100', '1,100')),
  clusterServers: list(pick('cluster-servers', 'jakartio-tomcat-cluster,node-cluster', 'jakartio-tomcat-cluster,node-cluster')),
  clusterBaseline: pick('cluster-baseline', 'node-cluster', 'node-cluster'),
  clusterNodes: Number(pick('cluster-nodes', 2, 2)),
  clusterClients: Number(pick('cluster-clients', 500, 100)),
  clusterStartDeliveries: Number(pick('cluster-start-deliveries', a['start-deliveries'] ?? 5000, a['start-deliveries'] ?? 5000)),
  redisUri: pick('redis', 'redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'),
  workers: a.workers ? Number(a.workers) : a.pinned ? 1 : 2,
  portBase: Number(pick('port-base', 18200, 18200)),
};

if (!options.echoClients.length || options.echoClients.some((n) => !(Number.isInteger(n) && n >= 1))) fail('--echo-clients: a list of client counts ≥ 1, e.g. 1,100');
for (const s of options.scenarios) {
  if (!['echo', 'fanout', 'polling', 'idle', 'cluster'].includes(s)) fail(`unknown scenario ${s} (echo, fanout, polling, idle, cluster)`);
}
const clusterRun = options.scenarios.includes('cluster');
const onlyCluster = options.scenarios.every((s) => s === 'cluster');
// the cluster scenario's servers: each cluster server, then the same server alone
const clusterLineup = clusterRun ? options.clusterServers.flatMap((n) => [n, configs.get(n)?.alone].filter(Boolean)) : [];
for (const n of [...(onlyCluster ? [] : options.servers), ...clusterLineup]) {
  const c = configs.get(n);
  if (!c) fail(`unknown server ${n}; known: ${[...configs.keys()].join(', ')}`);
  if (!wired(c)) fail(`server ${n} is a placeholder: create bench/${c.command[0]} (see README.md, "Adding a server")`);
}
for (const n of onlyCluster ? [] : options.servers) {
  if (configs.get(n).cluster) fail(`${n} is a cluster server: only the cluster scenario runs it (--cluster-servers)`);
}
if (clusterRun) {
  for (const n of options.clusterServers) {
    if (!configs.get(n).cluster) fail(`--cluster-servers: ${n} is not a cluster server (servers.js: cluster: true)`);
  }
  if (!options.clusterServers.includes(options.clusterBaseline)) fail(`--cluster-baseline ${options.clusterBaseline} is not one of --cluster-servers`);
  if (!(options.clusterNodes >= 2)) fail('--cluster-nodes must be at least 2');
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---- output files -------------------------------------------------------------------------

const outDir = path.resolve(benchDir, a.out || 'results');
const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
const jsonFile = path.join(outDir, `${stamp}.json`);
const mdFile = path.join(outDir, `${stamp}.md`);
const logDir = path.join(outDir, 'logs', stamp);
mkdirSync(logDir, { recursive: true });

const info = sysinfo(benchDir);
info.command = process.env.BENCH_COMMAND || `bench/run ${process.argv.slice(2).join(' ')}`.trim();
const data = {
  status: 'running',
  info,
  options,
  servers: Object.fromEntries([...new Set([...(onlyCluster ? [] : options.servers), ...clusterLineup])].map((n) => [n, configs.get(n)])),
  runs: [],
  notes: [],
  jsonFile: path.relative(benchDir, jsonFile),
  logDir: path.relative(benchDir, logDir),
};

function saveJson() {
  writeFileSync(jsonFile, `${JSON.stringify(data, null, 1)}\n`);
}

let reportWritten = false;
function writeReport(status) {
  if (reportWritten) return;
  reportWritten = true;
  data.status = status;
  data.info.loadAverageEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  saveJson();
  try {
    // a run cut short by an interruption has neither result nor error: leave it out
    const finished = structuredClone(data);
    finished.runs = finished.runs.filter((r) => r.result || r.error);
    writeFileSync(mdFile, buildReport(finished));
    console.log(`\nreport: ${path.relative(process.cwd(), mdFile)}\nraw:    ${path.relative(process.cwd(), jsonFile)}`);
  } catch (e) {
    console.error(`could not write the report: ${e.stack}`);
  }
}

// ---- cleanup: never leave a server or a worker behind ---------------------------------------

const procs = new Processes(benchDir, path.join(outDir, '.running-servers.json'));
procs.reapLeftovers((m) => console.log(m));

function cleanup() {
  procs.killAll();
  killWorkers();
}
process.on('exit', cleanup);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping servers and workers`);
    cleanup();
    writeReport(`interrupted (${signal})`);
    process.exit(code);
  });
}
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    console.error(`runner failed: ${e?.stack || e}`);
    cleanup();
    writeReport('failed');
    process.exit(1);
  });
}

// ---- pinning -------------------------------------------------------------------------------

let serverCpus = null;
let generatorCpus = null;
if (options.pinned) {
  if (info.nproc < 2) fail('--pinned needs at least 2 CPUs');
  serverCpus = '0';
  generatorCpus = info.nproc > 2 ? `1-${info.nproc - 1}` : '1';
  // the runner and every worker it forks inherit this affinity
  execFileSync('taskset', ['-a', '-p', '-c', generatorCpus, String(process.pid)], { stdio: 'ignore' });
}

// ---- the plan -------------------------------------------------------------------------------

const plan = [];
// echo and polling speak the default parser's text packets: a server with another parser sits them out
const socketIo = (n) => configs.get(n).kind === 'socket.io' && !configs.get(n).parser;
const ms = (s) => s * 1000;
const ladderOptions = () => ({
  warmupMs: ms(options.warmupSec),
  serverWarmupMs: ms(options.serverWarmupSec),
  durationMs: ms(options.stepSec),
  drainMs: ms(options.drainSec),
  factor: options.factor,
  maxSteps: options.maxSteps,
  maxP99Ms: options.maxP99Ms,
  minRatio: options.minRatio,
  messageBytes: options.messageBytes,
});
const ladderLimit = () => ms(options.serverWarmupSec + options.drainSec + 5
  + options.maxSteps * (options.warmupSec + options.stepSec + options.drainSec + 3) + 300);

for (const scenario of options.scenarios) {
  if (scenario === 'echo') {
    for (const clients of options.echoClients) {
      plan.push({ key: `echo-${clients}`, scenario, label: `Echo with ack, ${clients.toLocaleString('en-US')} client${clients === 1 ? '' : 's'}`,
        servers: options.servers.filter(socketIo),
        limitMs: ms(options.warmupSec + options.echoSec + 120 + clients / 100),
        run: (o) => echo({ ...o, clients, warmupMs: ms(options.warmupSec), durationMs: ms(options.echoSec) }) });
    }
  }
  if (scenario === 'fanout') {
    for (const clients of options.clients) {
      plan.push({ key: `fanout-${clients}`, scenario, label: `Fan-out, ${clients.toLocaleString('en-US')} clients`, servers: options.servers,
        limitMs: ladderLimit(),
        run: (o) => fanout({ ...o, ...ladderOptions(), clients, startDeliveries: options.startDeliveries }) });
    }
  }
  if (scenario === 'polling') {
    const clients = options.pollingClients;
    plan.push({ key: `polling-${clients}`, scenario, label: `Polling fan-out, ${clients.toLocaleString('en-US')} long-polling clients`, servers: options.servers.filter(socketIo),
      limitMs: ladderLimit(),
      run: (o) => polling({ ...o, ...ladderOptions(), clients, startDeliveries: options.pollingStartDeliveries }) });
  }
  if (scenario === 'cluster') {
    const { clusterNodes: nodes, clusterClients: clients } = options;
    // every server, in the cluster and alone, climbs the same rates (messages/s): the alone server
    // has one node's clients, and its ladder stops at the last rate its cluster tried in that round
    const startRate = Math.max(0.1, roundRate(options.clusterStartDeliveries / (nodes * clients)));
    plan.push({ key: `cluster-${nodes}x${clients}`, scenario, needsRedis: true,
      label: `Cluster fan-out on Redis, ${nodes} nodes × ${clients.toLocaleString('en-US')} clients`, servers: clusterLineup,
      limitMs: ladderLimit() + ms(60),
      run: (o) => (configs.get(o.server).cluster
        ? cluster({ ...o, ...ladderOptions(), clientsPerNode: clients, startRate, redisUrl: options.redisUri })
        : fanout({ ...o, ...ladderOptions(), clients, startRate, maxRate: clusterCaps.get(`${o.server}:${o.round}`) ?? 1e6 })) });
  }
  if (scenario === 'idle') {
    for (const connections of options.idleConnections) {
      const hard = info.openFiles?.hard;
      if (typeof hard === 'number' && connections + 1000 > hard) {
        data.notes.push(`Idle capacity at ${connections.toLocaleString('en-US')} connections was **skipped**: the open-files limit is ${hard} ` +
          '(`ulimit -Hn`), and the server process needs one descriptor per connection. Raising it needs root with CAP_SYS_RESOURCE (`ulimit -Hn 200000` before `bench/run`).');
        continue;
      }
      plan.push({ key: `idle-${connections}`, scenario, label: `Idle capacity, ${connections.toLocaleString('en-US')} connections`, servers: options.servers,
        limitMs: ms(connections / options.idlePace + options.idleHoldSec + options.teardownWatchSec + 300),
        run: (o) => idle({ ...o, connections, baseConnections: options.idleBase == null ? Math.round(connections / 5) : Number(options.idleBase), pace: options.idlePace, holdMs: ms(options.idleHoldSec), workers: Math.max(o.workers, Math.ceil(connections / 15000)),
          closeMode: options.idleClose, teardownWatchMs: ms(options.teardownWatchSec),
          // the server sampled every 30 s of the hold (at least 6 samples in a short one)
          sampleMs: Math.min(30000, Math.max(5000, ms(options.idleHoldSec) / 6)) }) });
    }
  }
}

// ---- running --------------------------------------------------------------------------------

const ports = new Map([...new Set([...options.servers, ...clusterLineup])].map((n, i) => [n, options.portBase + i * 10]));
/** "alone-server:round" → the last rate its cluster tried in that round (the alone ladder's cap) */
const clusterCaps = new Map();
process.env.BENCH_REDIS_URI = options.redisUri; // the cluster servers' Redis

function withTimeout(promise, limit, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(limit / 1000)} s`)), limit);
    }),
  ]).finally(() => clearTimeout(timer));
}

function scanLog(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { warnings: 0, samples: [] };
  }
  const lines = text.split('\n').filter((l) => /SEVERE|WARN|ERROR|Exception|OutOfMemory|\bat [a-z]+\./.test(l) && !/^\s+at /.test(l));
  const samples = [...new Set(lines.map((l) => l.trim().slice(0, 240)))].slice(0, 5);
  return { warnings: lines.length, samples };
}

function notesFor(run) {
  const n = [];
  const where = `${run.label}, ${run.server}, round ${run.round}`;
  const r = run.result;
  if (run.serverLog?.warnings) {
    n.push(`${where}: the server logged ${run.serverLog.warnings} warning/error line(s), e.g. \`${run.serverLog.samples[0]}\` (${run.logFile ?? run.logFiles.join(', ')})`);
  }
  if (run.stop?.killed) n.push(`${where}: the server did not exit within 10 s of SIGTERM and was killed (SIGKILL)`);
  if (run.serverExited) n.push(`${where}: the server exited during the run (${JSON.stringify(run.serverExited)})`);
  if (!r) return n;
  if (r.connect?.failed) n.push(`${where}: ${r.connect.failed} of ${r.connect.requested} clients could not connect: ${JSON.stringify(r.connect.errors)}`);
  if (r.steps) {
    for (const s of r.steps) {
      const bits = [];
      if (s.disconnects) bits.push(`${s.disconnects} disconnects`);
      if (s.lost) bits.push(`${s.lost} of ${s.expected} deliveries lost`);
      if (bits.length) n.push(`${where}, at ${s.targetDeliveriesPerSec.toLocaleString('en-US')} deliveries/s${s.sustainable ? '' : ' (the step that ended the ladder)'}: ${bits.join(', ')}`);
      if (s.generatorBound) n.push(`${where}, at ${s.targetDeliveriesPerSec.toLocaleString('en-US')} deliveries/s: the load generator could not send at the target rate (${s.sentPerSec}/s of ${s.rate}/s): the generator, not the server, was the limit there`);
    }
    const noisy = r.steps.filter((s) => s.otherCores > 0.2);
    if (noisy.length) {
      n.push(`${where}: other processes used up to ${Math.max(...noisy.map((s) => s.otherCores))} cores in ${noisy.length} of ${r.steps.length} steps: the machine was not quiet, those numbers are noisy`);
    }
    const last = r.steps[r.steps.length - 1];
    if (last && !last.sustainable) {
      const busy = options.pinned ? `server ${last.serverCores} of 1 core, generator ${last.generatorCores} of 1 core`
        : `server ${last.serverCores} + generator ${last.generatorCores} cores of ${info.nproc}`;
      n.push(`${where}: stopped at ${last.targetDeliveriesPerSec.toLocaleString('en-US')} deliveries/s (${last.problems.join('; ')}); CPU there: ${busy}`);
    }
  }
  if (r.scenario === 'cluster') {
    const at = (s) => `${where}, at ${s.targetDeliveriesPerSec.toLocaleString('en-US')} deliveries/s`;
    for (const s of r.steps.filter((x) => x.probe && x.probe.keyPublishes !== x.probe.broadcasts)) {
      n.push(`${at(s)}: ${s.probe.keyPublishes} PUBLISH on the run's key for ${s.probe.broadcasts} broadcasts (${s.probe.keyPublishesPerBroadcast} per broadcast)`);
    }
    if (r.redis?.pid == null) n.push(`${where}: the redis-server process was not found on this machine: its CPU is not counted`);
    const shared = r.steps.filter((x) => x.probe && x.probe.publishCalls > x.probe.keyPublishes);
    if (shared.length) {
      n.push(`${where}: other clients of the shared Redis published too during ${shared.length} of ${r.steps.length} steps ` +
        `(up to ${Math.max(...shared.map((x) => x.probe.publishCalls - x.probe.keyPublishes))} PUBLISH in a step): INFO commandstats counts them, the count on the run's key does not`);
    }
  }
  if (r.scenario === 'idle') {
    if (r.open < r.connections) n.push(`${where}: only ${r.open} of ${r.connections} connections were open at the end of the hold`);
    if (r.disconnects) n.push(`${where}: ${r.disconnects} disconnects during the hold: ${JSON.stringify(r.disconnectReasons)}`);
    const hb = r.heartbeats;
    if (hb && (hb.clientsMissed || hb.clientsOverdue)) {
      n.push(`${where}: ${hb.clientsMissed} clients missed a ping (a gap above pingInterval + pingTimeout, ${hb.missedIntervals} such gaps), ${hb.clientsOverdue} overdue at the end of the hold`);
    }
    if (hb && hb.latenessMs?.max != null && hb.thresholdMs != null && hb.latenessMs.max >= hb.thresholdMs) {
      n.push(`${where}: the latest ping came ${hb.latenessMs.max} ms late, over the ${hb.thresholdMs} ms (pingTimeout / 20) of "on time"`);
    }
    if (r.memory && (r.memory.flatHeap === false || r.memory.flatRss === false)) {
      n.push(`${where}: memory not flat over the hold: after-GC heap ${r.memory.heapAfterGc?.changePct ?? '—'}%, after-GC RSS ${r.memory.rssAfterGc?.changePct ?? '—'}%`);
    }
    if (r.connect?.storm?.failed) n.push(`${where}: ${r.connect.storm.failed} connections failed in the connect storm: ${JSON.stringify(r.connect.errors)}`);
    if (r.teardown && r.teardown.quietAfterSec == null) {
      n.push(`${where}: after the ${r.teardown.mode} disconnect of ${r.teardown.closed} clients the server was still busy ${r.teardown.watchedSec} s later ` +
        `(${r.teardown.cpuSeconds} CPU s so far; cores per second: ${r.teardown.coresPerSecond.slice(0, 12).join(' ')}…)`);
    }
  }
  if (r.scenario === 'echo' && r.otherCores > 0.2) n.push(`${where}: other processes used ${r.otherCores} cores during the window: the machine was not quiet, numbers are noisy`);
  if (r.scenario === 'echo' && (r.mismatched || r.error)) n.push(`${where}: ${r.mismatched} mismatched acks${r.error ? `, ${r.error}` : ''}`);
  return n;
}

/** Waits (up to 30 s) until the machine is quiet: below 0.2 busy cores over a second. */
async function waitQuiet() {
  let cores = null;
  for (let i = 0; i < 30; i++) {
    const a0 = machineBusyMicros();
    const t0 = Date.now();
    await sleep(1000);
    cores = (machineBusyMicros() - a0) / 1e6 / ((Date.now() - t0) / 1000);
    if (cores < 0.2) break;
  }
  return Number(cores.toFixed(2));
}

async function main() {
  if (plan.some((p) => p.needsRedis)) {
    const redis = await redisAt(options.redisUri);
    if (redis.error) {
      data.notes.push(`The cluster scenario was **skipped**: no Redis answered at ${options.redisUri} (${redis.error}). Start one (\`redis-server\`) or give \`--redis URI\`.`);
      console.log(`bench: no Redis at ${options.redisUri} (${redis.error}): skipping the cluster scenario`);
      plan.splice(0, plan.length, ...plan.filter((p) => !p.needsRedis));
    } else {
      data.redis = { uri: options.redisUri, ...redis };
    }
  }
  const plannedRuns = plan.reduce((acc, p) => acc + p.servers.length * options.rounds, 0);
  console.log(`bench: ${plannedRuns} runs (${plan.map((p) => p.key).join(', ')}) × servers ${[...new Set(plan.flatMap((p) => p.servers))].join(', ')}; ` +
    `${options.pinned ? `pinned (server CPU ${serverCpus}, generator CPU ${generatorCpus})` : 'unpinned'}`);
  console.log(`       writing ${path.relative(process.cwd(), jsonFile)}`);
  let done = 0;
  for (const item of plan) {
    for (let round = 1; round <= options.rounds; round++) {
      for (const server of item.servers) {
        done++;
        const config = configs.get(server);
        const run = { key: item.key, scenario: item.scenario, label: item.label, server, round, startedAt: new Date().toISOString(),
          loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))) };
        data.runs.push(run);
        const logFile = path.join(logDir, `${item.key}-${server}-r${round}.log`);
        run.logFile = path.relative(benchDir, logFile);
        // a cluster server: --cluster-nodes processes on one key unique to this run, a log each
        const nodes = config.cluster ? options.clusterNodes : 1;
        const logFiles = nodes > 1 ? [...Array(nodes).keys()].map((i) => logFile.replace(/\.log$/, `-node${i + 1}.log`)) : [logFile];
        if (nodes > 1) {
          run.redisKey = `bench-${stamp}-${server}-r${round}`.toLowerCase();
          run.logFiles = logFiles.map((f) => path.relative(benchDir, f));
          delete run.logFile;
        }
        console.log(`\n[${done}/${plannedRuns}] ${item.label} — ${server}, round ${round}`);
        let handle = null;
        const handles = [];
        try {
          run.busyCoresBefore = await waitQuiet();
          if (run.busyCoresBefore >= 0.2) {
            console.log(`  the machine is busy (${run.busyCoresBefore} cores used by other processes); measuring anyway`);
            data.notes.push(`${item.label}, ${server}, round ${round}: the machine was busy before the run (${run.busyCoresBefore} cores used by other processes for 30 s)`);
          }
          const taken = new Set();
          for (let i = 0; i < nodes; i++) {
            const port = await freePort(ports.get(server) + i, taken);
            taken.add(port);
            handles.push(await procs.start(config, port, { cpus: serverCpus, logFile: logFiles[i], vars: { key: run.redisKey } }));
          }
          handle = handles[0];
          run.port = handle.port;
          run.pid = handle.pid;
          if (nodes > 1) {
            run.ports = handles.map((h) => h.port);
            run.pids = handles.map((h) => h.pid);
          }
          run.java = handle.java;
          run.readyLine = handle.readyLine;
          await sleep(1000);
          const started = Date.now();
          run.result = await withTimeout(item.run({
            server,
            round,
            key: run.redisKey,
            host: '127.0.0.1',
            port: handle.port,
            ports: handles.map((h) => h.port),
            serverPid: handle.pid,
            serverPids: handles.map((h) => h.pid),
            serverGcSignal: config.gcSignal,
            raw: config.kind === 'raw',
            rawPath: config.rawPath,
            parser: config.parser,
            deflate: !!config.deflate,
            workers: options.workers,
            cpus: generatorCpus,
            log: (line) => console.log(line),
          }), item.limitMs, `${item.label} on ${server}`);
          run.seconds = Math.round((Date.now() - started) / 1000);
          if (config.cluster && config.alone && run.result.steps?.length) {
            clusterCaps.set(`${config.alone}:${round}`, run.result.steps[run.result.steps.length - 1].rate);
          }
          summarize(run);
        } catch (e) {
          run.error = String(e.message || e);
          console.log(`  FAILED: ${run.error}`);
        } finally {
          killWorkers();
          for (const h of handles) {
            if (h.exited) run.serverExited = h.exited;
            const stop = await h.stop();
            if (!run.stop || stop?.killed) run.stop = stop;
          }
          const scans = logFiles.map(scanLog);
          run.serverLog = { warnings: scans.reduce((n, x) => n + x.warnings, 0), samples: scans.flatMap((x) => x.samples).slice(0, 5) };
          data.notes.push(...notesFor(run));
          saveJson();
        }
      }
    }
  }
  writeReport('complete');
}

function summarize(run) {
  const r = run.result;
  if (r.scenario === 'echo') {
    console.log(`  ${r.roundTripsPerSec} round trips/s (${r.echoClients ?? 1} client${r.echoClients === 1 ? '' : 's'}), p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, server ${r.serverCpuPerRoundTripUs} µs/round trip`);
  } else if (r.scenario === 'idle') {
    console.log(`  open ${r.open}/${r.connections}, RSS ${r.rssPerConnectionKb} KB/connection` +
      (r.heapPerConnectionKb != null ? `, heap ${r.heapPerConnectionKb} KB/connection` : '') +
      (r.teardown ? `; after disconnecting all: ${r.teardown.cpuSeconds} CPU s, quiet after ${r.teardown.quietAfterSec ?? `> ${r.teardown.watchedSec}`} s` : '') +
      (r.heartbeats ? `; heartbeats ${r.heartbeats.onTime ? 'on time' : 'NOT on time'} (max ${r.heartbeats.latenessMs.max} ms late)` : '') +
      (r.memory ? `; memory flat: heap ${r.memory.flatHeap ?? '—'}, RSS ${r.memory.flatRss ?? '—'}` : ''));
  } else {
    console.log(`  max sustainable: ${r.maxSustainable ? `${r.maxSustainable.deliveredPerSec} deliveries/s (p99 ${r.maxSustainable.latencyMs.p99} ms)` : 'none'}` +
      (r.scenario === 'cluster' ? ` over ${r.nodes} nodes, Redis pid ${r.redis.pid}, key ${r.key}` : ''));
  }
}

main().catch((e) => {
  console.error(`runner failed: ${e.stack || e}`);
  cleanup();
  writeReport('failed');
  process.exit(1);
});
