// The servers the runner can measure. A server is a command that starts it (in the foreground,
// run from bench/, '{port}' replaced by the port it must bind on 127.0.0.1), how to tell it is
// ready, and which process to sample. See README.md, "Adding a server".
//
//   name         what --servers and the report call it
//   kind         'socket.io' (Engine.IO v4 / Socket.IO v5 at /socket.io/) or 'raw' (a plain
//                WebSocket that sends every text frame it receives to every client, at rawPath)
//   command      argv; runs with bench/ as working directory, in its own process group
//   ready        'stdout': a line starting with READY; 'http': GET
//                /socket.io/?EIO=4&transport=polling answers 200 (socket.io servers only)
//   pid          'process' (the started process, e.g. a script that execs java) or
//                { file: 'path' } (a PID file the server writes, path relative to bench/)
//   readyTimeoutSec  how long starting may take (a first build included)
//   placeholder  true: not wired yet; the runner refuses it until `command`'s script exists
//   env          extra environment variables
//   gcSignal     a signal on which the server runs a full GC (the idle scenario sends it before it
//                reads RSS; a JVM is collected through jcmd instead)
//   note         a remark the report prints next to the server's description
//   parser       'msgpack': the server runs socket.io-msgpack-parser's parser, and the clients speak
//                it (binary frames; fan-out and idle only, WebSocket clients)
//   deflate      true: the server is started with permessage-deflate on, and its WebSocket clients
//                offer it (ws's perMessageDeflate: true, as a browser does); the fan-out steps
//                count the clients that got it (deflateClients). Compression needs messages over
//                the 1,024-byte threshold: run with --message-bytes (e.g. 2048)
//   cluster      true: a node of a cluster on Redis, for the cluster scenario only: the runner
//                starts --cluster-nodes of them, each on its own port, with '{key}' in the
//                command replaced by a key unique to the run (all nodes of a run share it)
//   alone        (cluster servers) the same server as a single node on the in-memory adapter: the
//                cluster scenario runs it too, with one node's clients, for the cluster's overhead
//
// kind 'raw' servers take part in the fan-out and idle scenarios only (no acks, no polling).

/** The bench WAR on Tomcat, as jakartio-tomcat, with one more JVM option (its description names it). */
function tomcatWith(name, option, description) {
  return {
    name,
    description: `${description} (${option})`,
    kind: 'socket.io',
    command: ['servers/jakartio-tomcat.sh', '{port}'],
    env: { CATALINA_OPTS: option },
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  };
}

export default [
  {
    name: 'jakartio-fixture',
    description: 'Jakartio in an embedded Tomcat (src/test/fixtures/run scenarios)',
    note: 'besides the benchmark handlers it broadcasts "user left" on every disconnect, which the Node baseline does not: ' +
      'only the idle scenario\'s teardown sees it',
    kind: 'socket.io',
    command: ['../src/test/fixtures/run', 'scenarios', '{port}'],
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  {
    name: 'jakartio-fixture-msgpack',
    description: 'the same with the MessagePack parser (JAKARTIO_PARSER=msgpack; clients send and receive socket.io-msgpack-parser frames)',
    kind: 'socket.io',
    parser: 'msgpack',
    command: ['../src/test/fixtures/run', 'scenarios', '{port}'],
    env: { JAKARTIO_PARSER: 'msgpack' },
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  {
    name: 'jakartio-fixture-deflate',
    description: 'the same with permessage-deflate on (JAKARTIO_PER_MESSAGE_DEFLATE=1: threshold 1,024 bytes, ' +
      'server_no_context_takeover, a broadcast compressed once); the clients offer it',
    kind: 'socket.io',
    deflate: true,
    command: ['../src/test/fixtures/run', 'scenarios', '{port}'],
    env: { JAKARTIO_PER_MESSAGE_DEFLATE: '1' },
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  {
    name: 'node',
    description: 'Node.js Socket.IO 4.8.4, default options (node-server/server.js)',
    kind: 'socket.io',
    command: ['node', '--expose-gc', 'node-server/server.js', '{port}'],
    gcSignal: 'SIGUSR2',
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 30,
  },
  {
    name: 'node-deflate',
    description: 'Node.js Socket.IO 4.8.4 with perMessageDeflate: true (SIO_PER_MESSAGE_DEFLATE=1): engine.io\'s threshold 1,024 ' +
      'bytes and ws\'s defaults, context takeover, so a broadcast is compressed once per recipient; the clients offer it',
    kind: 'socket.io',
    deflate: true,
    command: ['node', '--expose-gc', 'node-server/server.js', '{port}'],
    env: { SIO_PER_MESSAGE_DEFLATE: '1' },
    gcSignal: 'SIGUSR2',
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 30,
  },
  {
    name: 'node-msgpack',
    description: 'Node.js Socket.IO 4.8.4 with parser: socket.io-msgpack-parser 3.0.2 (SIO_PARSER=msgpack)',
    kind: 'socket.io',
    parser: 'msgpack',
    command: ['node', '--expose-gc', 'node-server/server.js', '{port}'],
    env: { SIO_PARSER: 'msgpack' },
    gcSignal: 'SIGUSR2',
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 30,
  },
  {
    name: 'node-raw',
    description: 'Node.js raw WebSocket broadcast, no Socket.IO framing (node-server/raw.js, ws)',
    kind: 'raw',
    rawPath: '/',
    command: ['node', '--expose-gc', 'node-server/raw.js', '{port}'],
    gcSignal: 'SIGUSR2',
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 30,
  },
  // The bench WAR in real containers: bench/servers/<name>.sh PORT builds the WAR and fetches the
  // container on first use (target/servers), prints READY and execs the container's launcher
  // (PID = the JVM; WildFly's standalone.sh runs the JVM as its child: a PID file instead).
  {
    name: 'jakartio-tomcat',
    description: 'Jakartio bench WAR on Tomcat (servers/jakartio-tomcat.sh)',
    kind: 'socket.io',
    command: ['servers/jakartio-tomcat.sh', '{port}'],
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  tomcatWith('jakartio-tomcat-jsr356', '-Djakartio.websocket=jsr356',
    'the same on Tomcat with its JSR-356 WebSocket instead of Jakartio\'s own'),
  tomcatWith('jakartio-tomcat-direct', '-Djakartio.writeLanes=0',
    'the same with no write lanes: every thread writes the connections it queues for, one write per packet'),
  tomcatWith('jakartio-tomcat-1lane', '-Djakartio.writeLanes=1',
    'the same with one write lane: the broadcasting thread writes every recipient itself (before a broadcast\'s other lanes went to writer threads)'),
  tomcatWith('jakartio-tomcat-nio2', '-Dtomcat.protocol=org.apache.coyote.http11.Http11Nio2Protocol',
    'the same on Tomcat\'s NIO2 connector instead of the default NIO one (no poller thread: a read completes on a thread of the pool)'),
  tomcatWith('jakartio-tomcat-heapfree10', '-XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10',
    'the same keeping at most 10% of the heap free after a GC instead of server-config\'s 20%, for the idle scenario\'s RSS'),
  tomcatWith('jakartio-tomcat-buf512', '-Dtomcat.appBufSize=512',
    'the same with 512-byte socket read and write buffers instead of server-config\'s 1,024, for the idle scenario\'s memory'),
  tomcatWith('jakartio-tomcat-parallelgc', '-XX:+UseParallelGC',
    'the same on the Parallel collector instead of G1 (no concurrent card refinement), for the long-polling scenario\'s CPU'),
  tomcatWith('jakartio-tomcat-g1lazy', '-XX:-G1UseAdaptiveConcRefinement -XX:G1ConcRefinementGreenZone=100000 -XX:G1ConcRefinementYellowZone=200000 -XX:G1ConcRefinementRedZone=300000',
    'the same with G1\'s card refinement left to its collections instead of concurrent threads, for the long-polling scenario\'s CPU'),
  tomcatWith('jakartio-tomcat-8threads', '-Dtomcat.maxThreads=8',
    'the same with a pool of 8 worker threads instead of server-config\'s 50 (fewer threads taking turns on the cores)'),
  tomcatWith('jakartio-tomcat-200threads', '-Dtomcat.maxThreads=200',
    'the same with Tomcat\'s default pool of 200 worker threads instead of server-config\'s 50'),
  {
    name: 'jakartio-payara',
    description: 'Jakartio bench WAR on Payara Micro (servers/jakartio-payara.sh)',
    kind: 'socket.io',
    command: ['servers/jakartio-payara.sh', '{port}'],
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  {
    name: 'jakartio-wildfly',
    description: 'Jakartio bench WAR on WildFly (servers/jakartio-wildfly.sh)',
    kind: 'socket.io',
    command: ['servers/jakartio-wildfly.sh', '{port}'],
    ready: 'stdout',
    pid: { file: '../target/bench/jakartio-wildfly.pid' },
    readyTimeoutSec: 900,
  },
  // Clusters on Redis (the cluster scenario; Redis at --redis, default redis://127.0.0.1:6379)
  {
    name: 'jakartio-tomcat-cluster',
    description: 'Jakartio bench WAR on Tomcat with the Redis adapter, jakartio.adapter=redis (servers/jakartio-tomcat-cluster.sh)',
    kind: 'socket.io',
    cluster: true,
    alone: 'jakartio-tomcat',
    command: ['servers/jakartio-tomcat-cluster.sh', '{port}', '{key}'],
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
  {
    name: 'node-cluster',
    description: 'Node.js Socket.IO 4.8.4 with @socket.io/redis-adapter 8.3.0 and redis 4.7.1 (node-server/cluster.js)',
    kind: 'socket.io',
    cluster: true,
    alone: 'node',
    command: ['node', '--expose-gc', 'node-server/cluster.js', '{port}', '{key}'],
    gcSignal: 'SIGUSR2',
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 30,
  },
  {
    name: 'jakartio-raw',
    description: 'raw JSR-356 broadcast endpoint at /raw, the Java floor (servers/jakartio-raw.sh)',
    kind: 'raw',
    rawPath: '/raw',
    command: ['servers/jakartio-raw.sh', '{port}'],
    ready: 'stdout',
    pid: 'process',
    readyTimeoutSec: 900,
  },
];
