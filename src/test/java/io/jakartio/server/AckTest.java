package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Acknowledgements between one socket and its client, both ways. */
class AckTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private Socket connect(FakeClient client) {
        harness.server().on("connection", sockets::add);
        client.connect();
        return sockets.get(sockets.size() - 1);
    }

    // ---- the client asks, the server answers ----

    @Test
    void theLastArgumentIsAnAckWhenTheClientAsksForOne() {
        List<Object[]> calls = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket.on("question", calls::add));
        FakeClient client = harness.connect();

        client.send("2[\"question\",\"x\"]");
        client.send("27[\"question\",\"y\"]");

        assertArrayEquals(new Object[] {"x"}, calls.get(0));
        assertEquals(2, calls.get(1).length);
        assertEquals("y", calls.get(1)[0]);
        assertInstanceOf(Ack.class, calls.get(1)[1]);
    }

    @Test
    void callingTheAckSendsAnAckPacketOnce() {
        harness.server().on("connection", socket -> socket.on("question", args -> {
            Ack ack = (Ack) args[args.length - 1];
            ack.call("answer", 2);
            ack.call("again");
        }));
        FakeClient client = harness.connect();

        client.send("213[\"question\"]");

        client.expect("313[\"answer\",2]");
    }

    @Test
    void acksInANamespaceCarryTheNamespaceAndMayHoldBinary() {
        harness.server().of("/files").on("connection", socket -> socket.on("get", args ->
                ((Ack) args[args.length - 1]).call(new byte[] {4, 2})));
        FakeClient client = harness.open();
        client.connect("/files");

        client.send("2/files,5[\"get\"]");

        FakeClient.Received ack = client.expect("61-/files,5[{\"_placeholder\":true,\"num\":0}]");
        assertArrayEquals(new byte[] {4, 2}, (byte[]) ack.args().get(0));
    }

    @Test
    void anAckWithoutArgumentsIsAnEmptyList() {
        harness.server().on("connection", socket -> socket.on("q", args -> ((Ack) args[0]).call()));
        FakeClient client = harness.connect();

        client.send("20[\"q\"]");

        client.expect("30[]");
    }

    // ---- the server asks, the client answers ----

    @Test
    void anAckArgumentReceivesTheClientsAnswer() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object[]> answers = new CopyOnWriteArrayList<>();

        socket.emit("question", "name?", (Ack) answers::add);
        socket.emit("question", "age?", (Ack) answers::add);

        client.expect("20[\"question\",\"name?\"]", "21[\"question\",\"age?\"]");
        client.send("31[42]");
        client.send("30[\"ada\",\"lovelace\"]");
        assertEquals(List.of(List.of(42), List.of("ada", "lovelace")), answers.stream().map(Arrays::asList).toList());
    }

    @Test
    void unknownAndRepeatedAcksAreIgnored() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object[]> answers = new CopyOnWriteArrayList<>();
        socket.emit("question", (Ack) answers::add);
        client.expect("20[\"question\"]");

        client.send("30[\"first\"]");
        client.send("30[\"second\"]");
        client.send("399[\"unknown\"]");

        assertEquals(1, answers.size());
        assertTrue(socket.connected());
    }

    @Test
    void aBinaryAckFromTheClientArrivesWithItsBytes() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object[]> answers = new CopyOnWriteArrayList<>();
        socket.emit("send-file", (Ack) answers::add);
        client.expect("20[\"send-file\"]");

        client.send("61-0[{\"_placeholder\":true,\"num\":0}]");
        client.sendBinary(new byte[] {7});

        assertArrayEquals(new byte[] {7}, (byte[]) answers.get(0)[0]);
    }

    @Test
    void anAckCallbackGetsTheAnswerBeforeTheTimeout() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object> calls = new CopyOnWriteArrayList<>();

        socket.timeout(Duration.ofSeconds(2)).emit("question", (AckCallback) (error, args) -> {
            calls.add(error);
            calls.add(Arrays.asList(args));
        });
        client.expect("20[\"question\"]");
        harness.clock.advance(Duration.ofMillis(1_999));
        client.send("30[\"yes\"]");
        harness.clock.advance(Duration.ofSeconds(10));

        assertEquals(Arrays.asList(null, List.of("yes")), calls);
    }

    @Test
    void anAckCallbackTimesOutAndALateAnswerIsIgnored() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object> calls = new CopyOnWriteArrayList<>();

        socket.timeout(Duration.ofSeconds(2)).emit("question", (AckCallback) (error, args) -> {
            calls.add(error);
            calls.add(args.length);
        });
        client.expect("20[\"question\"]");
        harness.clock.advance(Duration.ofMillis(1_999));
        assertTrue(calls.isEmpty());
        harness.clock.advance(Duration.ofMillis(1));

        assertEquals(2, calls.size());
        assertEquals("operation has timed out", assertInstanceOf(AckTimeoutException.class, calls.get(0)).getMessage());
        assertEquals(0, calls.get(1));
        client.send("30[\"too late\"]");
        assertEquals(2, calls.size());
        assertTrue(socket.connected());
    }

    @Test
    void emitWithAckCompletesWithTheFirstArgument() throws Exception {
        FakeClient client = harness.open();
        Socket socket = connect(client);

        CompletableFuture<Object> answer = socket.emitWithAck("question", 1);
        CompletableFuture<Object> nothing = socket.emitWithAck("question", 2);
        client.expect("20[\"question\",1]", "21[\"question\",2]");
        client.send("30[\"a\",\"ignored\"]");
        client.send("31[]");

        assertEquals("a", answer.get());
        assertNull(nothing.get());
    }

    @Test
    void emitWithAckAndATimeoutFailsWithAckTimeoutException() {
        FakeClient client = harness.open();
        Socket socket = connect(client);

        CompletableFuture<Object> answer = socket.timeout(Duration.ofSeconds(1)).emitWithAck("question");
        client.expect("20[\"question\"]");
        harness.clock.advance(Duration.ofSeconds(1));

        ExecutionException failure = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(AckTimeoutException.class, failure.getCause());
    }

    @Test
    void pendingAcksFailWithIllegalStateExceptionWhenTheSocketDisconnects() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object> errors = new CopyOnWriteArrayList<>();
        List<Object> plainAcks = new CopyOnWriteArrayList<>();

        CompletableFuture<Object> future = socket.emitWithAck("q1");
        CompletableFuture<Object> withTimeout = socket.timeout(Duration.ofSeconds(30)).emitWithAck("q2");
        socket.emit("q3", (AckCallback) (error, args) -> errors.add(error));
        socket.emit("q4", (Ack) plainAcks::add);
        client.expect("20[\"q1\"]", "21[\"q2\"]", "22[\"q3\"]", "23[\"q4\"]");
        client.closeTransport();

        ExecutionException failure = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        failure = assertThrows(ExecutionException.class, withTimeout::get);
        assertInstanceOf(IllegalStateException.class, failure.getCause(), "failed at once, not at the timeout");
        assertInstanceOf(IllegalStateException.class, errors.get(0));
        assertTrue(plainAcks.isEmpty(), "a plain Ack has no error channel");
        assertEquals(0, harness.clock.pendingTasks(), "the ack timer was cancelled");
    }

    @Test
    void anEmitThatCannotBeEncodedLeavesNoAcknowledgementPending() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        List<Object> calls = new CopyOnWriteArrayList<>();
        Object notJson = new Object();

        assertThrows(IllegalArgumentException.class, () -> socket.timeout(Duration.ofSeconds(1))
                .emit("question", notJson, (AckCallback) (error, args) -> calls.add(error)));
        harness.clock.advance(Duration.ofSeconds(1));

        assertTrue(calls.isEmpty(), "the emit failed at once; no timeout may follow: " + calls);
        client.assertNoMoreFrames();
    }

    @Test
    void aTimeoutNeedsAnAckCallback() {
        FakeClient client = harness.open();
        Socket socket = connect(client);
        SocketEmitter emitter = socket.timeout(Duration.ofSeconds(1));

        assertThrows(IllegalArgumentException.class, () -> emitter.emit("q"));
        assertThrows(IllegalArgumentException.class, () -> emitter.emit("q", (Ack) args -> { }));
        client.assertNoMoreFrames();
    }

    @Test
    void ackIdsCountPerNamespace() {
        harness.server().of("/admin");
        FakeClient client = harness.open();
        Socket main = connect(client);
        harness.server().of("/admin").on("connection", sockets::add);
        client.connect("/admin");
        Socket admin = sockets.get(sockets.size() - 1);

        main.emit("a", (Ack) args -> { });
        admin.emit("b", (Ack) args -> { });
        main.emit("c", (Ack) args -> { });

        client.expect("20[\"a\"]", "2/admin,0[\"b\"]", "21[\"c\"]");
        assertFalse(client.isClosed());
    }
}
