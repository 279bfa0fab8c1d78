package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.RemoteSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Redis Streams adapter when Redis fails: down when a server starts, lost and back while
 * servers run (a Redis of the test's own, on another port, so the shared one is never stopped),
 * garbage in the stream and on the channels.
 */
class RedisStreamsFailuresIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static Node start(RedisCluster cluster) {
        return cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
    }

    @Test
    void redisDownWhenAServerStartsIsAClearErrorTheServerServesItsOwnClientsAndJoinsOnceRedisIsUp() {
        int port = OwnRedis.freePort();
        CapturedLog log = new CapturedLog();
        try (OwnRedis redis = new OwnRedis(port);
             RedisCluster cluster = new RedisCluster(redis.uri(), TIMEOUT, log, true)) {
            Node a = start(cluster);
            ClusterClient onA = cluster.connect(a);

            a.io().emit("local while down");
            assertEquals(List.of(), onA.expect("local while down", 1).get(0), "delivered here, without offset");
            assertEquals(1, a.io().sockets().adapter().serverCount().join());
            assertEquals(List.of(onA.id()), a.io().fetchSockets().join().stream().map(RemoteSocket::id).toList());
            eventually(() -> !log.lines("cannot connect to Redis at redis://127.0.0.1:" + port).isEmpty(), "the error", 10_000);
            assertEquals(1, log.lines("cannot connect to Redis").size(), "one line, not one per attempt");

            redis.start();
            Node b = start(cluster);
            cluster.awaitServers("/", 2);
            ClusterClient onB = cluster.connect(b);
            RedisCluster.sleep(300); // a's reader is back on the stream
            a.io().emit("cluster");
            onA.expect("cluster", 1);
            onB.expect("cluster", 1);
        }
    }

    @Test
    void redisLostWhileServersRunKeepsLocalDeliveryLogsOnceAndTheReadersResume() {
        int port = OwnRedis.freePort();
        CapturedLog log = new CapturedLog();
        try (OwnRedis redis = new OwnRedis(port).start();
             RedisCluster cluster = new RedisCluster(redis.uri(), TIMEOUT, log, true)) {
            Node a = start(cluster);
            Node b = start(cluster);
            cluster.awaitServers("/", 2);
            ClusterClient onA = cluster.connect(a);
            ClusterClient onB = cluster.connect(b);
            a.io().emit("before");
            onB.expect("before", 1);

            redis.stop();
            RedisLink link = ((RedisStreamsAdapterFactory) a.io().options().adapter()).link();
            eventually(() -> !link.isConnected(), "the loss is seen", 10_000);
            a.io().emit("during");
            onA.expect("during", 1);
            RedisCluster.sleep(1_500); // several reconnection attempts of the links and of the readers
            assertEquals(2, log.lines("lost the connection to Redis at redis://127.0.0.1:" + port).size(),
                    "one line per server: " + log.lines("Redis"));
            assertEquals(0, log.lines("cannot connect to Redis").size(), "the retries log nothing more: " + log.lines("Redis"));

            redis.start();
            cluster.awaitServers("/", 2);
            RedisCluster.sleep(500); // the readers reconnect too
            a.io().emit("after");
            b.io().emit("after b");
            onB.expect("after", 1);
            onA.expect("after b", 1);
            onB.expectNone("during");
            assertEquals(2, log.lines("reconnected to Redis at redis://127.0.0.1:" + port).size(), log.lines("Redis").toString());
            assertEquals(Set.of(onA.id(), onB.id()),
                    b.io().fetchSockets().join().stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void garbageInTheStreamAndOnTheChannelsIsSkippedAndTheClusterGoesOn() {
        try (RedisCluster cluster = RedisCluster.onStreams()) {
            Node a = start(cluster);
            Node b = start(cluster);
            cluster.awaitServers("/", 2);
            ClusterClient onB = cluster.connect(b);
            for (String[] entry : new String[][] {{"3", "{"}, {"3", "{\"packet\":1}"}, {"99", "{}"}, {"x", ""},
                    {"3", "!!not base64"}, {"4", "{\"opts\":{\"rooms\":7}}"}}) {
                Map<String, byte[]> fields = new LinkedHashMap<>();
                fields.put("uid", "garbage".getBytes(StandardCharsets.UTF_8));
                fields.put("nsp", "/".getBytes(StandardCharsets.UTF_8));
                fields.put("type", entry[0].getBytes(StandardCharsets.UTF_8));
                fields.put("data", entry[1].getBytes(StandardCharsets.UTF_8));
                cluster.probe().xadd(cluster.key(), fields);
            }
            for (String garbage : List.of("", "{", "\u00c1\u00c1", "[1,2]")) {
                cluster.probe().publish(cluster.key() + "#/#", garbage.getBytes(StandardCharsets.ISO_8859_1));
            }

            a.io().emit("still working");
            onB.expect("still working", 1);
            assertEquals(List.of(onB.id()), a.io().fetchSockets().join().stream().map(RemoteSocket::id).toList());
        }
    }

}
