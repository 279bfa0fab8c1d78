// The cluster baseline: one node of a Node.js Socket.IO 4.8.4 cluster on @socket.io/redis-adapter
// 8.3.0 (node-redis 4.7.1, a publishing and a subscribing connection, as the adapter's README
// shows), default options otherwise, the same handlers as server.js: `chat message` → io.emit.
// Usage: node node-server/cluster.js PORT KEY [REDIS_URI]   (binds 127.0.0.1, prints READY once
// Redis answers; the nodes started with the same Redis and KEY form one cluster)
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

const port = Number(process.argv[2] || 3000);
const key = process.argv[3] || 'socket.io';
const url = process.argv[4] || process.env.BENCH_REDIS_URI || 'redis://127.0.0.1:6379';

const pubClient = createClient({ url });
const subClient = pubClient.duplicate();
for (const client of [pubClient, subClient]) {
  client.on('error', (e) => console.error(`redis: ${e.message}`));
}
await Promise.all([pubClient.connect(), subClient.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient, { key }) });

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => {
    io.emit('chat message', msg);
  });
  socket.on('echo', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    if (ack) {
      ack(...args);
    } else {
      socket.emit('echo', ...args);
    }
  });
});

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`READY node socket.io cluster node on http://127.0.0.1:${port}, Redis ${url}, key ${key}`);
});

if (typeof global.gc === 'function') {
  process.on('SIGUSR2', () => global.gc());
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    io.close();
    await Promise.allSettled([pubClient.quit(), subClient.quit()]);
    process.exit(0);
  });
}
