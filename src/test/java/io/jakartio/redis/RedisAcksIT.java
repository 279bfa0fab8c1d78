package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.AckCallback;
import io.jakartio.server.AckTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What waits for answers from across the cluster: broadcasts with acknowledgements (each
 * server's count of recipients, then each recipient's answer), server-side events with and
 * without answers, and the count of servers.
 */
class RedisAcksIT extends ThreeNodeCluster {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    @Override
    RedisCluster newCluster() {
        return new RedisCluster(RedisCluster.SHARED_REDIS, Duration.ofSeconds(1));
    }

    @BeforeEach
    void startThreeNodesWithAClientEach() {
        startThree();
    }

    @AfterEach
    void stop() {
        stopAll();
    }

    @Test
    void aBroadcastWithAckCollectsTheAnswerOfEveryClientOfEveryServerBeforeTheTimeout() {
        for (ClusterClient client : List.of(onA, onB, onC)) {
            client.answer("vote", args -> client.id());
        }

        // completing at all means before the timeout: at the timeout it fails with AckTimeoutException
        List<Object> answers = a.io().timeout(ACK_TIMEOUT).emitWithAck("vote", "yes?").join();

        assertEquals(Set.of(onA.id(), onB.id(), onC.id()), new HashSet<>(answers));
        assertEquals(3, answers.size(), "each client answered once");
    }

    @Test
    void aClientThatDoesNotAnswerMakesItTimeOutWithTheOtherAnswers() {
        onA.answer("vote", args -> "a");
        onC.answer("vote", args -> "c");

        CompletionException failure = assertThrows(CompletionException.class,
                () -> b.io().timeout(Duration.ofMillis(800)).emitWithAck("vote").join());

        assertInstanceOf(AckTimeoutException.class, failure.getCause());
        List<Object> calls = new CopyOnWriteArrayList<>();
        b.io().timeout(Duration.ofMillis(800)).emit("vote", (AckCallback) (error, args) -> {
            calls.add(error);
            calls.add(args[0]);
        });
        eventually(() -> calls.size() == 2);
        assertInstanceOf(AckTimeoutException.class, calls.get(0));
        assertEquals(Set.of("a", "c"), new HashSet<>((List<?>) calls.get(1)));
    }

    @Test
    void aRoomBroadcastWithAckWaitsForTheRoomsMembersOnly() {
        onB.answer("vote", args -> "b");
        onC.answer("vote", args -> "c");
        a.io().in(onC.id()).socketsJoin("jury");
        eventually(() -> c.io().sockets().sockets().get(onC.id()).rooms().contains("jury"));

        assertEquals(List.of("c"), a.io().to("jury").timeout(ACK_TIMEOUT).emitWithAck("vote").join());
    }

    @Test
    void aLocalBroadcastWithAckWaitsForItsOwnServerOnly() {
        onB.answer("vote", args -> "b");

        // waiting for the other two servers' counts would end in an AckTimeoutException
        assertEquals(List.of("b"), b.io().local().timeout(ACK_TIMEOUT).emitWithAck("vote").join());

        onA.expectNone("vote");
    }

    @Test
    void serverSideEmitReachesTheListenersOfEveryOtherServerOnce() {
        Map<Node, List<Object>> heard = Map.of(a, new CopyOnWriteArrayList<>(), b, new CopyOnWriteArrayList<>(),
                c, new CopyOnWriteArrayList<>());
        heard.forEach((node, list) -> node.io().onServerSideEmit("relay", args -> list.add(Arrays.asList(args))));

        a.io().serverSideEmit("relay", Map.of("msg", "hi"), 2);

        eventually(() -> heard.get(b).size() == 1 && heard.get(c).size() == 1);
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertEquals(List.of(List.of(Map.of("msg", "hi"), 2)), heard.get(b));
        assertEquals(List.of(List.of(Map.of("msg", "hi"), 2)), heard.get(c));
        assertEquals(List.of(), heard.get(a), "not to itself");
    }

    @Test
    void serverSideEmitWithAckGetsOneAnswerPerOtherServer() {
        b.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong from b"));
        c.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call(Map.of("from", "c")));
        a.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("never: it is the sender"));

        List<Object> answers = a.io().serverSideEmitWithAck("ping-node").join(); // an AckTimeoutException if one was missing

        assertEquals(2, answers.size());
        assertTrue(answers.containsAll(List.of("pong from b", Map.of("from", "c"))), answers::toString);
    }

    @Test
    void aServerThatDoesNotAnswerMakesServerSideEmitWithAckTimeOutWithTheOtherAnswers() {
        b.io().onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong"));
        c.io().onServerSideEmit("ping-node", args -> { }); // keeps its ack
        List<Object> calls = new ArrayList<>();
        CompletableFuture<Void> called = new CompletableFuture<>();

        a.io().serverSideEmit("ping-node", (AckCallback) (error, args) -> {
            calls.add(error);
            calls.add(args[0]);
            called.complete(null);
        });

        called.orTimeout(3, TimeUnit.SECONDS).join();
        AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, calls.get(0));
        assertEquals(List.of("pong"), timeout.responses());
        assertEquals(List.of("pong"), calls.get(1));
    }

    @Test
    void serverSideEventsStayInTheirNamespace() {
        List<Object> main = new CopyOnWriteArrayList<>();
        List<Object> admin = new CopyOnWriteArrayList<>();
        b.io().onServerSideEmit("relay", args -> main.add(args[0]));
        b.io().of("/admin").onServerSideEmit("relay", args -> admin.add(args[0]));
        a.io().of("/admin");
        cluster.awaitServers("/admin", 2);

        a.io().of("/admin").serverSideEmit("relay", "for admins");

        eventually(() -> admin.size() == 1);
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertEquals(List.of(), main);
    }

    @Test
    void serverCountIsTheNumberOfServersOfTheNamespace() {
        assertEquals(3, a.io().sockets().adapter().serverCount().join());

        c.close();

        eventually(() -> a.io().sockets().adapter().serverCount().join() == 2);
    }

}
