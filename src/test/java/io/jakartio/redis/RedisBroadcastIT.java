package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.redis.RedisCluster.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every emit variant across three Jakartio servers on one Redis, with the official Java client
 * on each: every recipient gets each event exactly once, wherever the emit was made and wherever
 * the recipient is connected, and nobody else gets it.
 */
class RedisBroadcastIT extends ThreeNodeCluster {

    @BeforeEach
    void startThreeNodesWithAClientEach() {
        startThree();
    }

    @AfterEach
    void stop() {
        stopAll();
    }

    @Test
    void ioEmitReachesTheClientsOfEveryServerOnce() {
        a.io().emit("news", "from a", 1);

        for (ClusterClient client : List.of(onA, onB, onC)) {
            assertEquals(List.of(List.of("from a", 1)), client.expect("news", 1));
        }
    }

    @Test
    void aRoomBroadcastReachesItsMembersOnEveryServerAndNoOneElse() {
        b.socket(onB.id()).join("room1");
        c.socket(onC.id()).join("room1");

        a.io().to("room1").emit("in room", "hi");

        onB.expect("in room", 1);
        onC.expect("in room", 1);
        onA.expectNone("in room");
    }

    @Test
    void aSocketInSeveralTargetedRoomsGetsTheEventOnce() {
        b.socket(onB.id()).join("room1", "room2");
        c.socket(onC.id()).join("room2");

        a.io().to("room1").to("room2").emit("union");

        onB.expect("union", 1);
        onC.expect("union", 1);
        onA.expectNone("union");
    }

    @Test
    void exceptLeavesOutTheMembersOfItsRoomsOnEveryServer() {
        b.socket(onB.id()).join("quiet");

        c.io().except("quiet").emit("loud");

        onA.expect("loud", 1);
        onC.expect("loud", 1);
        onB.expectNone("loud");
    }

    @Test
    void socketBroadcastReachesEveryoneButTheSender() {
        a.socket(onA.id()).broadcast().emit("hi from a");

        onB.expect("hi from a", 1);
        onC.expect("hi from a", 1);
        onA.expectNone("hi from a");
    }

    @Test
    void socketToRoomLeavesOutTheSenderEvenWhenItIsAMember() {
        a.socket(onA.id()).join("room1");
        b.socket(onB.id()).join("room1");

        a.socket(onA.id()).to("room1").emit("to others");

        onB.expect("to others", 1);
        onA.expectNone("to others");
        onC.expectNone("to others");
    }

    @Test
    void aPrivateMessageByIdReachesTheSocketOnItsServer() {
        a.io().to(onC.id()).emit("dm", "for c");

        assertEquals(List.of(List.of("for c")), onC.expect("dm", 1));
        onA.expectNone("dm");
        onB.expectNone("dm");
    }

    @Test
    void aMessageToASocketOfTheSameServerIsNotPublishedAndOneToAnotherServersIs() {
        RedisProbe probe = cluster.probe().psubscribe(new RedisChannels(cluster.key(), "/").pattern());

        a.io().to(onA.id()).emit("dm", "here");
        onA.expect("dm", 1);
        a.io().to(onB.id()).emit("dm", "there");
        onB.expect("dm", 1);

        RedisProbe.Message published = probe.next(Duration.ofSeconds(2));
        assertEquals(new RedisChannels(cluster.key(), "/").room(onB.id()), published.channel(), "only the one for b");
        assertEquals(null, probe.next(Duration.ofMillis(200)));
    }

    @Test
    void aLocalBroadcastStaysOnItsServer() {
        b.io().local().emit("local news");

        onB.expect("local news", 1);
        onA.expectNone("local news");
        onC.expectNone("local news");
    }

    @Test
    void volatileAndUncompressedBroadcastsStillReachEveryIdleClientOnce() {
        a.io().asVolatile().emit("volatile");
        a.io().compress(false).emit("uncompressed");

        for (ClusterClient client : List.of(onA, onB, onC)) {
            client.expect("volatile", 1);
            client.expect("uncompressed", 1);
        }
    }

    @Test
    void objectsAndBinaryCrossServersIntact() throws Exception {
        a.io().emit("payload", Map.of("n", 1.5, "list", List.of(true, "x")), new byte[] {1, 2, 3});

        List<Object> args = onB.expect("payload", 1).get(0);
        JSONObject object = (JSONObject) args.get(0);
        assertEquals(1.5, object.getDouble("n"));
        assertEquals("[true,\"x\"]", object.getJSONArray("list").toString());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) args.get(1));
        onC.expect("payload", 1);
    }

    @Test
    void aNamespaceHearsOnlyItsOwnBroadcasts() {
        for (Node node : List.of(a, b, c)) {
            node.io().of("/chat");
        }
        cluster.awaitServers("/chat", 3);
        ClusterClient chatOnB = cluster.connect(b, "/chat");
        ClusterClient chatOnC = cluster.connect(c, "/chat");

        a.io().of("/chat").emit("chat news");

        chatOnB.expect("chat news", 1);
        chatOnC.expect("chat news", 1);
        onB.expectNone("chat news");
    }

    @Test
    void broadcastsInARowArriveInOrderOnEveryServer() {
        for (int i = 0; i < 50; i++) {
            a.io().emit("seq", i);
        }

        for (ClusterClient client : List.of(onB, onC)) {
            List<List<Object>> seq = client.expect("seq", 50);
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of(i), seq.get(i));
            }
        }
    }
}
