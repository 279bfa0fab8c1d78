package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.RemoteSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One cluster of two Jakartio servers and a Node socket.io 4.8.4 server on
 * {@code @socket.io/redis-streams-adapter} 0.3.1, on the same stream and channel prefix, all
 * with connection state recovery: broadcasts, socket queries, server-side events and server
 * counts cross between the implementations both ways, exactly once; and a client of the Node
 * server resumes its session on a Jakartio server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStreamsMixedClusterIT {

    private RedisCluster cluster;
    private Node a;
    private Node b;
    private NodeServer node;
    private ClusterClient onA;
    private ClusterClient onB;

    @BeforeAll
    void startTwoJavaServersAndANodeServer() {
        cluster = RedisCluster.onStreams();
        a = cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
        b = cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
        node = NodeServer.script("redis-streams-node.mjs", cluster.uri(), cluster.key());
        cluster.awaitServers("/", 3);
        onA = cluster.connect(a);
        onB = cluster.connect(b);
        for (Node java : List.of(a, b)) {
            java.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong from java"));
        }
    }

    @AfterAll
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
    void aJavaBroadcastReachesTheNodeClientOnceWithTheStreamIdAsOffset() {
        a.io().emit("m-java", "hi", 1);

        List<Object> atNode = node.expect("m-java", 1).get(0);
        List<Object> atB = onB.expect("m-java", 1).get(0);
        onA.expect("m-java", 1);
        assertEquals(List.of("hi", 1), atNode.subList(0, 2));
        assertEquals(atB.get(2), atNode.get(2), "the same offset on Java and Node servers");
    }

    @Test
    void nodeBroadcastsToAllAndToRoomsReachJavaClientsOnce() {
        b.io().sockets().sockets().get(onB.id()).join("m-room");

        node.call("emit", "event", "m-node", "args", List.of("from node"));
        node.call("emit", "event", "m-node-room", "to", List.of("m-room"));
        node.call("emit", "event", "m-node-bin", "args", List.of(Map.of("binary", List.of(1, 2, 3))));

        assertEquals("from node", onA.expect("m-node", 1).get(0).get(0));
        onB.expect("m-node", 1);
        node.expect("m-node", 1);
        onB.expect("m-node-room", 1);
        onA.expectNone("m-node-room");
        assertEquals("[1, 2, 3]", java.util.Arrays.toString((byte[]) onA.expect("m-node-bin", 1).get(0).get(0)));
    }

    @Test
    void fetchSocketsSeesTheSocketsOfBothImplementations() {
        Set<String> fromJava = a.io().fetchSockets().join().stream().map(RemoteSocket::id).collect(Collectors.toSet());
        assertTrue(fromJava.containsAll(Set.of(onA.id(), onB.id(), node.clientId())), fromJava.toString());

        List<?> fromNode = (List<?>) node.call("fetchSockets");
        Set<Object> ids = fromNode.stream().map(s -> ((Map<?, ?>) s).get("id")).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of(onA.id(), onB.id(), node.clientId())), ids.toString());
    }

    @Test
    void serverSideEventsAndTheirAnswersCrossBothWays() {
        List<Object> heard = new CopyOnWriteArrayList<>();
        b.io().onServerSideEmit("relay", args -> heard.add(args[0]));

        a.io().serverSideEmit("relay", Map.of("msg", "from java"));
        node.call("serverSideEmit", "event", "relay", "args", List.of(Map.of("msg", "from node")));

        assertEquals(Map.of("msg", "from java"), toMap(node.expect("relayed", 1).get(0).get(0)));
        eventually(() -> heard.size() == 2);
        assertEquals(Set.of("pong from java", "pong from node"), Set.copyOf(a.io().serverSideEmitWithAck("ping-node").join()));
        assertEquals(List.of("pong from java", "pong from java"), node.call("serverSideEmitWithAck", "event", "ping-node"));
    }

    @Test
    void aClientOfTheNodeServerResumesOnAJakartioServer() {
        String id = (String) node.call("roam", "port", node.port());
        node.call("join", "socket", id, "room", "x-room");
        node.call("emit", "event", "x-before", "to", List.of(id));
        eventually(() -> node.roamerReceived("x-before").size() == 1);

        node.call("cut");
        RedisCluster.sleep(300); // the Node server notices and saves the session
        inStream(() -> a.io().to("x-room").emit("x-missed", 1));
        inStream(() -> node.call("emit", "event", "x-missed", "args", List.of(2)));
        node.call("switch", "port", a.port());

        eventually(() -> node.roamerConnections().size() == 2);
        Map<?, ?> back = node.roamerConnections().get(1);
        assertEquals(id, back.get("id"));
        assertEquals(true, back.get("recovered"));
        eventually(() -> node.roamerReceived("x-missed").size() == 2);
        assertEquals(List.of(1, 2), node.roamerReceived("x-missed").stream().map(args -> args.get(0)).toList());
        assertTrue(a.io().sockets().sockets().get(id).rooms().contains("x-room"));
    }

    private void inStream(Runnable emit) {
        long entries = cluster.probe().xlen(cluster.key());
        emit.run();
        eventually(() -> cluster.probe().xlen(cluster.key()) > entries);
    }

    private static Object toMap(Object value) {
        return value instanceof Map<?, ?> map ? Map.copyOf(map) : value;
    }

}
