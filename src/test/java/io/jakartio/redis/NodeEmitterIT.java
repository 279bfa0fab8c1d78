package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Node's own {@code @socket.io/redis-emitter} 5.1.0 ({@code src/test/node/redis-emitter.mjs})
 * reaches the clients and server-side listeners of two Jakartio servers on the Redis adapter, on
 * the real Redis and a key of the test's own: broadcasts to everyone, to a room, with exceptions,
 * to another namespace, binary, with flags, each received once; socketsJoin/Leave,
 * disconnectSockets, serverSideEmit. One cluster for the class: each test uses events and rooms
 * of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeEmitterIT {

    private RedisCluster cluster;
    private Node a;
    private Node b;
    private NodeServer emitter;
    private ClusterClient onA;
    private ClusterClient onB;
    private ClusterClient chatOnA;

    @BeforeAll
    void startTwoJavaServersAndNodesEmitter() {
        cluster = new RedisCluster();
        a = cluster.start();
        b = cluster.start();
        a.io().of("/chat");
        b.io().of("/chat");
        cluster.awaitServers("/", 2);
        cluster.awaitServers("/chat", 2);
        onA = cluster.connect(a);
        onB = cluster.connect(b);
        chatOnA = cluster.connect(a, "/chat");
        emitter = NodeServer.script("redis-emitter.mjs", cluster.uri(), cluster.key());
    }

    @AfterAll
    void stop() {
        if (emitter != null) {
            emitter.close();
        }
        cluster.close();
    }

    @Test
    void anEmitToEveryoneReachesTheClientsOfEveryServerOnce() throws Exception {
        emitter.call("emit", "event", "news", "args", List.of("from node", Map.of("n", 1), 2.5));

        List<Object> args = onA.expect("news", 1).get(0);
        assertEquals("from node", args.get(0));
        assertEquals(1, ((JSONObject) args.get(1)).get("n"));
        assertEquals(2.5, args.get(2));
        onB.expect("news", 1);
        chatOnA.expectNone("news");
    }

    @Test
    void aRoomReachesItsMembersOnly() {
        socket(b, onB).join("node room");

        emitter.call("emit", "event", "room news", "to", List.of("node room"));

        onB.expect("room news", 1);
        onA.expectNone("room news");
    }

    @Test
    void exceptLeavesOutRoomsAndSockets() {
        socket(a, onA).join("muted by node");

        emitter.call("emit", "event", "loud", "except", List.of("muted by node"));
        emitter.call("emit", "event", "to a only", "except", List.of(onB.id()));

        onB.expect("loud", 1);
        onA.expectNone("loud");
        onA.expect("to a only", 1);
        onB.expectNone("to a only");
    }

    @Test
    void anotherNamespaceReachesItsOwnClientsOnly() {
        emitter.call("emit", "nsp", "/chat", "event", "chat news");
        emitter.call("emit", "nsp", "chat", "event", "chat news without slash");

        chatOnA.expect("chat news", 1);
        chatOnA.expect("chat news without slash", 1);
        onA.expectNone("chat news");
    }

    @Test
    void buffersArriveAsBinary() {
        emitter.call("emit", "event", "file", "args", List.of(Map.of("binary", List.of(1, 2, 3))));

        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) onB.expect("file", 1).get(0).get(0));
    }

    @Test
    void volatileAndUncompressedEventsStillReachConnectedClients() {
        emitter.call("emit", "event", "tick", "volatile", true, "compress", false);

        onA.expect("tick", 1);
        onB.expect("tick", 1);
    }

    @Test
    void socketsJoinAndLeaveActOnJakartiosSockets() {
        emitter.call("socketsJoin", "to", List.of(onA.id(), onB.id()), "rooms", List.of("joined by node"));

        eventually(() -> socket(a, onA).rooms().contains("joined by node")
                && socket(b, onB).rooms().contains("joined by node"), "both joined");
        emitter.call("socketsLeave", "to", List.of(onB.id()), "rooms", List.of("joined by node"));
        eventually(() -> !socket(b, onB).rooms().contains("joined by node"), "b left");
        assertTrue(socket(a, onA).rooms().contains("joined by node"), "a stays");
    }

    @Test
    void disconnectSocketsDisconnectsTheTargetedSocketsOfBothServers() {
        ClusterClient doomedOnA = cluster.connect(a);
        ClusterClient doomedOnB = cluster.connect(b);
        socket(a, doomedOnA).join("doomed by node");
        socket(b, doomedOnB).join("doomed by node");

        emitter.call("disconnectSockets", "to", List.of("doomed by node"), "close", true);

        doomedOnA.awaitDisconnect();
        doomedOnB.awaitDisconnect();
        assertTrue(onA.isConnected() && onB.isConnected(), "the others stay");
    }

    @Test
    void serverSideEmitReachesTheListenersOfEveryJakartioServer() {
        List<Object> heardByA = new CopyOnWriteArrayList<>();
        List<Object> heardByB = new CopyOnWriteArrayList<>();
        a.io().onServerSideEmit("cache:evict", args -> heardByA.add(List.of(args)));
        b.io().onServerSideEmit("cache:evict", args -> heardByB.add(List.of(args)));
        List<Object> heardInChat = new CopyOnWriteArrayList<>();
        a.io().of("/chat").onServerSideEmit("cache:evict", args -> heardInChat.add(List.of(args)));

        emitter.call("serverSideEmit", "args", List.of("cache:evict", "users", Map.of("id", 7)));

        eventually(() -> heardByA.size() == 1 && heardByB.size() == 1, "both servers heard it");
        assertEquals(List.of("users", Map.of("id", 7)), heardByA.get(0));
        assertEquals(heardByA, heardByB);
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertEquals(1, heardByA.size(), "once");
        assertEquals(List.of(), heardInChat, "only the namespace it was sent to");
    }

    private static Socket socket(Node server, ClusterClient client) {
        return server.io().of("/").sockets().get(client.id());
    }

}
