package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broadcasts that collect every recipient's acknowledgement, within a timeout. */
class BroadcastAckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    /** What an {@link AckCallback} was called with. */
    private final List<Object> calls = new CopyOnWriteArrayList<>();

    private final AckCallback recorder = (error, args) -> {
        calls.add(error);
        calls.add(args.length == 1 ? args[0] : Arrays.asList(args));
    };

    @Test
    void theCallbackGetsEveryAnswerOnceAllArrived() {
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();

        harness.server().timeout(TIMEOUT).emit("vote", "yes or no?", recorder);

        alice.expect("20[\"vote\",\"yes or no?\"]");
        bob.expect("20[\"vote\",\"yes or no?\"]");
        alice.send("30[\"yes\"]");
        assertTrue(calls.isEmpty(), "waits for bob");
        bob.send("30[\"no\",\"only the first argument counts\"]");

        assertEquals(Arrays.asList(null, List.of("yes", "no")), calls);
        harness.clock.advance(TIMEOUT);
        assertEquals(2, calls.size(), "the timer was cancelled");
    }

    @Test
    void missingAnswersAtTheTimeoutFailWithThePartialList() {
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();

        harness.server().timeout(TIMEOUT).emit("vote", recorder);
        alice.expect("20[\"vote\"]");
        bob.expect("20[\"vote\"]");
        alice.send("30[\"yes\"]");
        harness.clock.advance(TIMEOUT.minusMillis(1));
        assertTrue(calls.isEmpty());
        harness.clock.advance(Duration.ofMillis(1));

        assertInstanceOf(AckTimeoutException.class, calls.get(0));
        assertEquals(List.of("yes"), calls.get(1));
        bob.send("30[\"late\"]");
        assertEquals(2, calls.size(), "a late answer is ignored");
    }

    @Test
    void noRecipientCompletesAtOnceWithAnEmptyList() {
        harness.connect();

        harness.server().to("empty room").timeout(TIMEOUT).emit("vote", recorder);

        assertEquals(Arrays.asList(null, List.of()), calls);
        harness.clock.advance(TIMEOUT);
        assertEquals(2, calls.size());
    }

    @Test
    void aBroadcastAckWithoutTimeoutIsRefused() {
        FakeClient client = harness.connect();

        assertThrows(IllegalStateException.class, () -> harness.server().emit("vote", recorder));
        assertThrows(IllegalStateException.class, () -> harness.server().emitWithAck("vote"));
        assertThrows(IllegalStateException.class, () -> harness.server().to("room").emitWithAck("vote"));
        client.assertNoMoreFrames();
    }

    @Test
    void aBroadcastThatCannotBeEncodedCallsNoCallbackLater() {
        FakeClient client = harness.connect();

        assertThrows(IllegalArgumentException.class,
                () -> harness.server().timeout(TIMEOUT).emit("vote", new Object(), recorder));
        harness.clock.advance(TIMEOUT);

        assertTrue(calls.isEmpty(), "the emit failed at once; no timeout may follow: " + calls);
        client.assertNoMoreFrames();
    }

    @Test
    void emitWithAckCompletesWithTheAnswers() throws Exception {
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();

        CompletableFuture<List<Object>> answers = harness.server().timeout(TIMEOUT).emitWithAck("count", 1);
        alice.expect("20[\"count\",1]");
        bob.expect("20[\"count\",1]");
        bob.send("30[2]");
        alice.send("30[]");

        assertEquals(Arrays.asList(2, null), answers.get());
    }

    @Test
    void emitWithAckFailsWithAckTimeoutExceptionWhenAnswersAreMissing() {
        FakeClient client = harness.connect();

        CompletableFuture<List<Object>> answers = harness.server().timeout(TIMEOUT).emitWithAck("count");
        client.expect("20[\"count\"]");
        harness.clock.advance(TIMEOUT);

        ExecutionException failure = assertThrows(ExecutionException.class, answers::get);
        assertInstanceOf(AckTimeoutException.class, failure.getCause());
    }

    @Test
    void aRecipientThatDisconnectsBeforeAnsweringIsMissingAtTheTimeout() {
        FakeClient alice = harness.connect();
        FakeClient bob = harness.connect();

        harness.server().timeout(TIMEOUT).emit("vote", recorder);
        alice.expect("20[\"vote\"]");
        bob.expect("20[\"vote\"]");
        alice.send("30[\"yes\"]");
        bob.closeTransport();
        assertTrue(calls.isEmpty());
        harness.clock.advance(TIMEOUT);

        assertInstanceOf(AckTimeoutException.class, calls.get(0));
        assertEquals(List.of("yes"), calls.get(1));
    }

    @Test
    void socketBroadcastAcksSkipTheSender() {
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        harness.server().on("connection", sockets::add);
        FakeClient sender = harness.connect();
        FakeClient other = harness.connect();

        sockets.get(0).broadcast().timeout(TIMEOUT).emit("vote", recorder);
        other.expect("20[\"vote\"]");
        other.send("30[\"ok\"]");

        assertEquals(Arrays.asList(null, List.of("ok")), calls);
        sender.assertNoMoreFrames();
    }

    @Test
    void aVolatileBroadcastAckCountsOnlyTheClientsItReached() {
        FakeClient idle = harness.connect();
        FakeClient busy = harness.connect();
        busy.holdSends();
        harness.server().emit("occupy");

        harness.server().asVolatile().timeout(TIMEOUT).emit("vote", recorder);
        idle.expect("2[\"occupy\"]", "20[\"vote\"]");
        idle.send("30[\"yes\"]");

        assertEquals(Arrays.asList(null, List.of("yes")), calls);
        busy.releaseSends();
        busy.expect("2[\"occupy\"]");
    }

    @Test
    void clientAnswersArriveThroughTheirOwnSockets() {
        harness.server().of("/admin");
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        harness.server().of("/admin").timeout(TIMEOUT).emit("vote", recorder);
        client.expect("2/admin,0[\"vote\"]");
        client.send("30[\"wrong namespace\"]");
        assertTrue(calls.isEmpty(), "an ACK of another namespace does not count");
        client.send("3/admin,0[\"right\"]");

        assertNull(calls.get(0));
        assertEquals(List.of("right"), calls.get(1));
    }
}
