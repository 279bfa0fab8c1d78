// The baseline: Node.js Socket.IO 4.8.4 with default options, the same handlers as Jakartio's
// bench fixture. Usage: node node-server/server.js PORT   (binds 127.0.0.1, prints READY)
//
// Two variants, each one option as a Node user would write it (servers.js: node-deflate,
// node-msgpack):
//   SIO_PER_MESSAGE_DEFLATE=1  perMessageDeflate: true. engine.io makes it { threshold: 1024 } and
//                              hands it to ws, whose defaults do the rest: context takeover both
//                              ways, 15-bit windows, zlib level default, 10 concurrent zlib jobs; a
//                              broadcast is compressed once per recipient, each in its own context
//                              (the pre-encoded broadcast frame is skipped when it is on)
//   SIO_PARSER=msgpack         parser: socket.io-msgpack-parser 3.0.2 (as src/test/node's
//                              reference-server.mjs)
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] || 3000);
const httpServer = createServer();
const options = {}; // defaults: pingInterval 25000, pingTimeout 20000, both transports, no compression
if (process.env.SIO_PER_MESSAGE_DEFLATE === '1') {
  options.perMessageDeflate = true;
}
if (process.env.SIO_PARSER === 'msgpack') {
  options.parser = (await import('socket.io-msgpack-parser')).default;
}
const chosen = Object.keys(options).join(', '); // before Server adds its own to the object
const io = new Server(httpServer, options);

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
  console.log(`READY node socket.io on http://127.0.0.1:${port}${chosen ? ` with ${chosen}` : ''}`);
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
