package io.jakartio.redis;

import io.jakartio.redis.RedisCluster.Node;

/**
 * Three servers of one cluster with a client each — {@code a}, {@code b}, {@code c} and
 * {@code onA}, {@code onB}, {@code onC} — for the tests that do an operation on one server and
 * check it on every server's sockets. A test class says which cluster ({@link #newCluster}),
 * how a server starts ({@link #startNode}) and how a client connects ({@link #connect}), and
 * when: {@link #startThree()} from its {@code @BeforeEach} (or {@code @BeforeAll}),
 * {@link #stopAll()} from the matching {@code @After...}.
 *
 * <pre>{@code
 * class RedisBroadcastIT extends ThreeNodeCluster {
 *     @BeforeEach void start() { startThree(); }
 *     @AfterEach void stop() { stopAll(); }
 *     @Test void ioEmitReachesEveryone() { a.io().emit("news"); onB.await("news"); }
 * }
 * }</pre>
 */
abstract class ThreeNodeCluster {

    RedisCluster cluster;
    Node a;
    Node b;
    Node c;
    ClusterClient onA;
    ClusterClient onB;
    ClusterClient onC;

    /** @return the cluster the servers join (by default on the shared Redis, a key of its own) */
    RedisCluster newCluster() {
        return new RedisCluster();
    }

    /** @return a new server of {@link #cluster} */
    Node startNode() {
        return cluster.start();
    }

    /**
     * @param node the server
     * @param name its name, {@code "a"}, {@code "b"} or {@code "c"}
     * @return a client connected to it
     */
    ClusterClient connect(Node node, String name) {
        return cluster.connect(node);
    }

    /** Starts the three servers, waits until each counts the others, then connects the clients. */
    final void startThree() {
        cluster = newCluster();
        a = startNode();
        b = startNode();
        c = startNode();
        cluster.awaitServers("/", 3);
        onA = connect(a, "a");
        onB = connect(b, "b");
        onC = connect(c, "c");
    }

    /** Closes the servers and clients. */
    final void stopAll() {
        cluster.close();
    }
}
