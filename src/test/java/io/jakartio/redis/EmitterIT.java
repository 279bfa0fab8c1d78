package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Socket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java {@link Emitter}, with nothing but a Redis connection, reaches the clients of a cluster
 * of two Jakartio servers on the Redis adapter and a Node socket.io 4.8.4 server on
 * {@code @socket.io/redis-adapter} 8.3.0 ({@code redis-cluster-node.mjs}), on the real Redis and a
 * key of the test's own: broadcasts to everyone, rooms, exceptions, namespaces and binary, each
 * received once; socketsJoin/Leave and disconnectSockets; serverSideEmit to the servers'
 * listeners. One cluster for the class: each test uses events and rooms of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmitterIT {

    private RedisCluster cluster;
    private Node a;
    private Node b;
    private NodeServer node;
    private ClusterClient onA;
    private ClusterClient onB;
    private ClusterClient chatOnB;
    private Emitter emitter;

    @BeforeAll
    void startTwoJavaServersAndANodeServerAndAnEmitter() {
        cluster = new RedisCluster();
        a = cluster.start();
        b = cluster.start();
        a.io().of("/chat");
        b.io().of("/chat");
        node = NodeServer.start(cluster.uri(), cluster.key(), Duration.ofSeconds(2));
        cluster.awaitServers("/", 3);
        cluster.awaitServers("/chat", 2);
        onA = cluster.connect(a);
        onB = cluster.connect(b);
        chatOnB = cluster.connect(b, "/chat");
        emitter = Emitter.create(cluster.uri(), EmitterOptions.builder().key(cluster.key()).build());
    }

    @AfterAll
    void stop() {
        if (emitter != null) {
            emitter.close();
        }
        if (node != null) {
            node.close();
        }
        cluster.close();
    }

    @Test
    void anEmitToEveryoneReachesTheClientsOfEveryServerOnce() {
        long servers = emitter.emit("news", Map.of("from", "emitter"), 42).join();

        assertEquals(3, servers, "one PUBLISH, heard by the three servers");
        assertEquals(List.of(Map.of("from", "emitter"), 42), node.expect("news", 1).get(0));
        assertEquals(42, onA.expect("news", 1).get(0).get(1));
        onB.expect("news", 1);
        chatOnB.expectNone("news");
    }

    @Test
    void aRoomReachesItsMembersOnJavaAndNodeServersOnly() {
        socket(b, onB).join("emitter room");
        node.call("join", "room", "emitter room");

        emitter.to("emitter room").emit("room news", "hi");

        onB.expect("room news", 1);
        node.expect("room news", 1);
        onA.expectNone("room news");
    }

    @Test
    void exceptLeavesOutRoomsAndSockets() {
        socket(a, onA).join("muted");

        emitter.except("muted").emit("loud");
        emitter.except(onB.id(), node.clientId()).emit("to a only");

        onB.expect("loud", 1);
        node.expect("loud", 1);
        onA.expectNone("loud");
        onA.expect("to a only", 1);
        onB.expectNone("to a only");
        node.expectNone("to a only");
    }

    @Test
    void anotherNamespaceReachesItsOwnClientsOnly() {
        socket(b, chatOnB).join("chat room");

        emitter.of("chat").emit("chat news");
        emitter.of("/chat").to("chat room").emit("chat room news");

        chatOnB.expect("chat news", 1);
        chatOnB.expect("chat room news", 1);
        onB.expectNone("chat news");
        node.expectNone("chat news");
    }

    @Test
    void binaryArrivesAsBinaryOnJavaAndNodeClients() throws Exception {
        emitter.emit("file", new byte[] {1, 2, 3}, Map.of("thumb", new byte[] {(byte) 255}));

        List<Object> args = onA.expect("file", 1).get(0);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) args.get(0));
        assertArrayEquals(new byte[] {(byte) 255}, (byte[]) ((JSONObject) args.get(1)).get("thumb"));
        assertEquals(List.of(Map.of("binary", List.of(1, 2, 3)), Map.of("thumb", Map.of("binary", List.of(255)))),
                node.expect("file", 1).get(0));
    }

    @Test
    void volatileAndUncompressedEventsStillReachConnectedClients() {
        emitter.asVolatile().emit("tick", 1);
        emitter.compress(false).emit("tock", 2);

        onA.expect("tick", 1);
        node.expect("tick", 1);
        onB.expect("tock", 1);
        node.expect("tock", 1);
    }

    @Test
    void socketsJoinAndLeaveActOnTheSocketsOfEveryServer() {
        emitter.in(onA.id(), node.clientId()).socketsJoin("joined by emitter");

        eventually(() -> socket(a, onA).rooms().contains("joined by emitter"), "the Java socket joined");
        eventually(() -> nodeSocketIn("joined by emitter"), "the Node socket joined");
        emitter.to("joined by emitter").emit("members only");
        onA.expect("members only", 1);
        node.expect("members only", 1);
        onB.expectNone("members only");

        emitter.in("joined by emitter").socketsLeave("joined by emitter");
        eventually(() -> !socket(a, onA).rooms().contains("joined by emitter"), "the Java socket left");
        eventually(() -> !nodeSocketIn("joined by emitter"), "the Node socket left");
    }

    @Test
    void disconnectSocketsDisconnectsTheTargetedSocketsOfEveryJavaServer() {
        ClusterClient doomedOnA = cluster.connect(a);
        ClusterClient doomedOnB = cluster.connect(b);
        socket(a, doomedOnA).join("doomed");
        socket(b, doomedOnB).join("doomed");

        emitter.in("doomed").disconnectSockets(true);

        doomedOnA.awaitDisconnect();
        doomedOnB.awaitDisconnect();
        assertTrue(onA.isConnected() && onB.isConnected(), "the others stay");
    }

    @Test
    void serverSideEmitReachesTheListenersOfJavaAndNodeServers() {
        List<Object> heardByA = new CopyOnWriteArrayList<>();
        List<Object> heardByB = new CopyOnWriteArrayList<>();
        a.io().onServerSideEmit("cache:evict", args -> heardByA.add(List.of(args)));
        b.io().onServerSideEmit("cache:evict", args -> heardByB.add(List.of(args)));

        long servers = emitter.serverSideEmit("cache:evict", "users", Map.of("id", 7)).join();
        emitter.serverSideEmit("relay", Map.of("msg", "from the Java emitter"));

        assertEquals(3, servers);
        eventually(() -> heardByA.size() == 1 && heardByB.size() == 1, "both Java servers heard it");
        assertEquals(List.of("users", Map.of("id", 7)), heardByA.get(0));
        assertEquals(List.of(List.of(Map.of("msg", "from the Java emitter"))), node.expect("relayed", 1),
                "the Node server's relay listener got it and relayed it to its client");
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertEquals(1, heardByA.size(), "once");
        assertEquals(1, heardByB.size(), "once");
    }

    @Test
    void anEmitterOnTheApplicationsOwnLettuceConnectionReachesTheClientsAndLeavesItOpen() {
        RedisClient client = RedisClient.create(cluster.uri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            Emitter own = Emitter.create(redis, EmitterOptions.builder().key(cluster.key()).build());

            own.to(onA.id()).emit("own connection", new byte[] {7});
            own.close();

            assertArrayEquals(new byte[] {7}, (byte[]) onA.expect("own connection", 1).get(0).get(0));
            assertEquals("PONG", redis.sync().ping(), "the application's connection stays open");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anUnreachableRedisIsAClearErrorAtCreation() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Emitter.create("redis://127.0.0.1:1",
                EmitterOptions.builder().timeout(Duration.ofMillis(300)).build()));

        assertEquals("cannot connect to Redis at redis://127.0.0.1:1 within 300 ms", error.getMessage());
    }

    @Test
    void aLostRedisFailsPublicationsAtOnceAndTheEmitterReconnectsByItself() {
        try (OwnRedis redis = new OwnRedis(OwnRedis.freePort()).start();
             Emitter own = Emitter.create(redis.uri(), EmitterOptions.builder().key("own").build());
             RedisProbe server = new RedisProbe(redis.uri()).psubscribe("own#/#*")) {
            assertEquals(1, own.emit("before").join());

            redis.stop();
            eventually(() -> own.emit("during").handle((servers, error) -> error != null).join(), "publications fail");
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> own.emit("during").orTimeout(500, TimeUnit.MILLISECONDS).join());
            assertFalse(refused.getCause() instanceof TimeoutException, "refused at once, nothing buffered: " + refused.getCause());
            assertTrue(refused.getCause().getMessage().contains("not connected"), refused.getCause().toString());

            redis.start();
            eventually(() -> own.emit("after").handle((servers, error) -> error == null && servers == 1).join(),
                    "the emitter is back, and heard");
        }
    }

    /** Whether the Node server's socket is in {@code room}, as the Node server sees it. */
    private boolean nodeSocketIn(String room) {
        return ((List<?>) node.call("fetchSockets", "to", List.of(room))).stream()
                .anyMatch(socket -> node.clientId().equals(((Map<?, ?>) socket).get("id")));
    }

    private static Socket socket(Node server, ClusterClient client) {
        Socket socket = server.io().of("/").sockets().get(client.id());
        return socket != null ? socket : server.io().of("/chat").sockets().get(client.id());
    }

}
