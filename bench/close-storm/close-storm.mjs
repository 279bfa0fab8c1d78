// Close storm: a stress reproduction of issue 14, point 7 (a client's WebSocket close frame left
// unanswered). Not part of the test suite: the deterministic tests are
// WebSocketSessionCrossingClosesTest (native) and TomcatCloseAnswerIT (JSR-356 on Tomcat, with a thread to spare).
//
// N raw Socket.IO v5 clients (EIO=4, websocket only) connect to a server whose "broadcast" event
// relays to every other client and whose disconnect handler broadcasts "user left" (the
// `scenarios` fixture: src/test/fixtures/run scenarios PORT). Each round every client sends a
// burst of broadcasts, then all close at once (close code 1000) while the broadcasts are still
// being written to them. A client whose connection ends without the server's close frame sees
// close code 1006 (ws's "abnormal closure"): that is an unanswered close (RFC 6455 5.5.1).
//
//   node bench/close-storm/close-storm.mjs [URL] [--clients 200] [--burst 20] [--rounds 10] [--wait 60]
//
// --wait: how long a client waits for its connection to end after its close ('timeout' if not).
//
// Prints one line per round and exits 1 if any close went unanswered. Uses bench's `ws`
// (cd bench && npm ci).
import WebSocket from 'ws';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const url = args.find((a) => a.startsWith('http') || a.startsWith('ws')) ?? 'ws://127.0.0.1:3000';
const clients = option('clients', 200);
const burst = option('burst', 20);
const rounds = option('rounds', 10);
const waitSeconds = option('wait', 60);
const endpoint = `${url.replace(/^http/, 'ws').replace(/\/$/, '')}/socket.io/?EIO=4&transport=websocket`;

/** Opens one client; resolves once its Socket.IO CONNECT is acknowledged. */
function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(endpoint);
    const client = { ws, closed: null };
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame.startsWith('0')) {
        ws.send('40');
      } else if (frame.startsWith('40')) {
        resolve(client);
      } else if (frame === '2') {
        ws.send('3');
      }
    });
    ws.on('close', (code) => {
      client.closed = code;
    });
    ws.on('error', reject);
  });
}

/** Resolves with the close code once the connection has ended (or 'timeout'). */
function ended(client, ms) {
  return new Promise((resolve) => {
    if (client.closed !== null) {
      resolve(client.closed);
      return;
    }
    const timer = setTimeout(() => resolve('timeout'), ms);
    client.ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

let unanswered = 0;
for (let round = 1; round <= rounds; round++) {
  const all = await Promise.all(Array.from({ length: clients }, connect));
  for (const { ws } of all) {
    for (let i = 0; i < burst; i++) {
      ws.send(`42["broadcast","${'x'.repeat(64)}"]`);
    }
  }
  for (const { ws } of all) {
    ws.close(1000);
  }
  const codes = await Promise.all(all.map((c) => ended(c, waitSeconds * 1000)));
  const counts = {};
  for (const code of codes) {
    counts[code] = (counts[code] ?? 0) + 1;
  }
  const bad = codes.filter((code) => code !== 1000).length;
  unanswered += bad;
  console.log(`round ${round}: ${clients} clients, close codes ${JSON.stringify(counts)}${bad ? `  <-- ${bad} unanswered` : ''}`);
}
console.log(unanswered ? `FAIL: ${unanswered} close frames unanswered` : 'OK: every close frame was answered');
process.exit(unanswered ? 1 : 0);
