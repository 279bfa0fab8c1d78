#!/usr/bin/env node
// The load generator on its own, against a server that is already running:
//
//   node loadgen/cli.js fanout  --port 3000 [--clients 100] [--server-pid PID] [--rates 10,20]
//                               [--message-bytes 2048] [--deflate] [--parser msgpack]
//   node loadgen/cli.js echo    --port 3000 [--duration 10] [--clients 1]
//   node loadgen/cli.js idle    --port 3000 --connections 10000 [--pace 1000] [--hold 60]
//   node loadgen/cli.js polling --port 3000 [--clients 1000]
//   node loadgen/cli.js cluster --port 3000,3001 --key KEY [--clients 500] [--server-pid P1,P2]
//                               [--redis redis://127.0.0.1:6379]   (--clients per node)
//
// Prints the scenario's JSON result on stdout, progress on stderr. See bench/README.md.
import { parseArgs } from 'node:util';
import { fanout, echo, idle, polling } from './coordinator.js';
import { cluster } from './cluster.js';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    path: { type: 'string', default: '/socket.io/' },
    raw: { type: 'boolean', default: false },
    'raw-path': { type: 'string', default: '/' },
    deflate: { type: 'boolean', default: false },
    parser: { type: 'string', default: 'default' },
    'message-bytes': { type: 'string', default: '0' },
    'server-pid': { type: 'string' },
    workers: { type: 'string', default: '2' },
    cpus: { type: 'string' },
    clients: { type: 'string' },
    senders: { type: 'string', default: '10' },
    'sender-transport': { type: 'string' },
    rates: { type: 'string' },
    'start-deliveries': { type: 'string', default: '5000' },
    factor: { type: 'string', default: '1.5' },
    'max-steps': { type: 'string', default: '14' },
    warmup: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    drain: { type: 'string', default: '3' },
    'max-p99': { type: 'string', default: '100' },
    connections: { type: 'string', default: '10000' },
    pace: { type: 'string', default: '1000' },
    hold: { type: 'string', default: '60' },
    addresses: { type: 'string', default: 'auto' },
    payload: { type: 'string' },
    'close-mode': { type: 'string', default: 'abrupt' },
    'teardown-watch': { type: 'string', default: '30' },
    key: { type: 'string' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const scenario = positionals[0];
if (a.help || !scenario || !a.port) {
  console.error('usage: node loadgen/cli.js fanout|echo|idle|polling|cluster --port PORT[,PORT...] [options] (see bench/README.md)');
  process.exit(a.help ? 0 : 2);
}

const common = {
  host: a.host,
  port: Number(a.port.split(',')[0]),
  path: a.path,
  raw: a.raw,
  rawPath: a['raw-path'],
  deflate: a.deflate,
  parser: a.parser,
  serverPid: a['server-pid'] ? Number(a['server-pid'].split(',')[0]) : null,
  workers: Number(a.workers),
  cpus: a.cpus,
  warmupMs: Number(a.warmup) * 1000,
  durationMs: Number(a.duration) * 1000,
  log: (line) => console.error(line),
};
const ladder = {
  senders: Number(a.senders),
  senderTransport: a['sender-transport'],
  rates: a.rates ? a.rates.split(',').map(Number) : undefined,
  startDeliveries: Number(a['start-deliveries']),
  factor: Number(a.factor),
  maxSteps: Number(a['max-steps']),
  drainMs: Number(a.drain) * 1000,
  maxP99Ms: Number(a['max-p99']),
  messageBytes: Number(a['message-bytes']),
};

let run;
switch (scenario) {
  case 'fanout':
    run = fanout({ ...common, ...ladder, clients: Number(a.clients || 100) });
    break;
  case 'polling':
    run = polling({ ...common, ...ladder, clients: Number(a.clients || 1000) });
    break;
  case 'cluster':
    if (!a.key) {
      console.error('cluster: --key KEY (the adapter key the nodes share) is needed');
      process.exit(2);
    }
    run = cluster({ ...common, ...ladder, ports: a.port.split(',').map(Number), clientsPerNode: Number(a.clients || 500),
      serverPids: a['server-pid'] ? a['server-pid'].split(',').map(Number) : [], redisUrl: a.redis, key: a.key });
    break;
  case 'echo':
    run = echo({ ...common, clients: Number(a.clients || 1), ...(a.payload ? { payload: a.payload } : {}) });
    break;
  case 'idle':
    run = idle({ ...common, connections: Number(a.connections), pace: Number(a.pace), holdMs: Number(a.hold) * 1000, addresses: a.addresses,
      closeMode: a['close-mode'], teardownWatchMs: Number(a['teardown-watch']) * 1000 });
    break;
  default:
    console.error(`unknown scenario ${scenario}`);
    process.exit(2);
}

// a hard stop: whatever happens, the generator never runs unbounded
const guard = setTimeout(() => {
  console.error('loadgen: time limit reached, exiting');
  process.exit(3);
}, 2 * 60 * 60 * 1000);
guard.unref();

run.then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.exit(0);
  },
  (e) => {
    console.error(e.stack || e);
    process.exit(1);
  },
);
