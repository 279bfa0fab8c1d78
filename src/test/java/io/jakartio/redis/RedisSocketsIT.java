package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.RemoteSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket operations of a cluster, from any server on every server's sockets: fetchSockets
 * and the RemoteSockets it returns, socketsJoin, socketsLeave, disconnectSockets.
 */
class RedisSocketsIT extends ThreeNodeCluster {

    @BeforeEach
    void startThreeNodesWithAClientEach() {
        startThree();
    }

    @AfterEach
    void stop() {
        stopAll();
    }

    @Test
    void fetchSocketsSeesEverySocketOfTheClusterWithItsRoomsDataAndHandshake() {
        b.socket(onB.id()).join("room1");
        b.socket(onB.id()).data().put("user", "bob");

        List<RemoteSocket> sockets = a.io().fetchSockets().join();

        assertEquals(Set.of(onA.id(), onB.id(), onC.id()), ids(sockets));
        RemoteSocket bob = sockets.stream().filter(s -> s.id().equals(onB.id())).findFirst().orElseThrow();
        assertEquals(Set.of(onB.id(), "room1"), bob.rooms());
        assertEquals(Map.of("user", "bob"), bob.data());
        assertEquals("127.0.0.1", bob.handshake().address());
        assertTrue(bob.handshake().issued() > 0);
    }

    @Test
    void fetchSocketsOfRoomsAndExceptionsTargetsLikeABroadcast() {
        b.socket(onB.id()).join("room1");
        c.socket(onC.id()).join("room1", "muted");

        assertEquals(Set.of(onB.id(), onC.id()), ids(a.io().in("room1").fetchSockets().join()));
        assertEquals(Set.of(onB.id()), ids(a.io().in("room1").except("muted").fetchSockets().join()));
        assertEquals(Set.of(onA.id()), ids(a.io().local().fetchSockets().join()));
        assertEquals(Set.of(), ids(c.io().in("nobody's room").fetchSockets().join()));
    }

    @Test
    void aRemoteSocketEmitsJoinsLeavesAndDisconnectsTheRealSocketOnItsServer() {
        RemoteSocket bob = a.io().in(onB.id()).fetchSockets().join().get(0);

        bob.emit("hello bob", 1);
        assertEquals(List.of(List.of(1)), onB.expect("hello bob", 1));
        onA.expectNone("hello bob");

        bob.join("team");
        eventually(() -> b.socket(onB.id()).rooms().contains("team"), "bob joined team on his server");
        a.io().to("team").emit("team news");
        onB.expect("team news", 1);

        bob.leave("team");
        eventually(() -> !b.socket(onB.id()).rooms().contains("team"), "bob left team");

        bob.disconnect(true);
        onB.awaitDisconnect();
        assertTrue(onA.isConnected() && onC.isConnected());
    }

    @Test
    void socketsJoinAndLeaveActOnTheTargetedSocketsOfEveryServer() {
        b.socket(onB.id()).join("red");
        c.socket(onC.id()).join("red");

        a.io().in("red").socketsJoin("blue");
        eventually(() -> b.socket(onB.id()).rooms().contains("blue") && c.socket(onC.id()).rooms().contains("blue"), "blue joined");
        assertFalse(a.socket(onA.id()).rooms().contains("blue"));

        a.io().socketsJoin("everyone");
        eventually(() -> List.of(a.socket(onA.id()), b.socket(onB.id()), c.socket(onC.id())).stream()
                .allMatch(s -> s.rooms().contains("everyone")), "everyone joined");
        c.io().to("everyone").emit("all");
        for (ClusterClient client : List.of(onA, onB, onC)) {
            client.expect("all", 1);
        }

        b.io().in("red").socketsLeave("everyone");
        eventually(() -> !b.socket(onB.id()).rooms().contains("everyone") && !c.socket(onC.id()).rooms().contains("everyone"),
                "red left everyone");
        assertTrue(a.socket(onA.id()).rooms().contains("everyone"));
    }

    @Test
    void socketsJoinAppliesOnItsOwnServerAtOnce() {
        a.io().socketsJoin("now");

        assertTrue(a.socket(onA.id()).rooms().contains("now"), "no round trip through Redis for the local sockets");
    }

    @Test
    void disconnectSocketsDisconnectsTheTargetedSocketsOfEveryServer() {
        b.socket(onB.id()).join("leaving");
        c.socket(onC.id()).join("leaving");

        a.io().in("leaving").disconnectSockets(true);

        onB.awaitDisconnect();
        onC.awaitDisconnect();
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertTrue(onA.isConnected());
        assertEquals(Set.of(onA.id()), ids(c.io().fetchSockets().join()));
    }

    @Test
    void aLocalDisconnectSocketsLeavesTheOtherServersAlone() {
        b.io().local().disconnectSockets(true);

        onB.awaitDisconnect();
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertTrue(onA.isConnected() && onC.isConnected());
    }

    @Test
    void fetchSocketsOfAnotherNamespaceSeesOnlyItsSockets() {
        for (Node node : List.of(a, b, c)) {
            node.io().of("/admin");
        }
        cluster.awaitServers("/admin", 3);
        ClusterClient admin = cluster.connect(c, "/admin");

        assertEquals(Set.of(admin.id()), ids(a.io().of("/admin").fetchSockets().join()));
    }

    private static Set<String> ids(List<RemoteSocket> sockets) {
        return sockets.stream().map(RemoteSocket::id).collect(Collectors.toSet());
    }
}
