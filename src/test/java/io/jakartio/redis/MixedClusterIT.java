package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.RemoteSocket;
import io.jakartio.server.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One cluster of two Jakartio servers and a Node socket.io 4.8.4 server on
 * {@code @socket.io/redis-adapter} 8.3.0, on the same Redis and key: the Java clients on the Java
 * servers, the official Node client on the Node server. Broadcasts, socket queries and
 * server-side events cross between the two implementations both ways, exactly once.
 */
class MixedClusterIT {

    private RedisCluster cluster;
    private Node a;
    private Node b;
    private NodeServer node;
    private ClusterClient onA;
    private ClusterClient onB;

    @BeforeEach
    void startTwoJavaServersAndANodeServer() {
        cluster = new RedisCluster();
        a = cluster.start();
        b = cluster.start();
        node = NodeServer.start(cluster.uri(), cluster.key(), Duration.ofSeconds(2));
        cluster.awaitServers("/", 3);
        onA = cluster.connect(a);
        onB = cluster.connect(b);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        cluster.close();
    }

    @Test
    void everyServerCountsThreeServers() {
        assertEquals(3, a.io().sockets().adapter().serverCount().join());
        assertEquals(3, ((Number) node.call("serverCount")).intValue());
    }

    @Test
    void ioEmitOfAJavaServerReachesTheNodeClientAndTheJavaClientsOnce() {
        a.io().emit("news", Map.of("from", "java"), 42);

        assertEquals(List.of(List.of(Map.of("from", "java"), 42)), node.expect("news", 1));
        onA.expect("news", 1);
        onB.expect("news", 1);
    }

    @Test
    void ioEmitOfTheNodeServerReachesTheJavaClientsAndItsOwnOnce() {
        node.call("emit", "event", "news", "args", List.of("from node", Map.of("binary", List.of(1, 2, 3))));

        List<Object> args = onA.expect("news", 1).get(0);
        assertEquals("from node", args.get(0));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) args.get(1), "a Buffer arrives as binary");
        onB.expect("news", 1);
        node.expect("news", 1);
    }

    @Test
    void roomBroadcastsFromEitherSideReachTheMembersOfBoth() {
        node.call("join", "room", "room1");
        socket(b, onB).join("room1");
        eventually(() -> a.io().in("room1").fetchSockets().join().size() == 2, "both members seen");

        a.io().to("room1").emit("from java");
        node.call("emit", "event", "from node", "to", List.of("room1"));

        for (String event : List.of("from java", "from node")) {
            node.expect(event, 1);
            onB.expect(event, 1);
            onA.expectNone(event);
        }
    }

    @Test
    void exceptFromNodeLeavesOutTheJavaMembers() {
        socket(a, onA).join("quiet");

        node.call("emit", "event", "loud", "except", List.of("quiet"));

        onB.expect("loud", 1);
        node.expect("loud", 1);
        onA.expectNone("loud");
    }

    @Test
    void fetchSocketsOfEitherSideSeesTheSocketsOfBoth() {
        socket(b, onB).data().put("user", "bob");

        List<RemoteSocket> fromJava = a.io().fetchSockets().join();
        assertEquals(Set.of(onA.id(), onB.id(), node.clientId()), fromJava.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        RemoteSocket nodeClient = fromJava.stream().filter(s -> s.id().equals(node.clientId())).findFirst().orElseThrow();
        assertEquals(Set.of(node.clientId()), nodeClient.rooms());
        assertEquals("127.0.0.1", nodeClient.handshake().address().replace("::ffff:", ""));

        List<?> fromNode = (List<?>) node.call("fetchSockets");
        Set<Object> ids = fromNode.stream().map(s -> ((Map<?, ?>) s).get("id")).collect(Collectors.toSet());
        assertEquals(Set.of(onA.id(), onB.id(), node.clientId()), ids);
        Map<?, ?> bob = fromNode.stream().map(s -> (Map<?, ?>) s).filter(s -> onB.id().equals(s.get("id"))).findFirst().orElseThrow();
        assertEquals(Map.of("user", "bob"), bob.get("data"));
        assertEquals(List.of(onB.id()), bob.get("rooms"));
    }

    @Test
    void aRemoteSocketOfTheNodeServerCanBeToldFromJava() {
        RemoteSocket nodeClient = a.io().in(node.clientId()).fetchSockets().join().get(0);

        nodeClient.emit("hello node", 1);
        nodeClient.join("joined from java");

        assertEquals(List.of(List.of(1)), node.expect("hello node", 1));
        eventually(() -> ((List<?>) node.call("fetchSockets", "to", List.of("joined from java"))).size() == 1,
                "the Node socket joined");
        nodeClient.disconnect(true);
        eventually(() -> ((List<?>) node.call("fetchSockets")).size() == 2, "the Node client disconnected");
    }

    @Test
    void socketsJoinFromNodeActsOnJavaSockets() {
        node.call("socketsJoin", "to", List.of(onB.id()), "room", "from node");

        eventually(() -> socket(b, onB).rooms().contains("from node"), "joined");
        node.call("disconnectSockets", "to", List.of("from node"));
        onB.awaitDisconnect();
    }

    @Test
    void serverSideEmitWithAckFromJavaGetsTheNodeServersAnswerToo() {
        b.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong from b"));

        List<Object> answers = a.io().serverSideEmitWithAck("ping-node").join();

        assertEquals(Set.of("pong from b", "pong from node"), new HashSet<>(answers));
        assertEquals(2, answers.size());
    }

    @Test
    void serverSideEmitWithAckFromNodeGetsTheJavaServersAnswers() {
        a.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong from a"));
        b.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong from b"));

        List<?> answers = (List<?>) node.call("serverSideEmitWithAck", "event", "ping-node");

        assertEquals(Set.of("pong from a", "pong from b"), new HashSet<>(answers));
        assertEquals(2, answers.size());
    }

    @Test
    void serverSideEmitRelaysBothWays() {
        List<Object> heardByB = new CopyOnWriteArrayList<>();
        b.io().onServerSideEmit("relay", args -> heardByB.add(args[0]));

        a.io().serverSideEmit("relay", Map.of("msg", "hi", "from", onA.id()));
        node.call("serverSideEmit", "event", "relay", "args", List.of("from node"));

        assertEquals(List.of(List.of(Map.of("msg", "hi", "from", onA.id()))), node.expect("relayed", 1),
                "the Node server got the Java server's event and relayed it to its client");
        eventually(() -> heardByB.size() == 2, "b heard both");
        assertTrue(heardByB.containsAll(List.of(Map.of("msg", "hi", "from", onA.id()), "from node")), heardByB::toString);
    }

    @Test
    void broadcastAcksCrossBothWays() {
        onA.answer("vote", args -> "a");
        onB.answer("vote", args -> "b");

        List<Object> fromJava = a.io().timeout(Duration.ofSeconds(3)).emitWithAck("vote").join();
        List<?> fromNode = (List<?>) node.call("emitWithAck", "event", "vote", "timeout", 3000);

        assertEquals(Set.of("a", "b", "node client"), new HashSet<>(fromJava));
        assertEquals(3, fromJava.size());
        assertEquals(Set.of("a", "b", "node client"), new HashSet<>(fromNode));
        assertEquals(3, fromNode.size());
    }

    private static Socket socket(Node server, ClusterClient client) {
        return server.io().sockets().sockets().get(client.id());
    }

}
