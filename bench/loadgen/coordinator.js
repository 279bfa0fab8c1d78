// The coordinator: forks the workers, spreads the clients over them (and over several loopback
// source addresses when one address's ephemeral ports are not enough), drives the scenarios,
// samples the server's and the generator's CPU at the edges of every measured window, and merges
// the workers' counters and histograms into one JSON result per scenario.
import { fork, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Histogram } from './histogram.js';
import { now } from './clock.js';
import * as proc from './procstat.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Every worker process alive, so that an exit handler can kill them synchronously. */
export const liveWorkers = new Set();

export function killWorkers() {
  for (const child of liveWorkers) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveWorkers.clear();
}
const PORTS_PER_ADDRESS = 20000; // of the ~28k ephemeral ports (32768–60999) one address has
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const at = (t) => sleep(t - now());
const round = (x, digits = 2) => (x == null || !Number.isFinite(x) ? x : Number(x.toFixed(digits)));

export class LoadGen {
  /**
   * @param {object} o host, port, path ('/socket.io/'), raw (plain WebSocket floor), rawPath,
   *   deflate (offer permessage-deflate), parser ('msgpack': the server's parser is
   *   socket.io-msgpack-parser's, WebSocket clients only), workers, serverPid (for CPU/RSS), serverPids (a
   *   cluster's nodes: their CPU is added up; RSS is the first's), redisPid (a Redis whose CPU is
   *   sampled beside the servers'), cpus (taskset list for the workers), log
   */
  constructor(o) {
    this.target = {
      host: o.host || '127.0.0.1',
      port: o.port,
      path: o.path || '/socket.io/',
      raw: !!o.raw,
      rawPath: o.rawPath || '/',
      deflate: !!o.deflate,
      parser: o.parser || 'default',
    };
    this.workerCount = Math.max(1, o.workers || 2);
    this.serverPids = o.serverPids?.length ? o.serverPids : o.serverPid ? [o.serverPid] : [];
    this.serverPid = this.serverPids[0] || null;
    this.redisPid = o.redisPid || null;
    this.cpus = o.cpus || null;
    this.log = o.log || (() => {});
    this.workers = [];
    this.calls = new Map();
    this.seq = 0;
    this.stepSeq = 0;
    this.receivers = 0;
    this.senders = 0;
  }

  async start() {
    for (let i = 0; i < this.workerCount; i++) {
      const child = fork(WORKER, [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: ['--max-old-space-size=4096'],
      });
      if (this.cpus) {
        execFileSync('taskset', ['-a', '-p', '-c', this.cpus, String(child.pid)], { stdio: 'ignore' });
      }
      child.on('message', (msg) => {
        const call = this.calls.get(msg.id);
        if (call) {
          this.calls.delete(msg.id);
          if (msg.ok) call.resolve(msg.result);
          else call.reject(new Error(`worker ${i}: ${msg.error}`));
        }
      });
      liveWorkers.add(child);
      child.on('exit', (code, signal) => {
        liveWorkers.delete(child);
        if (!this.closing) {
          for (const [id, call] of this.calls) {
            if (call.worker === child) {
              this.calls.delete(id);
              call.reject(new Error(`worker ${i} exited (${code ?? signal})`));
            }
          }
        }
      });
      this.workers.push(child);
    }
    return this;
  }

  call(worker, op, msg = {}) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, worker });
      worker.send({ ...msg, op, id });
    });
  }

  all(op, msgFor = () => ({})) {
    return Promise.all(this.workers.map((w, i) => this.call(w, op, msgFor(i))));
  }

  workerPids() {
    return this.workers.map((w) => w.pid);
  }

  generatorCpu() {
    let sum = proc.cpuMicros(process.pid) || 0;
    for (const pid of this.workerPids()) sum += proc.cpuMicros(pid) || 0;
    return sum;
  }

  serverSample() {
    if (!this.serverPid) return null;
    // every node of a cluster (a gone one makes the sum unknown)
    const sum = (f) => this.serverPids.reduce((a, pid) => {
      const v = f(pid);
      return a == null || v == null ? null : a + v;
    }, 0);
    return {
      t: now(),
      cpuUs: sum(proc.cpuMicros),
      sysUs: sum(proc.systemMicros),
      nodesCpuUs: this.serverPids.length > 1 ? this.serverPids.map(proc.cpuMicros) : null,
      mem: proc.memory(this.serverPid),
    };
  }

  /** CPU of the server, Redis (if any), the generator and the whole machine at one instant. */
  sample() {
    return {
      server: this.serverSample(),
      redisCpu: this.redisPid ? proc.cpuMicros(this.redisPid) : null,
      genCpu: this.generatorCpu(),
      machineCpu: proc.machineBusyMicros(),
      t: now(),
    };
  }

  /** Cores used by neither the server nor the generator between two samples (noise). */
  static otherCores(start, end) {
    if (start.machineCpu == null || end.machineCpu == null) return null;
    const seconds = (end.t - start.t) / 1000;
    const server = start.server?.cpuUs != null && end.server?.cpuUs != null ? end.server.cpuUs - start.server.cpuUs : 0;
    const redis = start.redisCpu != null && end.redisCpu != null ? end.redisCpu - start.redisCpu : 0;
    const other = end.machineCpu - start.machineCpu - server - redis - (end.genCpu - start.genCpu);
    return round(Math.max(0, other) / 1e6 / seconds, 3);
  }

  /**
   * Opens clients: `count` in total, the first `senders` of them send (when a step runs). They
   * are spread round-robin over the workers and over `addresses` source addresses (127.0.0.1,
   * 127.0.0.2, …; 'auto' = as many as the count needs). `target` ({ port, … }) connects them to
   * another server than the generator's; `group` names them in each step's per-group latencies;
   * `append` adds them to the clients opened before (senders and receivers add up) instead of
   * counting them alone.
   */
  async connect(o) {
    const count = o.count;
    const offset = o.addressOffset || 0; // clients this generator opened before, on the first addresses
    const addresses = o.addresses === 'auto' || o.addresses == null
      ? Math.ceil((offset + count) / PORTS_PER_ADDRESS)
      : Number(o.addresses);
    const perWorker = this.workers.map(() => []);
    for (let i = 0; i < count; i++) {
      const sender = i < (o.senders || 0);
      const transport = sender && o.senderTransport ? o.senderTransport : o.transport || 'websocket';
      perWorker[i % this.workers.length].push({
        transport,
        sender,
        senderIndex: sender ? i : -1,
        record: sender ? o.sendersRecord !== false : true,
        localAddress: addresses > 1 ? `127.0.0.${1 + (Math.floor((offset + i) / this.workers.length) % addresses)}` : undefined,
        group: o.group,
      });
    }
    const pace = o.pacePerSec || 1000;
    const started = now();
    const target = o.target ? { ...this.target, ...o.target } : this.target;
    const results = await this.all('connect', (i) => ({
      target,
      specs: perWorker[i],
      pacePerSec: pace / this.workers.length,
      timeoutMs: o.timeoutMs || 30000,
      maxPending: o.maxPending || 2000,
    }));
    const hist = new Histogram();
    let errors = {};
    let ok = 0;
    let failed = 0;
    for (const r of results) {
      ok += r.ok;
      failed += r.failed;
      hist.merge(r.connectLatency);
      errors = mergeCounts(errors, r.errors);
    }
    const senders = Math.min(o.senders || 0, count);
    const senderRecords = o.sendersRecord !== false;
    const receivers = ok - (senderRecords ? 0 : senders);
    this.senders = (o.append ? this.senders : 0) + senders;
    this.receivers = (o.append ? this.receivers : 0) + receivers;
    const out = {
      requested: count,
      ok,
      failed,
      errors,
      seconds: round((now() - started) / 1000, 2),
      addresses,
      handshakeMs: summaryRounded(hist),
    };
    // the histogram itself, for a caller that merges several connects (not in the JSON)
    Object.defineProperty(out, 'handshakeHist', { value: hist, enumerable: false });
    return out;
  }

  /** The workers' heartbeat reports merged ({@link heartbeatSummary}); `reset` starts anew. */
  async heartbeats({ reset = false } = {}) {
    return heartbeatSummary(await this.all('heartbeats', () => ({ reset })));
  }

  async status() {
    const parts = await this.all('status');
    const total = { open: 0, total: 0, pings: 0, buffered: 0, requests: 0, deflate: 0, disconnects: 0, otherEvents: 0, disconnectReasons: {}, workerRssKb: [] };
    for (const p of parts) {
      for (const k of ['open', 'total', 'pings', 'buffered', 'requests', 'deflate', 'disconnects', 'otherEvents']) total[k] += p[k];
      for (const [k, v] of Object.entries(p.disconnectReasons)) total.disconnectReasons[k] = (total.disconnectReasons[k] || 0) + v;
      total.workerRssKb.push(Math.round(p.memory / 1024));
    }
    return total;
  }

  /** Fills samples.start and samples.end (CPU samples) at the window's edges; resolves after the end. */
  async sampleWindow(windowStart, windowEnd, samples) {
    await at(windowStart);
    samples.start = this.sample();
    await at(windowEnd);
    samples.end = this.sample();
  }

  /**
   * One step of fan-out at a total send rate (messages/s over all senders): warm-up, measured
   * window, then a drain that waits (bounded) for the last deliveries. With `o.probe` (an object
   * whose async snapshot() returns counters, such as Redis's PUBLISH count), the probe is read
   * before the first message and after the drain: `probe` in the result holds the differences
   * and the messages sent in between (warm-up included).
   */
  async fanoutStep(o) {
    const stepId = ++this.stepSeq;
    const before = await this.status();
    const polling = o.transport === 'polling';
    const probeBefore = o.probe ? await o.probe.snapshot() : null;
    const receivers = this.receivers;
    const senders = this.senders;
    const rate = o.rate;
    const startAt = now() + 300;
    const windowStart = startAt + o.warmupMs;
    const windowEnd = windowStart + o.durationMs;
    const samples = {};
    const sampling = this.sampleWindow(windowStart, windowEnd, samples);
    await this.all('step', () => ({
      stepId,
      ratePerSender: rate / senders,
      totalSenders: senders,
      startAt,
      warmupMs: o.warmupMs,
      durationMs: o.durationMs,
      padding: o.padding,
      messageBytes: o.messageBytes || 0,
      lateMs: o.lateMs,
    }));
    await sampling;
    // drain: until every measured message reached every receiver, or the drain time is over
    let drained = false;
    const drainUntil = windowEnd + o.drainMs;
    for (;;) {
      const parts = await this.all('stats', () => ({ stepId, final: false }));
      const sent = parts.reduce((a, p) => a + p.sent, 0);
      const received = parts.reduce((a, p) => a + p.received, 0);
      if (received >= sent * receivers) {
        drained = true;
        break;
      }
      if (now() >= drainUntil) break;
      await sleep(100);
    }
    const drainMs = now() - windowEnd;
    const probeAfter = o.probe ? await o.probe.snapshot() : null;
    const parts = await this.all('stats', () => ({ stepId, final: true }));
    const after = await this.status();
    const hist = new Histogram();
    const lag = new Histogram();
    let sent = 0;
    let sentWarmup = 0;
    let received = 0;
    let arrivals = 0;
    let late = 0;
    const snap = { start: { sent: 0, received: 0, buffered: 0, bytesRead: 0 }, mid: { sent: 0, received: 0, buffered: 0, bytesRead: 0 },
      end: { sent: 0, received: 0, buffered: 0, bytesRead: 0 } };
    const groups = {};
    for (const p of parts) {
      for (const [name, g] of Object.entries(p.groups || {})) {
        const sum = groups[name] || (groups[name] = { received: 0, hist: new Histogram() });
        sum.received += g.received;
        sum.hist.merge(g.hist);
      }
      sent += p.sent;
      sentWarmup += p.sentWarmup;
      received += p.received;
      arrivals += p.arrivalsInWindow;
      late += p.late;
      hist.merge(p.hist);
      lag.merge(p.lag);
      for (const k of ['start', 'mid', 'end']) {
        if (p.snapshots[k]) {
          snap[k].sent += p.snapshots[k].sent;
          snap[k].received += p.snapshots[k].received;
          snap[k].bytesRead += p.snapshots[k].bytesRead || 0;
          snap[k].buffered = Math.max(snap[k].buffered, p.snapshots[k].buffered);
        }
      }
    }
    const seconds = (samples.end.t - samples.start.t) / 1000;
    const expected = sent * receivers;
    const deliveredPerSec = arrivals / seconds;
    const targetDeliveriesPerSec = rate * receivers;
    const serverCpuUs = samples.start.server && samples.end.server?.cpuUs != null
      ? samples.end.server.cpuUs - samples.start.server.cpuUs
      : null;
    const serverSysUs = samples.start.server?.sysUs != null && samples.end.server?.sysUs != null
      ? samples.end.server.sysUs - samples.start.server.sysUs
      : null;
    const genCpuUs = samples.end.genCpu - samples.start.genCpu;
    const redisCpuUs = samples.start.redisCpu != null && samples.end.redisCpu != null
      ? samples.end.redisCpu - samples.start.redisCpu
      : null;
    const latency = summaryRounded(hist);
    const result = {
      stepId,
      rate: round(rate, 3),
      senders,
      receivers,
      targetDeliveriesPerSec: Math.round(targetDeliveriesPerSec),
      sentPerSec: round(sent / seconds, 1),
      deliveredPerSec: Math.round(deliveredPerSec),
      expected,
      received,
      lost: Math.max(0, expected - received),
      late,
      sentWarmup,
      completion: expected ? round(received / expected, 4) : null,
      latencyMs: latency,
      senderLagMs: summaryRounded(lag),
      backlog: {
        mid: snap.mid.sent * receivers - snap.mid.received,
        end: snap.end.sent * receivers - snap.end.received,
        senderBufferedMax: snap.end.buffered,
      },
      drained,
      drainMs: Math.round(drainMs),
      // measured at the clients' TCP sockets over the window: WebSocket frames as they came,
      // compressed or not, headers included (long-polling receivers: not measured, null)
      wireBytesRead: polling ? null : snap.end.bytesRead - snap.start.bytesRead,
      wireBytesPerDelivery: polling || arrivals === 0 ? null : round((snap.end.bytesRead - snap.start.bytesRead) / arrivals, 1),
      deflateClients: after.deflate,
      serverCpuUs: serverCpuUs == null ? null : Math.round(serverCpuUs),
      serverCpuPerDeliveryUs: serverCpuUs == null || arrivals === 0 ? null : round(serverCpuUs / arrivals, 3),
      serverKernelPerDeliveryUs: serverSysUs == null || arrivals === 0 ? null : round(serverSysUs / arrivals, 3),
      serverCores: serverCpuUs == null ? null : round(serverCpuUs / 1e6 / seconds, 3),
      generatorCores: round(genCpuUs / 1e6 / seconds, 3),
      otherCores: LoadGen.otherCores(samples.start, samples.end),
      serverRssKb: samples.end.server?.mem?.rssKb ?? null,
      serverThreads: samples.end.server?.mem?.threads ?? null,
      disconnects: after.disconnects - before.disconnects,
      open: after.open,
      windowSeconds: round(seconds, 3),
    };
    const nodesStart = samples.start.server?.nodesCpuUs;
    const nodesEnd = samples.end.server?.nodesCpuUs;
    if (nodesStart && nodesEnd) {
      // each node's share: the sending node's against the others'
      result.nodeCores = nodesEnd.map((v, i) => (v == null || nodesStart[i] == null ? null : round((v - nodesStart[i]) / 1e6 / seconds, 3)));
    }
    if (Object.keys(groups).length) {
      result.groups = Object.fromEntries(Object.entries(groups).sort().map(([name, g]) => [name, { received: g.received, latencyMs: summaryRounded(g.hist) }]));
    }
    if (this.redisPid) {
      result.redisCpuUs = redisCpuUs == null ? null : Math.round(redisCpuUs);
      result.redisCpuPerDeliveryUs = redisCpuUs == null || arrivals === 0 ? null : round(redisCpuUs / arrivals, 3);
      result.redisCores = redisCpuUs == null ? null : round(redisCpuUs / 1e6 / seconds, 3);
      result.totalCpuPerDeliveryUs = redisCpuUs == null || serverCpuUs == null || arrivals === 0 ? null : round((serverCpuUs + redisCpuUs) / arrivals, 3);
    }
    if (probeBefore && probeAfter) {
      const broadcasts = sent + sentWarmup;
      result.probe = { broadcasts };
      for (const [k, v] of Object.entries(probeAfter)) {
        if (typeof v === 'number' && typeof probeBefore[k] === 'number') {
          result.probe[k] = v - probeBefore[k];
          result.probe[`${k}PerBroadcast`] = broadcasts ? round((v - probeBefore[k]) / broadcasts, 4) : null;
        }
      }
    }
    const problems = [];
    if (deliveredPerSec < o.minRatio * targetDeliveriesPerSec) {
      problems.push(`delivered ${Math.round(deliveredPerSec)}/s < ${o.minRatio * 100}% of ${Math.round(targetDeliveriesPerSec)}/s`);
    }
    if (latency.p99 != null && latency.p99 > o.maxP99Ms) {
      problems.push(`p99 ${latency.p99} ms > ${o.maxP99Ms} ms`);
    }
    if (result.lost > o.maxLossRatio * expected) {
      problems.push(`lost ${result.lost} of ${expected}`);
    }
    if (result.disconnects > 0) {
      problems.push(`${result.disconnects} disconnects`);
    }
    if (expected === 0) {
      problems.push('nothing sent');
    }
    result.generatorBound = sent / seconds < 0.95 * rate;
    if (result.generatorBound) {
      problems.push(`the generator sent ${round(sent / seconds, 1)}/s of ${round(rate, 1)}/s`);
    }
    result.sustainable = problems.length === 0;
    result.problems = problems;
    return result;
  }

  /** Increases the rate step by step until a step is not sustainable; returns all steps. */
  async ladder(o) {
    const steps = [];
    let rate = o.startRate;
    for (let i = 0; i < o.maxSteps && rate <= o.maxRate; i++) {
      this.log(`  step ${i + 1}: ${round(rate, 2)} msgs/s → ${Math.round(rate * this.receivers)} deliveries/s target`);
      const r = await this.fanoutStep({ ...o, rate });
      this.log(`    delivered ${r.deliveredPerSec}/s, p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms, ` +
        `server ${r.serverCpuPerDeliveryUs ?? '?'} µs/delivery (${r.serverCores ?? '?'} cores), ` +
        `generator ${r.generatorCores} cores, other ${r.otherCores} cores` +
        (r.groups ? `; p50 by node ${Object.entries(r.groups).map(([g, x]) => `${g} ${x.latencyMs.p50}`).join(', ')} ms` : '') +
        (r.redisCpuPerDeliveryUs != null ? `; Redis ${r.redisCpuPerDeliveryUs} µs/delivery (${r.redisCores} cores)` : '') +
        (r.probe?.keyPublishesPerBroadcast != null ? `; PUBLISH per broadcast ${r.probe.keyPublishesPerBroadcast} (key), ${r.probe.publishCallsPerBroadcast} (all)` : '') +
        `${r.sustainable ? '' : ` — ${r.problems.join('; ')}`}`);
      steps.push(r);
      if (!r.sustainable) break;
      rate = nextRate(rate, o.factor);
      await sleep(o.pauseMs ?? 500);
    }
    const ok = steps.filter((s) => s.sustainable);
    const best = ok.length ? ok[ok.length - 1] : null;
    return {
      steps,
      maxSustainable: best
        ? { rate: best.rate, deliveredPerSec: best.deliveredPerSec, latencyMs: best.latencyMs, serverCpuPerDeliveryUs: best.serverCpuPerDeliveryUs }
        : null,
      stoppedBy: steps.length && !steps[steps.length - 1].sustainable ? steps[steps.length - 1].problems : ['ladder end'],
    };
  }

  /** Sequential emitWithAck from every client (each on its own) for a fixed time. */
  async echo(o) {
    const startAt = now() + 200;
    const windowStart = startAt + o.warmupMs;
    const windowEnd = windowStart + o.durationMs;
    const samples = {};
    const sampling = this.sampleWindow(windowStart, windowEnd, samples);
    const parts = await this.all('echo', () => ({ startAt, warmupMs: o.warmupMs, durationMs: o.durationMs, payload: o.payload }));
    await sampling;
    const hist = new Histogram();
    const r = { roundTrips: 0, mismatched: 0, clients: 0, error: parts.map((p) => p.error).filter(Boolean).join('; ') || undefined };
    for (const p of parts) {
      r.roundTrips += p.roundTrips || 0;
      r.mismatched += p.mismatched || 0;
      r.clients += p.clients || 0;
      if (p.hist) hist.merge(p.hist);
    }
    const seconds = (samples.end.t - samples.start.t) / 1000;
    const serverCpuUs = samples.start.server && samples.end.server?.cpuUs != null
      ? samples.end.server.cpuUs - samples.start.server.cpuUs
      : null;
    return {
      echoClients: r.clients,
      roundTrips: r.roundTrips,
      roundTripsPerSec: Math.round(r.roundTrips / seconds),
      latencyMs: summaryRounded(hist),
      mismatched: r.mismatched,
      error: r.error,
      serverCpuUs: serverCpuUs == null ? null : Math.round(serverCpuUs),
      serverCpuPerRoundTripUs: serverCpuUs == null || !r.roundTrips ? null : round(serverCpuUs / r.roundTrips, 3),
      serverCores: serverCpuUs == null ? null : round(serverCpuUs / 1e6 / seconds, 3),
      generatorCores: round((samples.end.genCpu - samples.start.genCpu) / 1e6 / seconds, 3),
      otherCores: LoadGen.otherCores(samples.start, samples.end),
      serverRssKb: samples.end.server?.mem?.rssKb ?? null,
      windowSeconds: round(seconds, 3),
    };
  }

  /**
   * Waits (≤ maxMs) until the server uses < 5% of a core over a second, so that what came before
   * — the full GC a measurement forced, the JVM handing memory back — is not counted as what
   * follows. @returns seconds waited, or null when it did not get quiet (measured anyway)
   */
  async serverQuiet(maxMs = 15000) {
    let last = this.serverSample();
    if (!last || last.cpuUs == null) return null;
    const start = last.t;
    while (now() - start < maxMs) {
      await sleep(1000);
      const s = this.serverSample();
      if (s.cpuUs == null) return null;
      const cores = coresBetween(last, s);
      last = s;
      if (cores < 0.05) return round((s.t - start) / 1000, 1);
    }
    return null;
  }

  /**
   * Once the server is quiet ({@link serverQuiet}), disconnects every client at once ('abrupt':
   * TCP close without a close frame, as when a network drops; 'graceful': a WebSocket close
   * frame) and watches the server's CPU until it is quiet (< 5% of a core over a second, after
   * at least 2 s) or watchMs has passed.
   */
  async teardown({ mode = 'abrupt', watchMs = 30000 } = {}) {
    const quietBeforeSec = await this.serverQuiet();
    const start = this.serverSample();
    const parts = await this.all('disconnect', () => ({ mode: mode === 'graceful' ? 'graceful' : 'abrupt' }));
    const closed = parts.reduce((a, p) => a + p.closed, 0);
    if (!start) return { mode, closed };
    let last = start;
    let quietAfterSec = null;
    const perSecond = [];
    while (now() - start.t < watchMs) {
      await sleep(1000);
      const s = this.serverSample();
      if (s.cpuUs == null) break;
      const cores = coresBetween(last, s);
      perSecond.push(round(cores, 2));
      last = s;
      if (cores < 0.05 && now() - start.t >= 2000) {
        quietAfterSec = round((s.t - start.t) / 1000 - 1, 1);
        break;
      }
    }
    const cpuUs = last.cpuUs - start.cpuUs;
    return {
      mode,
      closed,
      quietBeforeSec,
      cpuSeconds: round(cpuUs / 1e6, 2),
      cpuPerConnectionUs: closed ? round(cpuUs / closed, 1) : null,
      quietAfterSec,
      watchedSec: round((last.t - start.t) / 1000, 1),
      coresPerSecond: perSecond,
    };
  }

  async close() {
    this.closing = true;
    await Promise.race([this.all('close').catch(() => {}), sleep(3000)]);
    for (const w of this.workers) {
      if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    }
    this.workers = [];
  }
}

/** Two tallies ({ reason: count }) added up, as a new object. */
function mergeCounts(a, b) {
  const sum = { ...a };
  for (const [k, v] of Object.entries(b)) sum[k] = (sum[k] || 0) + v;
  return sum;
}

/** @returns the cores a server used between two of its samples ({@link LoadGen#serverSample}) */
function coresBetween(a, b) {
  return (b.cpuUs - a.cpuUs) / 1e6 / ((b.t - a.t) / 1000);
}

/** Rates keep 2 significant digits so that steps read well and match across servers. */
export function roundRate(x) {
  return Number(x.toPrecision(2));
}

export function nextRate(rate, factor) {
  const next = roundRate(rate * factor);
  return next > rate ? next : Number((rate + 10 ** Math.floor(Math.log10(rate) - 1)).toPrecision(3));
}

export function summaryRounded(hist) {
  const s = (hist instanceof Histogram ? hist : Histogram.fromJSON(hist)).summary();
  const out = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'count' ? v : round(v, 3);
  return out;
}

/**
 * What a server process looks like now: RSS, threads, and after a full GC (a JVM's through jcmd,
 * heap in use included; another server's on `gcSignal`, when it has one) the RSS it settles at.
 */
export async function measureServer(pid, { heap = true, gcSignal = null } = {}) {
  const mem = proc.memory(pid);
  const out = { rssKb: mem?.rssKb ?? null, threads: mem?.threads ?? null, cpuUs: proc.cpuMicros(pid) };
  if (heap && proc.isJava(pid)) {
    const h = await proc.javaHeapAfterGc(pid);
    out.heapKb = h.usedKb ?? null;
    out.heapSource = h.source || h.error;
    out.rssAfterGcKb = await settledRss(pid);
  } else if (heap && gcSignal) {
    try {
      process.kill(pid, gcSignal);
      out.gc = gcSignal;
      out.rssAfterGcKb = await settledRss(pid);
    } catch (e) {
      out.gc = `${gcSignal} failed: ${e.message}`;
    }
  }
  return out;
}

/**
 * RSS once it stops falling after a GC: a JVM hands freed heap back to the OS in the background
 * (G1 uncommits concurrently), so the value read at once overstates it. Reads every 500 ms
 * until two reads agree within 1% or for 8 s; the last read.
 */
async function settledRss(pid) {
  let last = proc.memory(pid)?.rssKb ?? null;
  for (let waited = 0; last != null && waited < 8000; waited += 500) {
    await sleep(500);
    const next = proc.memory(pid)?.rssKb ?? null;
    if (next == null) break;
    const settled = Math.abs(next - last) <= last * 0.01;
    last = next;
    if (settled && waited >= 1000) break;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// Scenarios: each takes one options object and returns one JSON-able result.

const FANOUT_DEFAULTS = {
  clients: 100,
  senders: 10,
  transport: 'websocket',
  senderTransport: null,
  startDeliveries: 5000,
  factor: 1.5,
  maxSteps: 14,
  maxRate: 1e6,
  warmupMs: 2000,
  serverWarmupMs: 0,
  durationMs: 10000,
  drainMs: 3000,
  padding: 'hello-jakartio',
  messageBytes: 0, // > 0: chat texts of that many bytes instead of the padding (chat-text.js)
  lateMs: 1000,
  maxP99Ms: 100,
  minRatio: 0.95,
  maxLossRatio: 0.001,
  connectPace: 1000,
};

/**
 * Fan-out: `clients` clients, `senders` of them emit "chat message" at a total rate that climbs
 * (×factor) from startDeliveries/clients per second until deliveries fall behind or p99 passes
 * maxP99Ms; `rates` gives the steps explicitly instead. With transport 'polling' the receivers
 * long-poll (the senders are extra WebSocket clients unless senderTransport says otherwise).
 */
export async function fanout(options) {
  const o = { ...FANOUT_DEFAULTS, ...options };
  const polling = o.transport === 'polling';
  const extraSenders = polling && (o.senderTransport || 'websocket') !== 'polling';
  const lg = await new LoadGen({ ...o }).start();
  try {
    const connect = await lg.connect({
      count: o.clients + (extraSenders ? o.senders : 0),
      senders: o.senders,
      transport: o.transport,
      senderTransport: polling ? o.senderTransport || 'websocket' : null,
      sendersRecord: !extraSenders,
      pacePerSec: o.connectPace,
      addresses: o.addresses,
    });
    if (connect.failed > 0) {
      o.log?.(`  ${connect.failed} of ${connect.requested} clients failed to connect: ${JSON.stringify(connect.errors)}`);
    }
    if (lg.receivers <= 0 || connect.ok < Math.min(o.senders, o.clients)) {
      throw new Error(`fan-out: only ${connect.ok} of ${connect.requested} clients connected: ${JSON.stringify(connect.errors)}`);
    }
    await sleep(500);
    // from the nominal receiver count, so that every server's ladder climbs the same rates
    const startRate = o.startRate ?? Math.max(0.1, roundRate(o.startDeliveries / o.clients));
    // A server runs warm in production: before the ladder, the first rate for serverWarmupMs,
    // unmeasured (a JVM's JIT compiles meanwhile; every server gets the same).
    let serverWarmup = null;
    if (o.serverWarmupMs > 0) {
      const w = await lg.fanoutStep({ ...o, rate: o.rates ? o.rates[0] : startRate, warmupMs: o.serverWarmupMs, durationMs: 1000 });
      serverWarmup = { seconds: o.serverWarmupMs / 1000, rate: w.rate, deliveredPerSec: w.deliveredPerSec, p99Ms: w.latencyMs?.p99 ?? null };
    }
    const ladder = o.rates
      ? await explicitRates(lg, o)
      : await lg.ladder({ ...o, startRate });
    const status = await lg.status();
    return { scenario: polling ? 'polling' : 'fanout', clients: o.clients, transport: o.transport, connect, serverWarmup, ...ladder, status };
  } finally {
    await lg.close();
  }
}

async function explicitRates(lg, o) {
  const steps = [];
  for (const rate of o.rates) {
    steps.push(await lg.fanoutStep({ ...o, rate }));
  }
  const ok = steps.filter((s) => s.sustainable);
  const best = ok.length ? ok[ok.length - 1] : null;
  return { steps, maxSustainable: best ? { rate: best.rate, deliveredPerSec: best.deliveredPerSec, latencyMs: best.latencyMs } : null };
}

/**
 * Echo with ack: `clients` clients (default 1), spread over the workers, each doing sequential
 * 42<id>["echo",payload] → 43<id>[payload]; round trips/s counts them all together.
 */
export async function echo(options) {
  const o = { warmupMs: 2000, durationMs: 10000, payload: 'x'.repeat(64), clients: 1, ...options };
  const lg = await new LoadGen({ ...o, workers: Math.min(o.workers || 2, o.clients) }).start();
  try {
    const connect = await lg.connect({ count: o.clients, senders: 0 });
    if (connect.ok !== o.clients) throw new Error(`${connect.failed} of ${o.clients} echo clients could not connect: ${JSON.stringify(connect.errors)}`);
    const result = await lg.echo(o);
    return { scenario: 'echo', clients: o.clients, payloadBytes: JSON.stringify(o.payload).length, connect, ...result };
  } finally {
    await lg.close();
  }
}

/**
 * Idle capacity: measure the server, open `baseConnections` (if any) at `pace`/s, hold them
 * baseHoldMs and measure ('base'), open the rest up to `connections`, hold them all (answering
 * pings) for holdMs, measure again ('after'). Memory per connection = (after − before) /
 * connected, which also counts what a fresh server allocates once (JIT-compiled code, classes
 * loaded on first use, threads a pool starts under the connect storm); the marginal cost, what
 * one more connection costs a warm server, = (after − base) / (connected − connected at base).
 * `measure(phase)` (default: RSS, and after a full GC the heap in use and RSS) is called with
 * 'before', 'base', 'hold' (the first hold sample and every gcEveryMs) and 'after'.
 *
 * Besides: the connect storm (every connect phase timed, handshake latencies merged, the server's
 * CPU over the phases), the heartbeats (every ping's lateness against the announced pingInterval,
 * clients that missed one) and the server over the hold, sampled every sampleMs: RSS, CPU and for
 * a JVM the heap in use without a forced GC (`peek`); a full GC only at the first sample and every
 * gcEveryMs, so that the after-GC series shows whether the held connections' memory stays flat.
 */
export async function idle(options) {
  const o = { connections: 10000, pace: 1000, holdMs: 60000, baseConnections: 0, baseHoldMs: 10000, sampleMs: 30000, gcEveryMs: 300000, ...options };
  const measure = o.measure || (o.serverPid ? () => measureServer(o.serverPid, { gcSignal: o.serverGcSignal }) : async () => null);
  const peek = o.peek || (o.serverPid ? () => peekServer(o.serverPid) : async () => null);
  const workers = Math.max(o.workers || 1, Math.ceil(o.connections / 15000));
  const lg = await new LoadGen({ ...o, workers }).start();
  try {
    const before = await measure('before');
    const spec = { senders: 0, transport: o.transport || 'websocket', pacePerSec: o.pace, timeoutMs: o.timeoutMs || 60000 };
    const firstCount = o.baseConnections > 0 && o.baseConnections < o.connections ? o.baseConnections : 0;
    const storm = { phases: [], cpuUs: 0, hist: new Histogram() };
    const timedConnect = async (c) => {
      const cpu0 = o.serverPid ? proc.cpuMicros(o.serverPid) : null;
      const r = await lg.connect(c);
      const cpu1 = o.serverPid ? proc.cpuMicros(o.serverPid) : null;
      storm.phases.push({ requested: r.requested, ok: r.ok, failed: r.failed, seconds: r.seconds,
        serverCpuSeconds: cpu0 != null && cpu1 != null ? round((cpu1 - cpu0) / 1e6, 3) : null });
      if (cpu0 != null && cpu1 != null) storm.cpuUs += cpu1 - cpu0;
      storm.hist.merge(r.handshakeHist);
      return r;
    };
    let base = null;
    let baseOpen = 0;
    let baseErrors = {};
    if (firstCount > 0) {
      const first = await timedConnect({ ...spec, count: firstCount, addresses: o.addresses });
      baseErrors = first.errors;
      await sleep(o.baseHoldMs);
      baseOpen = (await lg.status()).open;
      base = await measure('base');
      o.log?.(`  base: ${first.ok}/${first.requested} connected, ${baseOpen} open, measured` +
        (first.failed ? ` (${first.failed} failed: ${JSON.stringify(first.errors)})` : ''));
    }
    const rest = await timedConnect({ ...spec, count: o.connections - firstCount, addresses: o.addresses, addressOffset: firstCount });
    const connect = firstCount > 0
      ? { ...rest, requested: o.connections, ok: rest.ok + baseOpen, failed: rest.failed + (firstCount - baseOpen), errors: mergeCounts(baseErrors, rest.errors) }
      : rest;
    const stormSeconds = storm.phases.reduce((a, p) => a + p.seconds, 0);
    const opened = storm.phases.reduce((a, p) => a + p.ok, 0);
    connect.storm = {
      seconds: round(stormSeconds, 2), // the connect phases only, not the base's hold between them
      askedPerSec: o.pace,
      achievedPerSec: stormSeconds > 0 ? round(opened / stormSeconds, 1) : null,
      opened,
      failed: storm.phases.reduce((a, p) => a + p.failed, 0),
      handshakeMs: summaryRounded(storm.hist),
      serverCpuSeconds: o.serverPid ? round(storm.cpuUs / 1e6, 3) : null,
      serverCpuPerHandshakeUs: o.serverPid && opened ? round(storm.cpuUs / opened, 1) : null,
      phases: storm.phases,
    };
    o.log?.(`  connected ${connect.ok}/${connect.requested} in ${connect.seconds} s` +
      (connect.failed ? ` (${connect.failed} failed: ${JSON.stringify(connect.errors)})` : '') +
      `; storm: ${connect.storm.achievedPerSec}/s, handshake p99 ${connect.storm.handshakeMs.p99} ms, ` +
      `${connect.storm.serverCpuPerHandshakeUs} µs server CPU per handshake; holding ${o.holdMs / 1000} s`);
    // every connection past its first heartbeat before the hold begins: a connection's first ping
    // and pong allocate what it then keeps (so memory measured from the storm's end would grow
    // once, by the connections still waiting for theirs, and read as a leak)
    const settle = await untilEveryClientPinged(lg, o);
    o.log?.(`  settled: every client had its first ping ${settle.seconds} s after the storm` +
      (settle.clientsWithoutPing ? ` (no: ${settle.clientsWithoutPing} still without one after ${settle.seconds} s)` : ''));
    // the heartbeats until now (the storm, the base's measurement, the settling), then the hold's alone
    const heartbeatsBeforeHold = await lg.heartbeats({ reset: true });
    const hold = await holdAndSample(lg, o, measure, peek);
    const heartbeats = await lg.heartbeats();
    const status = await lg.status();
    heartbeats.disconnects = status.disconnects;
    heartbeats.onTime = heartbeats.onTime && status.disconnects === 0;
    const after = await measure('after');
    hold.samples.push({ s: round((now() - hold.startedAt) / 1000, 1), open: status.open, rssKb: after?.rssKb ?? null,
      heapKb: null, gc: true, rssAfterGcKb: after?.rssAfterGcKb ?? null, heapAfterGcKb: after?.heapKb ?? null, final: true });
    const memory = memoryOverHold(hold.samples);
    o.log?.(`  heartbeats: ${heartbeats.intervals} intervals, lateness p50 ${heartbeats.latenessMs.p50} / p99 ${heartbeats.latenessMs.p99} / ` +
      `max ${heartbeats.latenessMs.max} ms, ${heartbeats.clientsMissed} clients missed a ping, ${status.disconnects} disconnects; ` +
      `memory: RSS ${memory.rss.slopeKbPerMin} KB/min${memory.heapAfterGc ? `, after-GC heap ${memory.heapAfterGc.changePct}%` : ''}`);
    const teardown = await lg.teardown({ mode: o.closeMode || 'abrupt', watchMs: o.teardownWatchMs ?? 30000 });
    o.log?.(`  after the ${teardown.mode} disconnect of ${teardown.closed}: server CPU ${teardown.cpuSeconds} s ` +
      `(${teardown.cpuPerConnectionUs} µs/connection), quiet after ${teardown.quietAfterSec ?? `> ${teardown.watchedSec}`} s`);
    const n = status.open;
    const per = (a, b, count = n) => (a != null && b != null && count > 0 ? round((a - b) / count, 2) : null);
    const rssOf = (m) => m?.rssAfterGcKb ?? m?.rssKb;
    return {
      scenario: 'idle',
      connections: o.connections,
      connect,
      open: status.open,
      disconnects: status.disconnects,
      disconnectReasons: status.disconnectReasons,
      pingsAnswered: status.pings,
      heartbeats,
      heartbeatsBeforeHold,
      settle,
      before,
      base,
      baseOpen,
      after,
      rssPerConnectionKb: per(rssOf(after), rssOf(before)),
      heapPerConnectionKb: per(after?.heapKb, before?.heapKb),
      rssMarginalKb: base ? per(rssOf(after), rssOf(base), n - baseOpen) : null,
      heapMarginalKb: base ? per(after?.heapKb, base?.heapKb, n - baseOpen) : null,
      generatorRssKb: status.workerRssKb,
      hold: { seconds: round(hold.seconds, 1), serverCpuSeconds: hold.cpuSeconds, quietCpuSeconds: hold.quietCpuSeconds,
        quietSeconds: hold.quietSeconds, serverCores: hold.cores,
        cpuPerConnectionPerSecUs: n > 0 && hold.quietSeconds > 0 ? round(hold.quietCpuSeconds * 1e6 / n / hold.quietSeconds, 3) : null },
      memory,
      teardown,
      timeline: hold.samples,
    };
  } finally {
    await lg.close();
  }
}

/**
 * Waits (checking every second) until every open client has had its first ping, at most
 * pingInterval + pingTimeout + 10 s (a client still without one then has missed it: the
 * heartbeat report says so); `o.settle === false` skips the wait.
 * @returns { seconds, clientsWithoutPing } — the wait and the clients still without a ping
 */
async function untilEveryClientPinged(lg, o) {
  const startedAt = now();
  if (o.settle === false) return { seconds: 0, clientsWithoutPing: null, skipped: true };
  for (;;) {
    const h = await lg.heartbeats();
    const limitMs = (h.pingInterval ?? 25000) + (h.pingTimeout ?? 20000) + 10000;
    const seconds = round((now() - startedAt) / 1000, 1);
    if (h.clientsWithoutPing === 0 || now() - startedAt >= limitMs) return { seconds, clientsWithoutPing: h.clientsWithoutPing };
    await sleep(1000);
  }
}

/**
 * The hold: a sample at once (with a full GC: the first after the storm), then every sampleMs
 * (RSS, CPU, heap in use without a GC), with a full GC again every gcEveryMs. The server's CPU
 * over the hold is counted twice: in all, and without the forced GCs (from the end of one
 * sample to the start of the next: what holding the connections costs, heartbeats included).
 */
async function holdAndSample(lg, o, measure, peek) {
  const startedAt = now();
  const samples = [];
  let quietCpuUs = 0;
  let quietMs = 0;
  let prevEnd = null; // { t, cpuUs } at the end of the previous sample
  const cpuStart = o.serverPid ? proc.cpuMicros(o.serverPid) : null;
  let lastGc = -Infinity;
  for (let i = 0; ; i++) {
    const due = startedAt + i * o.sampleMs;
    if (due - startedAt >= o.holdMs) break;
    await at(due);
    const t0 = now();
    const cpu0 = o.serverPid ? proc.cpuMicros(o.serverPid) : null;
    if (prevEnd && cpu0 != null) {
      quietCpuUs += cpu0 - prevEnd.cpuUs;
      quietMs += t0 - prevEnd.t;
    }
    const st = await lg.status();
    const sample = { s: round((t0 - startedAt) / 1000, 1), open: st.open, disconnects: st.disconnects };
    const gc = t0 - lastGc >= o.gcEveryMs - 1000;
    const m = o.serverPid ? proc.memory(o.serverPid) : null;
    sample.rssKb = m?.rssKb ?? null;
    const p = await peek();
    sample.heapKb = p?.heapKb ?? null;
    if (gc) {
      lastGc = t0;
      const g = await measure('hold');
      sample.gc = true;
      sample.rssAfterGcKb = g?.rssAfterGcKb ?? null;
      sample.heapAfterGcKb = g?.heapKb ?? null;
    }
    const t1 = now();
    prevEnd = { t: t1, cpuUs: o.serverPid ? proc.cpuMicros(o.serverPid) : null };
    sample.cpuS = cpuStart != null && prevEnd.cpuUs != null ? round((prevEnd.cpuUs - cpuStart) / 1e6, 3) : null;
    samples.push(sample);
  }
  await at(startedAt + o.holdMs);
  const tEnd = now();
  const cpuEnd = o.serverPid ? proc.cpuMicros(o.serverPid) : null;
  if (prevEnd && cpuEnd != null) {
    quietCpuUs += cpuEnd - prevEnd.cpuUs;
    quietMs += tEnd - prevEnd.t;
  }
  const seconds = (tEnd - startedAt) / 1000;
  const cpuSeconds = cpuStart != null && cpuEnd != null ? round((cpuEnd - cpuStart) / 1e6, 3) : null;
  return {
    startedAt,
    samples,
    seconds,
    cpuSeconds,
    cores: cpuSeconds != null ? round(cpuSeconds / seconds, 4) : null,
    quietCpuSeconds: cpuStart != null ? round(quietCpuUs / 1e6, 3) : null,
    quietSeconds: round(quietMs / 1000, 1),
  };
}

/** What a JVM's heap holds now, without a GC (jcmd GC.heap_info); null for another server. */
async function peekServer(pid) {
  if (!proc.isJava(pid)) return null;
  const h = await proc.javaHeapNow(pid);
  return { heapKb: h.usedKb ?? null };
}

/** Least-squares slope of (s, value) points, in value units per minute; null under 2 points. */
export function slopePerMin(points) {
  const p = points.filter(([x, y]) => x != null && y != null);
  if (p.length < 2) return null;
  const mx = p.reduce((a, [x]) => a + x, 0) / p.length;
  const my = p.reduce((a, [, y]) => a + y, 0) / p.length;
  const sxx = p.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = p.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  return (sxy / sxx) * 60;
}

/** Flatness of the held connections' memory: the criteria are the README's (The idle scenario). */
export const FLAT = { heapAfterGcPct: 1, rssAfterGcPct: 2 };

function series(samples, key) {
  const pts = samples.filter((x) => x[key] != null).map((x) => [x.s, x[key]]);
  if (pts.length === 0) return null;
  const first = pts[0][1];
  const last = pts[pts.length - 1][1];
  return {
    first,
    last,
    min: Math.min(...pts.map(([, y]) => y)),
    max: Math.max(...pts.map(([, y]) => y)),
    changeKb: last - first,
    changePct: first ? round(((last - first) / first) * 100, 2) : null,
    slopeKbPerMin: round(slopePerMin(pts), 1),
    points: pts.length,
  };
}

/** The memory series of the hold, from the first sample after the storm to the end. */
export function memoryOverHold(samples) {
  const rss = series(samples, 'rssKb');
  const heap = series(samples, 'heapKb');
  const rssAfterGc = series(samples, 'rssAfterGcKb');
  const heapAfterGc = series(samples, 'heapAfterGcKb');
  const flatHeap = heapAfterGc && heapAfterGc.points > 1 ? Math.abs(heapAfterGc.changePct) < FLAT.heapAfterGcPct : null;
  const flatRss = rssAfterGc && rssAfterGc.points > 1 ? rssAfterGc.changePct < FLAT.rssAfterGcPct : null;
  return { rss, heap, rssAfterGc, heapAfterGc, flatHeap, flatRss, criteria: FLAT };
}

/**
 * Merges the workers' heartbeat reports: lateness = gap between pings − pingInterval, in ms;
 * "on time" = no client missed a ping, none overdue or disconnected (the caller adds that), and
 * max lateness under pingTimeout / 20.
 */
export function heartbeatSummary(parts) {
  const hist = new Histogram();
  const first = new Histogram();
  const sum = { intervals: 0, firstPings: 0, early: 0, earliestMs: null, missedIntervals: 0, clientsMissed: 0, clientsOverdue: 0, clientsWithoutPing: 0 };
  let pingInterval = null;
  let pingTimeout = null;
  let seconds = 0;
  for (const p of parts) {
    hist.merge(p.lateness);
    first.merge(p.firstLateness);
    for (const k of ['intervals', 'firstPings', 'early', 'missedIntervals', 'clientsMissed', 'clientsOverdue', 'clientsWithoutPing']) sum[k] += p[k];
    if (p.earliestMs != null) sum.earliestMs = Math.min(sum.earliestMs ?? 0, round(p.earliestMs, 3));
    pingInterval ??= p.pingInterval;
    pingTimeout ??= p.pingTimeout;
    seconds = Math.max(seconds, p.seconds);
  }
  const latenessMs = summaryRounded(hist);
  const thresholdMs = pingTimeout != null ? pingTimeout / 20 : null;
  return {
    seconds: round(seconds, 1),
    pingInterval,
    pingTimeout,
    ...sum,
    latenessMs,
    firstPingLatenessMs: summaryRounded(first),
    thresholdMs,
    // a first ping's positive lateness is real (a delayed open packet only makes it look early)
    onTime: thresholdMs != null && sum.intervals > 0 && sum.clientsMissed === 0 && sum.clientsOverdue === 0 &&
      Math.max(latenessMs.max, first.n ? first.max / 1000 : 0) < thresholdMs,
  };
}

/** Polling fan-out: the fan-out ladder with long-polling receivers. */
export function polling(options) {
  return fanout({ clients: 1000, ...options, transport: 'polling' });
}
