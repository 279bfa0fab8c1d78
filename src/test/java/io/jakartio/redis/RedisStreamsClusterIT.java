package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.ClusterMessage;
import io.jakartio.parser.MessagePack;
import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.AckTimeoutException;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.RemoteSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three Jakartio servers on the Redis Streams adapter (connection state recovery on, so every
 * broadcast goes through the stream and carries its stream id): every operation across servers,
 * exactly once, and servers that die mid-request. The nodes start once for the class; each test
 * uses rooms and events of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStreamsClusterIT extends ThreeNodeCluster {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    @Override
    RedisCluster newCluster() {
        return RedisCluster.onStreams();
    }

    @Override
    Node startNode() {
        return cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
    }

    @Override
    ClusterClient connect(Node node, String name) {
        return cluster.connect(node).answer("vote", args -> name);
    }

    @BeforeAll
    void startThreeNodesWithAClientEach() {
        startThree();
    }

    @AfterAll
    void stop() {
        stopAll();
    }

    @Test
    void aBroadcastReachesEveryClientOfEveryServerOnceWithTheSameStreamIdAsOffset() {
        a.io().emit("news", "from a", 1);

        List<Object> atA = onA.expect("news", 1).get(0);
        List<Object> atB = onB.expect("news", 1).get(0);
        List<Object> atC = onC.expect("news", 1).get(0);
        assertEquals(List.of("from a", 1), atB.subList(0, 2));
        String offset = (String) atA.get(2);
        assertTrue(offset.matches("[0-9]+-[0-9]+"), offset);
        assertEquals(offset, atB.get(2), "one offset on every server: the stream id");
        assertEquals(offset, atC.get(2));
    }

    @Test
    void roomsExceptionsBroadcastFromASocketAndLocalReachTheirTargetsOnly() {
        b.socket(onB.id()).join("v-room");
        c.socket(onC.id()).join("v-room", "v-quiet");

        a.io().to("v-room").except("v-quiet").emit("v-in-room");
        b.socket(onB.id()).broadcast().emit("v-from-b");
        a.io().to(onC.id()).emit("v-dm", "for c");
        b.io().local().emit("v-local");

        onB.expect("v-in-room", 1);
        onA.expectNone("v-in-room");
        onC.expectNone("v-in-room");
        onA.expect("v-from-b", 1);
        onC.expect("v-from-b", 1);
        onB.expectNone("v-from-b");
        assertEquals("for c", onC.expect("v-dm", 1).get(0).get(0));
        onB.expect("v-local", 1);
        onA.expectNone("v-local");
        onC.expectNone("v-local");
    }

    @Test
    void binaryPayloadsCrossAsNodeEncodesThem() throws Exception {
        c.io().emit("v-bin", Map.of("n", 1.5), new byte[] {1, 2, 3});

        List<Object> atA = onA.expect("v-bin", 1).get(0);
        assertEquals(1.5, ((org.json.JSONObject) atA.get(0)).getDouble("n"));
        assertEquals("[1, 2, 3]", Arrays.toString((byte[]) atA.get(1)));
    }

    @Test
    void fetchSocketsSeesTheClusterAndItsRemoteSocketsAct() {
        b.socket(onB.id()).data().put("user", "bob");
        b.socket(onB.id()).join("f-room");

        List<RemoteSocket> all = a.io().fetchSockets().join();
        assertTrue(ids(all).containsAll(Set.of(onA.id(), onB.id(), onC.id())), ids(all).toString());
        RemoteSocket bob = a.io().in("f-room").fetchSockets().join().get(0);
        assertEquals(onB.id(), bob.id());
        assertEquals("bob", bob.data().get("user"));
        assertTrue(bob.rooms().contains("f-room"));

        bob.emit("f-hello", 1);
        bob.join("f-joined");
        bob.leave("f-room");
        assertEquals(1, onB.expect("f-hello", 1).get(0).get(0));
        eventually(() -> b.socket(onB.id()).rooms().contains("f-joined") && !b.socket(onB.id()).rooms().contains("f-room"));
        assertEquals(Set.of(onB.id()), ids(c.io().in("f-joined").fetchSockets().join()));
    }

    @Test
    void socketsJoinLeaveAndDisconnectSocketsActOnEveryServer() {
        ClusterClient doomed = cluster.connect(c);
        a.io().socketsJoin("j-all");
        eventually(() -> b.socket(onB.id()).rooms().contains("j-all") && c.socket(onC.id()).rooms().contains("j-all"));
        b.io().in(onC.id()).socketsLeave("j-all");
        eventually(() -> !c.socket(onC.id()).rooms().contains("j-all"));
        assertTrue(a.socket(onA.id()).rooms().contains("j-all"));

        a.io().in(doomed.id()).disconnectSockets(true);

        doomed.awaitDisconnect();
        assertTrue(onC.isConnected());
    }

    @Test
    void broadcastAcknowledgementsComeFromEveryClientOfEveryServer() {
        List<Object> answers = a.io().timeout(ACK_TIMEOUT).emitWithAck("vote").join();

        assertEquals(List.of("a", "b", "c"), answers.stream().map(String::valueOf).sorted().toList());
    }

    @Test
    void serverSideEventsReachTheOtherServersAndTheirAnswersComeBack() {
        List<Object> relayed = new CopyOnWriteArrayList<>();
        b.io().onServerSideEmit("s-relay", args -> relayed.add("b:" + args[0]));
        c.io().onServerSideEmit("s-relay", args -> relayed.add("c:" + args[0]));
        a.io().onServerSideEmit("s-relay", args -> relayed.add("a: never, the sender"));
        b.io().onServerSideEmit("s-ping", args -> ((Ack) args[args.length - 1]).call("pong from b"));
        c.io().onServerSideEmit("s-ping", args -> ((Ack) args[args.length - 1]).call("pong from c"));

        a.io().serverSideEmit("s-relay", "hi");
        List<Object> answers = a.io().serverSideEmitWithAck("s-ping").join();

        eventually(() -> relayed.size() == 2);
        assertEquals(Set.of("b:hi", "c:hi"), Set.copyOf(relayed));
        assertEquals(Set.of("pong from b", "pong from c"), Set.copyOf(answers));
        assertEquals(3, a.io().sockets().adapter().serverCount().join());
    }

    @Test
    void aServerThatGoesSilentMidRequestIsNoLongerWaitedFor() {
        // A server that said it was alive, is counted (it subscribes the namespace's channel), then dies without a word.
        ClusterMessageCodec codec = new ClusterMessageCodec(new MessagePack(null), null);
        String channel = cluster.key() + "#/#";
        try (RedisProbe dead = new RedisProbe(cluster.uri())) {
            dead.subscribe(channel);
            dead.publish(channel, codec.published("deadbeefdeadbeef", "/", new ClusterMessage.InitialHeartbeat()));
            eventually(() -> a.io().sockets().adapter().serverCount().join() == 4);

            long start = System.nanoTime();
            CompletableFuture<List<RemoteSocket>> fetch = a.io().timeout(Duration.ofSeconds(8)).fetchSockets();
            List<RemoteSocket> sockets = fetch.join(); // the heartbeat timeout (1.5 s) ends the wait, not the 8 s

            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 6_000, millis + " ms");
            assertTrue(ids(sockets).containsAll(Set.of(onA.id(), onB.id(), onC.id())));
        }
    }

    @Test
    void aServerThatHangsFailsTheRequestAtTheTimeoutWithTheAnswersThatCame() {
        try (RedisProbe hung = new RedisProbe(cluster.uri())) {
            b.io().onServerSideEmit("h-ping", args -> ((Ack) args[args.length - 1]).call("b"));
            c.io().onServerSideEmit("h-ping", args -> ((Ack) args[args.length - 1]).call("c"));
            hung.subscribe(cluster.key() + "#/#"); // counted, never answers, never heard of
            eventually(() -> a.io().sockets().adapter().serverCount().join() == 4);

            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> a.io().serverSideEmitWithAck("h-ping").join());

            AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, e.getCause());
            assertTrue(timeout.getMessage().contains("only 2 responses received out of 3"), timeout.getMessage());
            assertEquals(Set.of("b", "c"), Set.copyOf(timeout.responses()));
        }
    }

    @Test
    void aServerClosedMidRequestIsNoLongerWaitedFor() {
        Node d = startNode();
        cluster.awaitServers("/", 4);
        RedisCluster.sleep(700); // a heartbeat: a knows d
        d.io().onServerSideEmit("k-ping", args -> { }); // keeps its acknowledgement: a request in progress
        b.io().onServerSideEmit("k-ping", args -> ((Ack) args[args.length - 1]).call("b"));
        c.io().onServerSideEmit("k-ping", args -> ((Ack) args[args.length - 1]).call("c"));

        CompletableFuture<List<Object>> answers = a.io().serverSideEmitWithAck("k-ping");
        RedisCluster.sleep(300);
        d.close();

        assertEquals(Set.of("b", "c"), Set.copyOf(answers.join()), "before the 2 s timeout, without d");
    }

    private static Set<String> ids(List<RemoteSocket> sockets) {
        return sockets.stream().map(RemoteSocket::id).collect(Collectors.toSet());
    }
}
