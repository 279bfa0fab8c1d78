#!/usr/bin/env node
// Jakartio's own live heap per idle connection, by class and by owner (see bench/README.md,
// "Heap per idle connection, by owner"):
//
//   node idle-heap/run.mjs [--server jakartio-tomcat] [--connections 2000] [--base 400] [--hold 30]
//
// Starts the server fresh, and at 0 connections ('before'), at --base connections ('base') and at
// --connections ('after'), all held idle and answering pings: jcmd GC.run, GC.class_histogram and
// GC.heap_dump (live objects). HeapOwners.java assigns every object of each dump to an owner
// (jakartio, tomcat, weld, json, other, JDK); the difference between two dumps divided by the
// connections opened between them is the cost per connection. Writes
// results/<timestamp>-idle-heap.md and .json; the dumps go to results/logs/<timestamp>/ (not
// committed) and are deleted unless --keep-dumps.
import { parseArgs } from 'node:util';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import servers from '../servers.js';
import { Processes, freePort } from '../runner/processes.js';
import { idle, killWorkers } from '../loadgen/coordinator.js';
import * as proc from '../loadgen/procstat.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const bench = path.resolve(here, '..');
const { values: a } = parseArgs({
  options: {
    server: { type: 'string', default: 'jakartio-tomcat' },
    connections: { type: 'string', default: '2000' },
    base: { type: 'string', default: '400' },
    hold: { type: 'string', default: '30' },
    pace: { type: 'string', default: '500' },
    'keep-dumps': { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
  },
});
const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
const logs = path.join(bench, 'results', 'logs', stamp);
mkdirSync(logs, { recursive: true });
const log = (l) => console.error(l);
const config = servers.find((s) => s.name === a.server);
if (!config) throw new Error(`unknown server ${a.server}`);
const processes = new Processes(bench, path.join(bench, 'results', '.running-servers.json'));
processes.reapLeftovers(log);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { processes.killAll(); killWorkers(); process.exit(130); });
}

const port = await freePort(3100);
log(`starting ${config.name} on ${port}...`);
const server = await processes.start(config, port, { logFile: path.join(logs, `${config.name}.log`) });
if (!server.java) throw new Error(`${config.name}: process ${server.pid} is not a JVM`);
const snapshots = {};
let result;
try {
  await new Promise((r) => setTimeout(r, 5000));
  result = await idle({
    port, serverPid: server.pid, workers: 1, log,
    connections: Number(a.connections), baseConnections: Number(a.base), pace: Number(a.pace),
    holdMs: Number(a.hold) * 1000, baseHoldMs: Number(a.hold) * 1000, teardownWatchMs: 5000,
    measure: async (phase) => {
      const jcmd = (...args) => run('jcmd', [String(server.pid), ...args], { timeout: 300000, maxBuffer: 256 << 20 });
      await jcmd('GC.run');
      const histogram = path.join(logs, `${phase}.histogram.txt`);
      writeFileSync(histogram, (await jcmd('GC.class_histogram')).stdout);
      const dump = path.join(logs, `${phase}.hprof`);
      await jcmd('GC.heap_dump', dump);
      const mem = proc.memory(server.pid);
      snapshots[phase] = { histogram, dump, rssKb: mem?.rssKb, threads: mem?.threads };
      log(`  ${phase}: histogram and dump taken`);
      return snapshots[phase];
    },
  });
} finally {
  await server.stop();
  killWorkers();
}

// each dump by owner and class (after the server is gone: the analysis needs the cores)
const tables = {};
for (const [phase, s] of Object.entries(snapshots)) {
  log(`  reading the ${phase} dump...`);
  const { stdout } = await run('java', ['-Xmx3g', path.join(here, 'HeapOwners.java'), s.dump, s.histogram],
    { maxBuffer: 256 << 20, timeout: 1200000 });
  writeFileSync(path.join(logs, `${phase}.owners.tsv`), stdout);
  const t = new Map();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [owner, cls, count, bytes] = line.split('\t');
    t.set(`${owner}\t${cls}`, { owner, cls, count: Number(count), bytes: Number(bytes) });
  }
  tables[phase] = t;
  if (!a['keep-dumps']) rmSync(s.dump);
}

/** (to − from) / connections, by owner and by class */
function perConnection(from, to, connections) {
  const rows = [];
  for (const key of new Set([...from.keys(), ...to.keys()])) {
    const f = from.get(key) || { count: 0, bytes: 0 };
    const t = to.get(key) || f;
    const [owner, cls] = key.split('\t');
    rows.push({ owner, cls, count: (t.count - f.count) / connections, bytes: (t.bytes - f.bytes) / connections });
  }
  const owners = {};
  for (const r of rows) owners[r.owner] = (owners[r.owner] || 0) + r.bytes;
  return { owners, rows: rows.filter((r) => Math.abs(r.bytes) >= 1).sort((x, y) => y.bytes - x.bytes) };
}

const n = result.open;
const nBase = result.baseOpen;
const marginal = perConnection(tables.base, tables.after, n - nBase);
const fromZero = perConnection(tables.before, tables.after, n);
const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: bench })).stdout.trim();
const dirty = (await run('git', ['status', '--porcelain', '--', '../src', '../pom.xml'], { cwd: bench })).stdout.trim() ? ' (with uncommitted changes)' : '';
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1];
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const order = ['jakartio', 'app', 'tomcat', 'weld', 'json', 'other', 'JDK'];
const md = [];
md.push(`# Heap per idle connection, by owner — ${stamp}${a.label ? ` (${a.label})` : ''}`, '');
md.push(`- Command: \`node idle-heap/run.mjs --server ${a.server} --connections ${a.connections} --base ${a.base} --hold ${a.hold} --pace ${a.pace}\` (from bench/)`);
md.push(`- Commit: \`${commit}\`${dirty}; server: ${config.description}`);
const memGiB = Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]) / 1048576;
md.push(`- Machine: ${(await run('nproc')).stdout.trim()} CPUs (${cpu}), ${memGiB.toFixed(1)} GiB, Linux ${(await run('uname', ['-r'])).stdout.trim()}; ` +
  `Java: ${(await run('java', ['-version'])).stderr.split('\n')[0]}`);
md.push(`- Connections: ${n} open after the hold (${result.connect.failed} failed, ${result.disconnects} dropped), ${nBase} at the base; ${result.pingsAnswered} pings answered`);
md.push(`- Server RSS (after the GC): before ${fmt(snapshots.before.rssKb)} KB, base ${fmt(snapshots.base.rssKb)} KB, after ${fmt(snapshots.after.rssKb)} KB; threads ${snapshots.before.threads} → ${snapshots.after.threads}`);
md.push('');
md.push('Bytes per connection by owner (shallow sizes of live objects; an object of a JDK class belongs to the owner of a referrer, see HeapOwners.java):', '');
md.push('| owner | marginal, base → after | from 0 connections |', '|---|---:|---:|');
let tm = 0, tz = 0;
for (const o of order) {
  tm += marginal.owners[o] || 0; tz += fromZero.owners[o] || 0;
  md.push(`| ${o} | ${fmt(marginal.owners[o] || 0)} | ${fmt(fromZero.owners[o] || 0)} |`);
}
md.push(`| **all** | **${fmt(tm)}** | **${fmt(tz)}** |`, '');
for (const o of ['jakartio', 'tomcat']) {
  md.push(`Top classes owned by ${o} (marginal, per connection):`, '', '| class | instances | bytes |', '|---|---:|---:|');
  for (const r of marginal.rows.filter((r) => r.owner === o).slice(0, 25)) {
    md.push(`| \`${r.cls}\` | ${fmt(r.count, 2)} | ${fmt(r.bytes)} |`);
  }
  md.push('');
}
const out = path.join(bench, 'results', `${stamp}-idle-heap`);
writeFileSync(`${out}.md`, md.join('\n') + '\n');
writeFileSync(`${out}.json`, JSON.stringify({ stamp, args: a, commit, result, marginal, fromZero }, null, 1));
log(`report: ${out}.md`);
console.log(md.join('\n'));
process.exit(0);
