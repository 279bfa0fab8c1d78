// The floor: a raw WebSocket broadcast with no Socket.IO framing. Every text frame received (on
// any path) is sent as is to every connected client, the sender included.
// Usage: node node-server/raw.js PORT   (binds 127.0.0.1, prints READY)
import { createServer } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] || 3001);
const httpServer = createServer((req, res) => {
  res.writeHead(426, { 'content-type': 'text/plain' });
  res.end('WebSocket only\n');
});
// perMessageDeflate off, as in engine.io's default, so both Node servers send plain frames
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false, clientTracking: true });

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    }
  });
  ws.on('error', () => {});
});

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`READY node raw ws on ws://127.0.0.1:${port}/`);
});

// The idle scenario compares memory after a full GC (a JVM's through jcmd GC.run): started with
// --expose-gc, this process collects on SIGUSR2 (servers.js: gcSignal).
if (typeof global.gc === 'function') {
  process.on('SIGUSR2', () => global.gc());
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
