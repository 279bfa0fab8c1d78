package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conformance fixture joins a cluster (issue 13, point 8), started exactly as a user starts
 * it: two Jakartio fixtures by {@code src/test/fixtures/run scenarios PORT} and one Node
 * {@code reference-server.mjs PORT}, all three with {@code JAKARTIO_ADAPTER},
 * {@code JAKARTIO_REDIS_URI=redis://127.0.0.1:6379} and a {@code JAKARTIO_REDIS_KEY} of this run's
 * own, form one cluster. src/test/node/cluster.test.mjs checks it with the official Node client:
 * {@code chat message}, {@code /chat}, {@code to-room}, {@code to-room-others}, {@code dm} and
 * {@code user left} across nodes exactly once, {@code cluster-sockets}, {@code server-count} = 3,
 * {@code server-side-emit} relayed by the other nodes (Java and Node), {@code server-side-ack}
 * = two pongs, {@code join-remote}, {@code kick-remote} both ways, {@code room-size} across nodes,
 * and {@code room-size} answered within 6 s by the Java and the Node node while the second Java
 * node is frozen, then killed, mid-request.
 */
class FixtureClusterIT {

    private static final String REDIS_URI = "redis://127.0.0.1:6379";
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void javaAndNodeFixturesOnTheRedisAdapterFormOneCluster() throws Exception {
        assertFixturesFormOneCluster("redis");
    }

    @Test
    void javaAndNodeFixturesOnTheRedisStreamsAdapterFormOneCluster() throws Exception {
        assertFixturesFormOneCluster("redis-streams");
    }

    private static void assertFixturesFormOneCluster(String adapter) throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        assertRedisRuns();
        FixtureProcess.prepareRunScript();
        String key = "jakartio-fixture-it-" + UUID.randomUUID();
        Map<String, String> cluster = Map.of(
                "JAKARTIO_ADAPTER", adapter,
                "JAKARTIO_REDIS_URI", REDIS_URI,
                "JAKARTIO_REDIS_KEY", key);
        int[] ports = {FixtureProcess.freePort(), FixtureProcess.freePort(), FixtureProcess.freePort()};
        List<FixtureProcess> nodes = new ArrayList<>();
        try {
            nodes.add(FixtureProcess.start("Java fixture 1", runScenarios(ports[0]), ROOT, cluster));
            nodes.add(FixtureProcess.start("Java fixture 2", runScenarios(ports[1]), ROOT, cluster));
            nodes.add(FixtureProcess.start("Node fixture", List.of("node", "reference-server.mjs", Integer.toString(ports[2])),
                    NodeSuite.DIRECTORY, cluster));
            for (FixtureProcess node : nodes) {
                node.awaitReady(60, TimeUnit.SECONDS);
            }
            for (FixtureProcess java : nodes.subList(0, 2)) {
                assertFalse(java.firstLines().stream().anyMatch(line -> line.startsWith("building fixture classes")),
                        () -> "run rebuilt the classes inside the build: " + java.firstLines());
            }
            String urls = Stream.of(0, 1, 2).map(i -> "http://127.0.0.1:" + ports[i]).collect(Collectors.joining(","));
            FixtureProcess victim = nodes.get(1);
            NodeSuite.Result result = NodeSuite.run("cluster.test.mjs", Map.of(
                    "SIO_URLS", urls,
                    "SIO_VICTIM_URL", "http://127.0.0.1:" + ports[1],
                    "SIO_VICTIM_PID", Long.toString(victim.pid())));
            System.out.printf("Fixture cluster on %s: %d tests, %d passed, %d failed%n", adapter,
                    result.tests(), result.pass(), result.fail());
            result.output().stream().filter(line -> line.contains("room-size while a node died")).forEach(System.out::println);
            assertEquals(0, result.exitCode(), () -> "the cluster suite failed:\n" + result.log() + nodesOutput(nodes));
            assertEquals(13, result.tests(), result::log);
            assertEquals(result.tests(), result.pass(), result::log);
            // the suite killed the second Java fixture mid-request (SIGKILL: 128 + 9)
            assertTrue(victim.process().waitFor(5, TimeUnit.SECONDS), "the victim still runs");
            assertEquals(137, victim.process().exitValue(), "the victim's exit code");
            assertTrue(nodes.get(0).process().isAlive() && nodes.get(2).process().isAlive(),
                    () -> "a fixture died:" + nodesOutput(nodes));
        } finally {
            for (FixtureProcess node : nodes) {
                node.close();
            }
            deleteKeys(key);
        }
    }

    /** Deletes what the run left in the shared Redis: the streams adapter's stream and sessions (pub/sub leaves nothing). */
    private static void deleteKeys(String key) {
        RedisClient client = RedisClient.create(REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<String> keys = new ArrayList<>(redis.keys(key + "*"));
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private static List<String> runScenarios(int port) {
        return List.of("src/test/fixtures/run", "scenarios", Integer.toString(port));
    }

    private static void assertRedisRuns() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
        } catch (IOException e) {
            throw new AssertionError("no Redis on 127.0.0.1:6379 (.ci/run starts one): " + e.getMessage(), e);
        }
    }

    private static String nodesOutput(List<FixtureProcess> nodes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            sb.append("\n--- node ").append(i + 1).append(":\n").append(nodes.get(i).output());
        }
        return sb.toString();
    }
}
