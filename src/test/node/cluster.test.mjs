// The scenarios fixture in cluster mode (issue 13, point 8), driven by the official
// socket.io-client 4.8.4: several fixtures — Jakartio's (src/test/fixtures/run scenarios PORT)
// and Node's (reference-server.mjs), started with the same JAKARTIO_ADAPTER, JAKARTIO_REDIS_URI
// and JAKARTIO_REDIS_KEY — must behave as ONE cluster.
//
//   SIO_URLS=http://127.0.0.1:3001,http://127.0.0.1:3002,http://127.0.0.1:3003 \
//   [SIO_VICTIM_URL=http://127.0.0.1:3002 SIO_VICTIM_PID=12345] node --test cluster.test.mjs
//
// SIO_URLS: every node of the cluster (at least two), nothing else on that key. SIO_VICTIM_*:
// one of them (not the first) and the pid of its process; the last test freezes it (SIGSTOP),
// asks room-size on the other nodes and kills it (SIGKILL) while they wait: each must still
// answer within 6 s. Without them that test is skipped. The victim is not used before.

import { describe, it, after, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";

const URLS = (process.env.SIO_URLS ?? "").split(",").map((u) => u.trim().replace(/\/+$/, "")).filter(Boolean);
const VICTIM_URL = process.env.SIO_VICTIM_URL?.replace(/\/+$/, "");
const VICTIM_PID = Number(process.env.SIO_VICTIM_PID ?? 0);
const WAIT_MS = 5000; // upper bound for anything expected to happen
const READY_MS = 20000; // for every node to have joined the cluster
const GRACE_MS = 300; // how long we listen to prove that nothing more arrives
const DEAD_NODE_MS = 6000; // the fixture's promise when a node died mid-request

if (URLS.length < 2) throw new Error("SIO_URLS must list at least two nodes of one cluster");

const uid = () => Math.random().toString(36).slice(2, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Sockets opened by the current test; closed in afterEach.
const openSockets = new Set();

/** Connects to a node (and namespace) and resolves once connected. */
async function connect(url, nsp = "/") {
  const socket = io(url + nsp, { transports: ["websocket"], reconnection: false, forceNew: true });
  openSockets.add(socket);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection to ${url}${nsp} in ${WAIT_MS} ms`)), WAIT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      reject(new Error(`connect_error from ${url}${nsp}: ${err.message}`));
    });
  });
  return socket;
}

/** One connected client per node, in the order of URLS. */
const connectAll = (nsp = "/", urls = URLS) => Promise.all(urls.map((url) => connect(url, nsp)));

/** Emits with an acknowledgement and resolves with its first argument. */
function ack(socket, event, ...args) {
  return socket.timeout(WAIT_MS).emitWithAck(event, ...args);
}

/** Records the first argument of every `event` the socket receives for which `keep` is true (a trailing offset is ignored). */
function record(socket, event, keep = () => true) {
  const seen = [];
  socket.on(event, (first) => {
    if (keep(first)) seen.push(first);
  });
  return seen;
}

/** Polls `check` until it returns true; fails with `what()` after `ms`. */
async function until(check, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what()}`);
    await sleep(25);
  }
}

/** Waits until every recorder holds its expected values, then a little longer, and checks: each exactly once, nothing else. */
async function exactlyOnce(expectations, matches) {
  await until(
    () => expectations.every(({ seen, expected }) => expected.every((e) => seen.some((s) => matches(s, e)))),
    () => JSON.stringify(expectations.map(({ who, seen, expected }) => ({ who, seen, expected }))),
  );
  await sleep(GRACE_MS);
  for (const { who, seen, expected } of expectations) {
    for (const e of expected) {
      assert.equal(seen.filter((s) => matches(s, e)).length, 1, `${who} should get ${JSON.stringify(e)} exactly once: ${JSON.stringify(seen)}`);
    }
    assert.equal(seen.length, expected.length, `${who} got more than expected: ${JSON.stringify(seen)}`);
  }
}

const nodeName = (i) => `node ${i + 1} (${URLS[i]})`;

function closeAll() {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

// an open socket keeps the process alive: close them whatever happened
afterEach(closeAll);
after(closeAll);

describe(`a cluster of ${URLS.length} fixtures`, () => {
  before(async () => {
    // a node joins the cluster once it is connected to Redis; wait until every node sees every other
    try {
      const probes = await connectAll();
      for (const [i, socket] of probes.entries()) {
        let last;
        await until(async () => (last = await ack(socket, "server-count")) === URLS.length,
          () => `${nodeName(i)} counts ${JSON.stringify(last)} servers`, READY_MS);
      }
    } finally {
      closeAll();
    }
  });

  it("server-count is the number of nodes on every node", async () => {
    const clients = await connectAll();
    const counts = await Promise.all(clients.map((c) => ack(c, "server-count")));
    assert.deepEqual(counts, URLS.map(() => URLS.length));
  });

  it("a chat message sent on any node reaches every client of every node exactly once", async () => {
    const clients = await connectAll();
    const seen = clients.map((c) => record(c, "chat message"));
    const tokens = clients.map((c, i) => `chat ${i} ${uid()}`);
    clients.forEach((c, i) => c.emit("chat message", tokens[i]));
    await exactlyOnce(seen.map((s, i) => ({ who: nodeName(i), seen: s, expected: tokens })), (s, e) => s === e);
  });

  it("a chat message on /chat reaches every /chat client of every node exactly once, and no client of /", async () => {
    const chats = await connectAll("/chat");
    const mains = await connectAll();
    const seen = chats.map((c) => record(c, "chat message"));
    const mainSeen = mains.map((c) => record(c, "chat message"));
    const tokens = chats.map((c, i) => `chat-nsp ${i} ${uid()}`);
    chats.forEach((c, i) => c.emit("chat message", tokens[i]));
    await exactlyOnce(seen.map((s, i) => ({ who: `/chat on ${nodeName(i)}`, seen: s, expected: tokens })), (s, e) => s === e);
    mainSeen.forEach((s, i) => assert.deepEqual(s, [], `/ on ${nodeName(i)} got /chat's messages`));
  });

  it("to-room reaches the room's members on every node exactly once, and to-room-others all of them but the sender", async () => {
    const [a, ...others] = await connectAll();
    const room = `room-${uid()}`;
    for (const member of others) assert.equal(await ack(member, "join", room), true);
    const seenA = record(a, "room message");
    const seen = others.map((c) => record(c, "room message"));
    a.emit("to-room", { room, msg: "to all" });
    await exactlyOnce(seen.map((s, i) => ({ who: nodeName(i + 1), seen: s, expected: [a.id] })), (s, from) => s.from === from && s.msg === "to all" && s.room === room);
    assert.deepEqual(seenA, [], "the sender is not in the room");

    const sender = others[others.length - 1];
    seen.forEach((s) => s.splice(0));
    sender.emit("to-room-others", { room, msg: "to the others" });
    const receivers = others.slice(0, -1);
    await exactlyOnce(receivers.map((c, i) => ({ who: nodeName(i + 1), seen: seen[i], expected: [sender.id] })), (s, from) => s.from === from && s.msg === "to the others");
    assert.deepEqual(seen[seen.length - 1], [], "to-room-others skips the sender");
    assert.deepEqual(seenA, [], "the sender of the first message is still not in the room");
  });

  it("a dm reaches its recipient on another node exactly once, and no one else", async () => {
    const clients = await connectAll();
    const seen = clients.map((c) => record(c, "dm"));
    // each client writes to the next node's client
    clients.forEach((c, i) => c.emit("dm", { to: clients[(i + 1) % clients.length].id, msg: `dm ${i}` }));
    await exactlyOnce(clients.map((c, i) => {
      const from = (i - 1 + clients.length) % clients.length;
      return { who: nodeName(i), seen: seen[i], expected: [{ from: clients[from].id, msg: `dm ${from}` }] };
    }), (s, e) => s.from === e.from && s.msg === e.msg);
  });

  it("user left reaches the clients of every other node exactly once", async () => {
    const clients = await connectAll();
    const leaving = clients.map((c) => c.id);
    // sockets of the tests before may still be leaving: only this test's count
    const seen = clients.map((c) => record(c, "user left", (id) => leaving.includes(id)));
    // the first node's client and the last's leave: a Java and a Node one in a mixed cluster
    const gone = [0, clients.length - 1];
    for (const i of gone) clients[i].disconnect();
    const stay = clients.map((c, i) => i).filter((i) => !gone.includes(i));
    await exactlyOnce(stay.map((i) => ({ who: nodeName(i), seen: seen[i], expected: gone.map((g) => leaving[g]) })), (s, e) => s === e);
  });

  it("cluster-sockets lists the sockets of every node, the same on every node", async () => {
    const clients = await connectAll();
    const ids = clients.map((c) => c.id);
    let lists;
    await until(async () => {
      lists = (await Promise.all(clients.map((c) => ack(c, "cluster-sockets")))).map((l) => [...l].sort());
      return lists.every((l) => JSON.stringify(l) === JSON.stringify(lists[0]));
    }, () => `the nodes disagree: ${JSON.stringify(lists)}`);
    lists.forEach((list, i) => {
      for (const id of ids) assert.ok(list.includes(id), `${nodeName(i)} lists ${JSON.stringify(list)}, without ${id}`);
      assert.equal(new Set(list).size, list.length, `${nodeName(i)} lists a socket twice: ${JSON.stringify(list)}`);
    });
  });

  it("server-side-emit relays to the clients of every other node exactly once, from every node", async () => {
    const clients = await connectAll();
    const seen = clients.map((c) => record(c, "relayed"));
    const msgs = clients.map((c, i) => `relay ${i} ${uid()}`);
    clients.forEach((c, i) => c.emit("server-side-emit", msgs[i]));
    // node i relays everyone's message but its own: the sending node does not receive its server-side emit
    await exactlyOnce(clients.map((c, i) => ({
      who: nodeName(i),
      seen: seen[i],
      expected: clients.map((o, j) => ({ msg: msgs[j], from: o.id })).filter((e, j) => j !== i),
    })), (s, e) => s?.msg === e.msg && s?.from === e.from);
  });

  it("server-side-ack collects one pong from every other node, from every node", async () => {
    const clients = await connectAll();
    const answers = await Promise.all(clients.map((c) => ack(c, "server-side-ack")));
    answers.forEach((answer, i) => assert.deepEqual(answer, URLS.slice(1).map(() => "pong"), `${nodeName(i)} answered`));
  });

  it("join-remote makes a socket of another node join a room", async () => {
    const clients = await connectAll();
    const room = `remote-${uid()}`;
    const target = clients[clients.length - 1];
    const seen = record(target, "room message");
    assert.equal(await ack(clients[0], "join-remote", { to: target.id, room }), true);
    // and back: the last node makes the first node's socket join
    assert.equal(await ack(target, "join-remote", { to: clients[0].id, room }), true);
    let size;
    await until(async () => (size = await ack(clients[1], "room-size", room)) === 2, () => `room-size is ${JSON.stringify(size)}`);
    clients[1].emit("to-room", { room, msg: "joined remotely" });
    await exactlyOnce([{ who: nodeName(clients.length - 1), seen, expected: [clients[1].id] }], (s, from) => s.from === from);
  });

  it("kick-remote disconnects a socket of another node, in both directions", async () => {
    const last = URLS.length - 1;
    // the first node's client kicks one of the last node's, one of the last node's kicks one of the first's
    const [kicker, kicked] = [await connect(URLS[0]), await connect(URLS[last])];
    const [backKicker, backKicked] = [await connect(URLS[last]), await connect(URLS[0])];
    const reasons = [kicked, backKicked].map((c) => new Promise((resolve) => c.once("disconnect", resolve)));
    assert.equal(await ack(kicker, "kick-remote", { to: kicked.id }), true);
    assert.equal(await ack(backKicker, "kick-remote", { to: backKicked.id }), true);
    const timeout = sleep(WAIT_MS).then(() => "no disconnect");
    assert.deepEqual(await Promise.all(reasons.map((r) => Promise.race([r, timeout]))), ["io server disconnect", "io server disconnect"]);
    await sleep(GRACE_MS);
    assert.ok(kicker.connected && backKicker.connected, "the sockets that were not kicked stay");
  });

  it("room-size counts the room's sockets of every node, on every node", async () => {
    const clients = await connectAll();
    const extra = await connect(URLS[0]);
    const room = `size-${uid()}`;
    for (const c of [...clients, extra]) assert.equal(await ack(c, "join", room), true);
    const sizes = await Promise.all(clients.map((c) => ack(c, "room-size", room)));
    assert.deepEqual(sizes, URLS.map(() => URLS.length + 1));
    assert.equal(await ack(extra, "leave", room), true);
    assert.deepEqual(await Promise.all(clients.map((c) => ack(c, "room-size", room))), URLS.map(() => URLS.length));
  });

  it("room-size still answers within 6 s when a node dies mid-request", { skip: !VICTIM_PID && "no SIO_VICTIM_PID" }, async (t) => {
    const victim = URLS.indexOf(VICTIM_URL);
    assert.ok(victim > 0, `SIO_VICTIM_URL must be one of SIO_URLS but the first: ${VICTIM_URL}`);
    const clients = await connectAll();
    const room = `dying-${uid()}`;
    for (const c of clients) assert.equal(await ack(c, "join", room), true);
    const askers = clients.filter((c, i) => i !== victim);
    // frozen, it still counts as a node (its Redis connections are open) but answers nothing
    process.kill(VICTIM_PID, "SIGSTOP");
    const started = Date.now();
    const answers = askers.map((c) => c.timeout(DEAD_NODE_MS + 2000).emitWithAck("room-size", room)
      .then((value) => ({ value, ms: Date.now() - started })));
    await sleep(300);
    process.kill(VICTIM_PID, "SIGKILL"); // it dies while the others wait for it
    const results = await Promise.all(answers);
    t.diagnostic(`room-size while a node died: ${JSON.stringify(results)}`);
    for (const [i, { value, ms }] of results.entries()) {
      assert.ok(ms <= DEAD_NODE_MS, `an answer took ${ms} ms`);
      const ok = typeof value === "number" || (typeof value?.error === "string" && value.error.length > 0);
      assert.ok(ok, `room-size answered ${JSON.stringify(value)}: a number or {error: "..."} expected`);
      if (typeof value === "number") assert.ok(value >= askers.length, `asker ${i} counted ${value}`);
    }
    // the others go on as a cluster of one node less
    let counts;
    await until(async () => (counts = await Promise.all(askers.map((c) => ack(c, "server-count"))))
      .every((n) => n === URLS.length - 1), () => `server-count ${JSON.stringify(counts)}`);
    const seen = askers.map((c) => record(c, "chat message"));
    const token = `after ${uid()}`;
    askers[0].emit("chat message", token);
    await exactlyOnce(seen.map((s, i) => ({ who: `asker ${i}`, seen: s, expected: [token] })), (s, e) => s === e);
  });
});
