package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.server.Server;
import io.jakartio.server.Socket;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Jakartio servers in one JVM forming a cluster on a real Redis, each in its own embedded Tomcat,
 * on a key (channel prefix) of their own: tests never hear each other, nor anything else on the
 * shared Redis. Closing it closes every node still running and every client made through it.
 *
 * <pre>{@code
 * try (RedisCluster cluster = new RedisCluster()) {
 *     Node a = cluster.start();
 *     Node b = cluster.start();
 *     cluster.awaitServers("/", 2);
 * }
 * }</pre>
 */
final class RedisCluster implements AutoCloseable {

    /** The shared Redis of the machine (never flushed or stopped by a test). */
    static final String SHARED_REDIS = "redis://127.0.0.1:6379";

    private final String uri;
    private final String key = "jakartio-test-" + UUID.randomUUID();
    private final Duration requestsTimeout;
    private final System.Logger log;
    /** Whether the nodes use the Redis Streams adapter (stream and channel prefix = key) rather than pub/sub. */
    private final boolean streams;
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<ClusterClient> clients = new CopyOnWriteArrayList<>();
    private RedisProbe probe;

    RedisCluster() {
        this(SHARED_REDIS, Duration.ofSeconds(2));
    }

    RedisCluster(String uri, Duration requestsTimeout) {
        this(uri, requestsTimeout, System.getLogger(RedisLink.class.getName()));
    }

    /** @param log where the nodes' Redis links log (a {@link CapturedLog} to check the lines) */
    RedisCluster(String uri, Duration requestsTimeout, System.Logger log) {
        this(uri, requestsTimeout, log, false);
    }

    /**
     * @param streams whether the nodes use the Redis Streams adapter, on the stream and channel
     *     prefix {@link #key()}, sessions under {@code <key>:session:}, heartbeats every 500 ms
     *     (timeout 1.5 s); its keys are deleted when the cluster closes
     */
    RedisCluster(String uri, Duration requestsTimeout, System.Logger log, boolean streams) {
        this.streams = streams;
        this.uri = uri;
        this.requestsTimeout = requestsTimeout;
        this.log = log;
    }

    /** @return the key every node of this cluster uses */
    String key() {
        return key;
    }

    /** @return the Redis URI */
    String uri() {
        return uri;
    }

    /** @return the adapter settings of this cluster's nodes */
    RedisAdapterOptions adapterOptions() {
        return RedisAdapterOptions.builder().uri(uri).key(key).requestsTimeout(requestsTimeout).build();
    }

    /** @return a cluster of nodes on the Redis Streams adapter, on the shared Redis */
    static RedisCluster onStreams() {
        return new RedisCluster(SHARED_REDIS, Duration.ofSeconds(2), System.getLogger(RedisLink.class.getName()), true);
    }

    /** @return the Redis Streams adapter settings of this cluster's nodes */
    RedisStreamsAdapterOptions streamsOptions() {
        return RedisStreamsAdapterOptions.builder().uri(uri).streamName(key).channelPrefix(key)
                .sessionKeyPrefix(key + ":session:").requestsTimeout(requestsTimeout)
                .heartbeatInterval(Duration.ofMillis(500)).heartbeatTimeout(Duration.ofMillis(1500)).build();
    }

    /** @return a new node, serving in its own Tomcat */
    Node start() {
        return start(options -> options);
    }

    /** @return a new node, its server options changed by {@code change} (the adapter is set after) */
    Node start(UnaryOperator<ServerOptions.Builder> change) {
        Server io = new Server(change.apply(ServerOptions.builder())
                .adapter(streams ? new RedisStreamsAdapterFactory(streamsOptions(), log)
                        : new RedisAdapterFactory(adapterOptions(), log)).build());
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io));
        Node node = new Node(io, tomcat);
        nodes.add(node);
        return node;
    }

    /** Waits until {@code count} servers subscribe to the namespace's request channel (their adapters are ready). */
    void awaitServers(String namespace, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = -1;
        while (System.nanoTime() < deadline) {
            for (Node node : nodes) {
                if (node.isOpen()) {
                    seen = node.io().of(namespace).adapter().serverCount().join();
                    break;
                }
            }
            if (seen == count && allSubscribed(namespace, count)) {
                return;
            }
            sleep(20);
        }
        fail("expected " + count + " servers on " + namespace + ", saw " + seen);
    }

    private boolean allSubscribed(String namespace, int count) {
        if (streams) { // each adapter subscribes its own channel after the namespace's
            return probe().numsub(key + "#" + namespace + "#") == count;
        }
        // each adapter subscribes its response channel after its broadcast pattern and request channel
        return probe().numsub(new RedisChannels(key, namespace).response()) == count;
    }

    /** @return a plain Redis client on this cluster's Redis, closed with the cluster */
    synchronized RedisProbe probe() {
        if (probe == null) {
            probe = new RedisProbe(uri);
        }
        return probe;
    }

    /** @return a client for {@code namespace} on {@code node}, connected */
    ClusterClient connect(Node node, String namespace) {
        ClusterClient client = ClusterClient.connect(node.url() + namespace);
        clients.add(client);
        return client;
    }

    /** @return a client for the main namespace on {@code node}, connected */
    ClusterClient connect(Node node) {
        return connect(node, "/");
    }

    @Override
    public void close() {
        for (ClusterClient client : clients) {
            client.close();
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (streams) { // the stream and the sessions left behind
            probe().deleteKeys(key, key + ":session:*");
        }
        synchronized (this) {
            if (probe != null) {
                probe.close();
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One Jakartio server of the cluster and its Tomcat. */
    static final class Node implements AutoCloseable {
        private final Server io;
        private final EmbeddedTomcat tomcat;
        private volatile boolean open = true;

        Node(Server io, EmbeddedTomcat tomcat) {
            this.io = io;
            this.tomcat = tomcat;
        }

        Server io() {
            return io;
        }

        /**
         * @param id a socket id
         * @return the socket of the main namespace on this server
         * @throws IllegalStateException if it is not connected here
         */
        Socket socket(String id) {
            Socket socket = io.sockets().sockets().get(id);
            if (socket == null) {
                throw new IllegalStateException(id + " is not connected to " + url());
            }
            return socket;
        }

        String url() {
            return tomcat.url();
        }

        int port() {
            return tomcat.port();
        }

        boolean isOpen() {
            return open;
        }

        /** Closes the server (its clients are disconnected, its Redis connections closed) and its Tomcat. */
        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            try {
                io.close();
            } finally {
                tomcat.close();
            }
        }
    }
}
