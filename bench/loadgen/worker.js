// A load generator worker: a child process (forked by coordinator.js) that owns a share of the
// clients. It connects them at the pace it is told, answers heartbeats, sends paced chat
// messages from its senders, timestamps and counts every delivery, and reports over IPC.
import { WsClient, PollingClient, pollingAgent, chatFrame } from './proto.js';
import { Histogram } from './histogram.js';
import { now } from './clock.js';
import { chatTexts } from './chat-text.js';

if (!process.send) {
  console.error('worker.js is started by the coordinator (child_process.fork)');
  process.exit(2);
}

const clients = []; // { client, sender, record, senderIndex, group }
const agents = new Map();
const steps = new Map(); // stepId → stats
let current = null; // the step being sent / counted in its window
const counters = { disconnects: 0, disconnectReasons: {}, otherEvents: 0, connectErrors: {} };
// Heartbeats: every ping's gap since the previous one minus the pingInterval the open packet
// announced, i.e. how late the server's ping came; a client's first ping apart (its gap runs from
// the open packet's arrival, which a busy handshake delays after the server's timer started)
let heartbeats = newHeartbeats();

function newHeartbeats() {
  return { lateness: new Histogram(), firstLateness: new Histogram(), intervals: 0, firstPings: 0, early: 0, earliestMs: null, missedIntervals: 0, since: now() };
}

function onPing(client, gapMs, first) {
  if (client.pingInterval == null) return;
  const lateness = gapMs - client.pingInterval;
  if (gapMs > client.pingInterval + (client.pingTimeout ?? 0)) {
    heartbeats.missedIntervals++;
    client.missedPing = true;
  }
  if (first) {
    heartbeats.firstPings++;
    heartbeats.firstLateness.recordMs(lateness);
    return;
  }
  heartbeats.intervals++;
  heartbeats.lateness.recordMs(lateness); // early (negative) counts as 0 here, and below
  if (lateness < 0) {
    heartbeats.early++;
    heartbeats.earliestMs = Math.min(heartbeats.earliestMs ?? 0, lateness);
  }
}

/**
 * The heartbeat report since the last reset: lateness histogram, clients that missed a ping (a
 * gap above pingInterval + pingTimeout, which a Socket.IO client treats as a dead connection),
 * clients overdue now (open, but no ping for longer than that), clients that saw no ping at all.
 */
function heartbeatReport({ reset }) {
  const t = now();
  let missed = 0;
  let overdue = 0;
  let noPing = 0;
  let pingInterval = null;
  let pingTimeout = null;
  for (const { client } of clients) {
    if (client.pingInterval == null) continue;
    pingInterval ??= client.pingInterval;
    pingTimeout ??= client.pingTimeout;
    if (client.missedPing) missed++;
    if (client.connected && t - (client.lastPingAt || client.openAt) > client.pingInterval + (client.pingTimeout ?? 0)) overdue++;
    if (client.pings === 0) noPing++;
  }
  const out = {
    seconds: (t - heartbeats.since) / 1000,
    pingInterval,
    pingTimeout,
    intervals: heartbeats.intervals,
    firstPings: heartbeats.firstPings,
    firstLateness: heartbeats.firstLateness.toJSON(),
    early: heartbeats.early,
    earliestMs: heartbeats.earliestMs,
    missedIntervals: heartbeats.missedIntervals,
    clientsMissed: missed,
    clientsOverdue: overdue,
    clientsWithoutPing: noPing,
    lateness: heartbeats.lateness.toJSON(),
  };
  if (reset) heartbeats = newHeartbeats();
  return out;
}

function stepStats(stepId) {
  let st = steps.get(stepId);
  if (!st) {
    st = {
      sent: 0, // measured messages sent by this worker's senders
      sentWarmup: 0,
      received: 0, // deliveries of measured messages, whenever they arrive
      receivedWarmup: 0,
      arrivalsInWindow: 0, // deliveries (warm-up or measured) that arrived inside the window
      late: 0,
      hist: new Histogram(),
      lag: new Histogram(), // how late senders sent compared with their schedule
      snapshots: {},
      groups: {}, // per group of clients (the cluster scenario: the node they are connected to)
    };
    steps.set(stepId, st);
  }
  return st;
}

function onChat(tag, sentAt, group) {
  const t = now();
  const stepId = tag < 0 ? -tag : tag;
  const st = steps.get(stepId) || stepStats(stepId);
  if (tag > 0) {
    st.received++;
    const latency = t - sentAt;
    st.hist.recordMs(latency);
    if (group != null) {
      const g = st.groups[group] || (st.groups[group] = { received: 0, hist: new Histogram() });
      g.received++;
      g.hist.recordMs(latency);
    }
    if (current && latency > current.lateMs) {
      st.late++;
    }
  } else {
    st.receivedWarmup++;
  }
  if (current && stepId === current.stepId && t >= current.windowStart && t < current.windowEnd) {
    st.arrivalsInWindow++;
  }
}

function handlersFor(record, group) {
  const handlers = {
    onChat: !record ? undefined : group == null ? onChat : (tag, sentAt) => onChat(tag, sentAt, group),
    echo: null, // this client's echo loop while one runs (runEcho)
    onAck: (id, s) => handlers.echo?.onAck(id, s),
    onPing,
    onOtherEvent: () => {
      counters.otherEvents++;
    },
    onDisconnect: (client, reason) => {
      counters.disconnects++;
      const key = String(reason).slice(0, 120);
      counters.disconnectReasons[key] = (counters.disconnectReasons[key] || 0) + 1;
    },
  };
  return handlers;
}

function makeClient(target, spec, handlers) {
  if (spec.transport === 'polling') {
    if (target.parser === 'msgpack') {
      throw new Error('the load generator speaks the MessagePack parser over WebSocket only');
    }
    const key = spec.localAddress || '';
    if (!agents.has(key)) {
      agents.set(key, pollingAgent());
    }
    return new PollingClient({
      host: target.host,
      port: target.port,
      path: target.path,
      agent: agents.get(key),
      localAddress: spec.localAddress,
      handlers,
    });
  }
  const url = target.raw
    ? `ws://${target.host}:${target.port}${target.rawPath || '/'}`
    : `ws://${target.host}:${target.port}${target.path || '/socket.io/'}?EIO=4&transport=websocket`;
  return new WsClient({ url, localAddress: spec.localAddress, raw: target.raw, deflate: target.deflate,
    msgpack: target.parser === 'msgpack', handlers });
}

async function connect(msg) {
  const { target, specs, pacePerSec, timeoutMs, maxPending } = msg;
  const started = now();
  const connectHist = new Histogram();
  let ok = 0;
  let failed = 0;
  let pending = 0;
  const errors = {};
  const waiters = [];
  await new Promise((resolveAll) => {
    let i = 0;
    let done = 0;
    const finish = () => {
      done++;
      pending--;
      waiters.shift()?.();
      if (done === specs.length) resolveAll();
    };
    if (specs.length === 0) resolveAll();
    const next = async () => {
      while (i < specs.length) {
        const due = started + (i * 1000) / pacePerSec;
        const wait = due - now();
        if (wait > 1) {
          await new Promise((r) => setTimeout(r, wait));
        }
        if (pending >= maxPending) {
          await new Promise((r) => waiters.push(r));
          continue;
        }
        const spec = specs[i++];
        const handlers = handlersFor(spec.record, spec.group);
        const client = makeClient(target, spec, handlers);
        pending++;
        client
          .connect(timeoutMs)
          .then(() => {
            ok++;
            connectHist.recordMs(client.connectedAt - client.connectStartedAt);
            clients.push({ client, handlers, sender: spec.sender, record: spec.record, senderIndex: spec.senderIndex, group: spec.group });
            finish();
          })
          .catch((e) => {
            failed++;
            const key = String(e.code || e.message || e).slice(0, 120);
            errors[key] = (errors[key] || 0) + 1;
            finish();
          });
      }
    };
    next();
  });
  return { ok, failed, errors, connectMs: now() - started, connectLatency: connectHist.toJSON() };
}

/** Sends the step's messages: each sender on its own evenly spaced schedule, phases interleaved. */
function runStep(msg) {
  const { stepId, ratePerSender, totalSenders, startAt, warmupMs, durationMs, padding, messageBytes, lateMs } = msg;
  // --message-bytes: chat texts of that size, the senders going through the pool together, so
  // that the texts a receiver gets in a row differ (chat-text.js)
  const texts = messageBytes > 0 ? textsOf(messageBytes) : null;
  const windowStart = startAt + warmupMs;
  const windowEnd = windowStart + durationMs;
  current = { stepId, windowStart, windowEnd, lateMs };
  const st = stepStats(stepId);
  const interval = 1000 / ratePerSender;
  const senders = clients.filter((c) => c.sender && c.client.connected);
  const state = senders.map((c) => ({
    c,
    first: startAt + (interval * c.senderIndex) / totalSenders,
    count: 0,
  }));
  const snapshot = (name) => {
    st.snapshots[name] = { t: now(), sent: st.sent, received: st.received, buffered: maxBuffered(senders), bytesRead: bytesRead() };
  };
  setTimeout(() => snapshot('start'), windowStart - now());
  setTimeout(() => snapshot('mid'), windowStart + durationMs / 2 - now());
  setTimeout(() => snapshot('end'), windowEnd - now());
  return new Promise((resolve) => {
    const tick = () => {
      const t = now();
      for (const s of state) {
        // messages due by now, and never one scheduled at or after the end of the window
        const due = Math.min(Math.floor((t - s.first) / interval) + 1, Math.ceil((windowEnd - s.first) / interval));
        while (s.count < due && s.c.client.connected) {
          const scheduled = s.first + s.count * interval;
          const sentAt = now();
          const measured = scheduled >= windowStart;
          s.c.client.sendChatAt(measured ? stepId : -stepId, sentAt,
            texts ? texts[(s.count * totalSenders + s.c.senderIndex) % texts.length] : padding);
          s.count++;
          if (measured) {
            st.sent++;
            st.lag.recordMs(sentAt - scheduled);
          } else {
            st.sentWarmup++;
          }
        }
      }
      if (t >= windowEnd) {
        resolve();
        return;
      }
      // sleep until the next message is due (timers have 1 ms resolution), or the window's end
      let next = windowEnd;
      for (const s of state) {
        if (s.c.client.connected) next = Math.min(next, s.first + s.count * interval);
      }
      setTimeout(tick, Math.max(0, next - now()));
    };
    setTimeout(tick, Math.max(0, startAt - now()));
  });
}

const textPools = new Map();

function textsOf(bytes) {
  if (!textPools.has(bytes)) textPools.set(bytes, chatTexts(bytes));
  return textPools.get(bytes);
}

/** Bytes read by every client's TCP socket (WebSocket clients; 0 for the others). */
function bytesRead() {
  let sum = 0;
  for (const { client } of clients) sum += client.bytesRead?.() ?? 0;
  return sum;
}

function maxBuffered(list) {
  let max = 0;
  for (const c of list) {
    max = Math.max(max, c.client.buffered());
  }
  return max;
}

function stepReport(stepId, final) {
  const st = stepStats(stepId);
  const report = {
    sent: st.sent,
    sentWarmup: st.sentWarmup,
    received: st.received,
    receivedWarmup: st.receivedWarmup,
    arrivalsInWindow: st.arrivalsInWindow,
    late: st.late,
    snapshots: st.snapshots,
  };
  if (final) {
    report.hist = st.hist.toJSON();
    report.lag = st.lag.toJSON();
    report.groups = Object.fromEntries(Object.entries(st.groups).map(([k, g]) => [k, { received: g.received, hist: g.hist.toJSON() }]));
    steps.delete(stepId);
    if (current && current.stepId === stepId) current = null;
  }
  return report;
}

/**
 * Sequential emitWithAck from every connected client of this worker, all at once, each on its
 * own: 42<id>["echo",payload] → 43<id>[payload], then the next. Round trips are counted (and
 * their latency recorded) when sent inside the window and answered by its end.
 */
function runEcho(msg) {
  const { startAt, warmupMs, durationMs, payload } = msg;
  const windowStart = startAt + warmupMs;
  const windowEnd = windowStart + durationMs;
  const loops = clients.filter((c) => c.client.connected);
  if (loops.length === 0) {
    return Promise.resolve({ error: 'no connected client', clients: 0 });
  }
  const hist = new Histogram();
  const encoded = JSON.stringify(payload);
  let roundTrips = 0;
  let warmupRoundTrips = 0;
  let mismatched = 0;
  let running = loops.length;
  return new Promise((resolve) => {
    let timeout = null;
    const finishAll = (error) => {
      clearTimeout(timeout);
      for (const c of loops) c.handlers.echo = null;
      resolve({ clients: loops.length, roundTrips, warmupRoundTrips, mismatched, hist: hist.toJSON(), error });
    };
    timeout = setTimeout(() => finishAll(`${running} of ${loops.length} clients had no answer 10 s after the window`), windowEnd - now() + 10000);
    for (const { client, handlers } of loops) {
      let id = 0;
      let sentAt = 0;
      const send = () => {
        id++;
        sentAt = now();
        client.sendPacket(`42${id}["echo",${encoded}]`);
      };
      handlers.echo = {
        onAck(ackId, s) {
          const t = now();
          if (ackId !== id) {
            mismatched++;
            return;
          }
          if (s.length !== encoded.length + 4 + String(id).length) {
            mismatched++; // "43" + id + "[" + payload + "]"
          }
          if (sentAt >= windowStart && t <= windowEnd) {
            roundTrips++;
            hist.recordMs(t - sentAt);
          } else if (sentAt < windowStart) {
            warmupRoundTrips++;
          }
          if (t >= windowEnd) {
            handlers.echo = null;
            if (--running === 0) finishAll();
          } else {
            send();
          }
        },
      };
      setTimeout(send, Math.max(0, startAt - now()));
    }
  });
}

function status() {
  let open = 0;
  let pings = 0;
  let buffered = 0;
  let requests = 0;
  let deflate = 0; // clients whose server accepted permessage-deflate
  for (const { client } of clients) {
    if (client.connected) open++;
    pings += client.pings;
    buffered += client.buffered();
    requests += client.requests || 0;
    if (client.deflateNegotiated?.()) deflate++;
  }
  return { open, total: clients.length, pings, buffered, requests, deflate, ...counters, memory: process.memoryUsage().rss };
}

const ops = {
  connect,
  step: runStep,
  stats: (msg) => stepReport(msg.stepId, msg.final),
  echo: runEcho,
  status,
  heartbeats: heartbeatReport,
  /** Closes every client, abruptly (TCP close, no close frame) or gracefully; the worker stays. */
  disconnect: ({ mode }) => {
    let n = 0;
    for (const { client } of clients) {
      if (!client.closed) n++;
      if (mode === 'graceful' && client.closeGracefully) client.closeGracefully();
      else client.close();
    }
    clients.length = 0;
    return { closed: n };
  },
  close: () => {
    for (const { client } of clients) client.close();
    for (const agent of agents.values()) agent.destroy();
    clients.length = 0;
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

process.on('message', async (msg) => {
  try {
    const result = await ops[msg.op](msg);
    process.send({ id: msg.id, ok: true, result });
  } catch (e) {
    process.send({ id: msg.id, ok: false, error: String(e.stack || e) });
  }
});

// The coordinator went away (finished, crashed or was killed): never outlive it.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
