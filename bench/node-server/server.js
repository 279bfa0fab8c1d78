// The baseline: Node.js Socket.IO 4.8.4 with default options, the same handlers as Jakartio's
// bench fixture. Usage: node node-server/server.js PORT   (binds 127.0.0.1, prints READY)
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] || 3000);
const httpServer = createServer();
const io = new Server(httpServer); // defaults: pingInterval 25000, pingTimeout 20000, both transports

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
  console.log(`READY node socket.io on http://127.0.0.1:${port}`);
});

// The idle scenario compares memory after a full GC (a JVM's through jcmd GC.run): started with
// --expose-gc, this process collects on SIGUSR2 (servers.js: gcSignal).
if (typeof global.gc === 'function') {
  process.on('SIGUSR2', () => global.gc());
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    io.close();
    process.exit(0);
  });
}
