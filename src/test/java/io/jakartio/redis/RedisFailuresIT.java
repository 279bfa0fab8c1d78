package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.RequestTimeoutException;
import io.jakartio.parser.MessagePack;
import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.AckTimeoutException;
import io.jakartio.server.RemoteSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the cluster does when parts of it fail: a server that never answers, a server closed in
 * the middle of a request, Redis down when a server starts, Redis lost and back while servers
 * run (a Redis of the test's own, on another port), garbage on the channels.
 */
class RedisFailuresIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aServerThatNeverAnswersMakesFetchSocketsFailAtTheTimeoutWithTheSocketsThatCame() {
        try (RedisCluster cluster = new RedisCluster(RedisCluster.SHARED_REDIS, TIMEOUT)) {
            Node a = cluster.start();
            Node b = cluster.start();
            cluster.awaitServers("/", 2);
            ClusterClient onA = cluster.connect(a);
            ClusterClient onB = cluster.connect(b);
            // a third "server" that is subscribed to the requests and hangs
            cluster.probe().subscribe(new RedisChannels(cluster.key(), "/").request());
            eventually(() -> a.io().sockets().adapter().serverCount().join() == 3, "three servers counted", 10_000);
            long start = System.nanoTime();

            CompletionException failure = assertThrows(CompletionException.class, () -> a.io().fetchSockets().join());

            long elapsed = System.nanoTime() - start;
            RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, failure.getCause());
            assertTrue(elapsed >= TIMEOUT.toNanos() * 9 / 10 && elapsed < TIMEOUT.toNanos() * 3,
                    "failed after " + elapsed / 1_000_000 + " ms");
            assertEquals(2, timeout.responses().size(), "this server's socket and the other server's: " + timeout.responses());
            assertTrue(timeout.getMessage().contains("only 1 responses received out of 2"), timeout.getMessage());
            assertTrue(Set.of(onA.id(), onB.id()).equals(timeout.responses().stream()
                    .map(s -> ((io.jakartio.adapter.SocketDetails) s).id()).collect(Collectors.toSet())));
        }
    }

    @Test
    void aServerClosedInTheMiddleOfARequestIsWaitedForNoLongerThanTheTimeout() {
        try (RedisCluster cluster = new RedisCluster(RedisCluster.SHARED_REDIS, TIMEOUT)) {
            Node a = cluster.start();
            Node b = cluster.start();
            Node c = cluster.start();
            cluster.awaitServers("/", 3);
            b.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong"));
            CompletableFuture<Void> cGotIt = new CompletableFuture<>();
            c.io().onServerSideEmit("ping-node", args -> cGotIt.complete(null)); // and dies before answering
            long start = System.nanoTime();

            CompletableFuture<List<Object>> answers = a.io().serverSideEmitWithAck("ping-node");
            cGotIt.orTimeout(2, TimeUnit.SECONDS).join();
            c.close();

            CompletionException failure = assertThrows(CompletionException.class, answers::join);
            AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, failure.getCause());
            assertEquals(List.of("pong"), timeout.responses());
            assertTrue(System.nanoTime() - start < TIMEOUT.toNanos() * 3);
            // once it is gone, it is no longer counted: the next request completes with the living servers
            eventually(() -> a.io().sockets().adapter().serverCount().join() == 2, "two servers left", 10_000);
            assertEquals(List.of("pong"), a.io().serverSideEmitWithAck("ping-node").orTimeout(900, TimeUnit.MILLISECONDS).join());
        }
    }

    @Test
    void redisDownWhenAServerStartsIsAClearErrorTheServerServesItsOwnClientsAndJoinsOnceRedisIsUp() {
        int port = OwnRedis.freePort();
        CapturedLog log = new CapturedLog();
        try (OwnRedis redis = new OwnRedis(port);
             RedisCluster cluster = new RedisCluster(redis.uri(), TIMEOUT, log)) {
            Node a = cluster.start();
            ClusterClient onA = cluster.connect(a); // before any namespace of a got Redis

            a.io().emit("local while down");
            onA.expect("local while down", 1);
            assertEquals(1, a.io().sockets().adapter().serverCount().join());
            assertEquals(List.of(onA.id()), a.io().fetchSockets().join().stream().map(RemoteSocket::id).toList());
            assertEquals(List.of(), a.io().serverSideEmitWithAck("ping-node").join());
            eventually(() -> !log.lines("cannot connect to Redis at redis://127.0.0.1:" + port).isEmpty(), "the error", 10_000);
            assertTrue(log.lines("cannot connect to Redis").get(0).startsWith("ERROR "), log.lines("cannot connect").toString());
            assertEquals(1, log.lines("cannot connect to Redis").size(), "one line, not one per attempt");

            redis.start();
            Node b = cluster.start();
            cluster.awaitServers("/", 2);
            ClusterClient onB = cluster.connect(b);
            a.io().emit("cluster");
            onA.expect("cluster", 1);
            onB.expect("cluster", 1);
            assertEquals(1, log.lines("connected to Redis at redis://127.0.0.1:" + port + " after").size(), log.lines("").toString());
        }
    }

    @Test
    void redisLostWhileServersRunKeepsLocalDeliveryLogsOnceReconnectsAndBuffersNothing() {
        int port = OwnRedis.freePort();
        CapturedLog log = new CapturedLog();
        try (OwnRedis redis = new OwnRedis(port).start();
             RedisCluster cluster = new RedisCluster(redis.uri(), TIMEOUT, log)) {
            Node a = cluster.start();
            Node b = cluster.start();
            cluster.awaitServers("/", 2);
            ClusterClient onA = cluster.connect(a);
            ClusterClient onB = cluster.connect(b);
            a.io().emit("before");
            onB.expect("before", 1);

            redis.stop();
            RedisLink link = ((RedisAdapterFactory) a.io().options().adapter()).link();
            eventually(() -> !link.isConnected(), "the loss is seen", 10_000);
            a.io().emit("during");
            onA.expect("during", 1);
            CompletableFuture<Long> publish = link.publish("anything", new byte[] {1});
            assertTrue(publish.isCompletedExceptionally(), "refused at once: nothing is buffered while Redis is away");
            RedisCluster.sleep(1_500); // several reconnection attempts
            assertEquals(2, log.lines("lost the connection to Redis at redis://127.0.0.1:" + port).size(),
                    "one line per server: " + log.lines("Redis"));
            assertEquals(0, log.lines("cannot connect to Redis").size(), "the retries log nothing more: " + log.lines("Redis"));

            redis.start();
            cluster.awaitServers("/", 2);
            a.io().emit("after");
            onA.expect("after", 1);
            onB.expect("after", 1);
            onB.expectNone("during");
            assertEquals(2, log.lines("reconnected to Redis at redis://127.0.0.1:" + port).size(), log.lines("Redis").toString());
            assertEquals(Set.of(onA.id(), onB.id()),
                    b.io().fetchSockets().join().stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void garbageOnTheChannelsIsSkippedAndTheClusterGoesOn() {
        try (RedisCluster cluster = new RedisCluster()) {
            Node a = cluster.start();
            Node b = cluster.start();
            cluster.awaitServers("/", 2);
            ClusterClient onB = cluster.connect(b);
            RedisChannels channels = new RedisChannels(cluster.key(), "/");
            for (String channel : List.of(channels.broadcast(), channels.room(onB.id()), channels.request(), channels.response())) {
                for (String garbage : List.of("", "{", "{\"type\":7}", "\u00c1\u00c1", "[1,2]", "{\"uid\":1,\"type\":\"x\"}")) {
                    cluster.probe().publish(channel, garbage.getBytes(StandardCharsets.ISO_8859_1));
                }
                cluster.probe().publish(channel, new MessagePack(null).encode(List.of("x", "not a packet", 3)));
            }

            a.io().emit("still working");
            onB.expect("still working", 1);
            assertEquals(List.of(onB.id()), a.io().fetchSockets().join().stream().map(RemoteSocket::id).toList());
        }
    }

}
