package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboundQueueTest {

    /** The overflow warnings are expected here; kept strongly reachable so the level sticks. */
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger("io.jakartio.engine.EngineSocket");

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        QUIET.setLevel(java.util.logging.Level.OFF);
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        QUIET.setLevel(null);
    }

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder()
            .maxBufferedPackets(3)
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(200))
            .build());

    private static List<EnginePacket> messages(String... texts) {
        return java.util.Arrays.stream(texts).map(EnginePacket::message).toList();
    }

    @Test
    void pollingClientFallingTooFarBehindIsDisconnected() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        assertTrue(socket.send(messages("1", "2", "3"), false));
        assertFalse(socket.send(messages("4"), false));

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
        engine.assertGone(sid);
        engine.get(sid).assertError(400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void webSocketClientFallingTooFarBehindIsDisconnected() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();
        assertTrue(socket.send(messages("in flight"), false));
        assertTrue(socket.send(messages("1", "2", "3"), false)); // the wire is blocked

        assertFalse(socket.send(messages("4"), false));

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
        assertTrue(ws.isClosed());
        ws.completeNext();
        ws.assertFrames("4in flight");
    }

    @Test
    void batchThatWouldOverflowIsRefusedWhole() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        assertFalse(socket.send(messages("1", "2", "3", "4"), false));

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void drainedQueueMakesRoomAgain() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        for (int round = 0; round < 5; round++) {
            assertTrue(socket.send(messages("a", "b", "c"), false));
            engine.get(sid).assertOk("4a\u001e4b\u001e4c");
        }
        assertTrue(socket.isOpen());
    }

    @Test
    void pingIsQueuedEvenWhenTheQueueIsFull() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        assertTrue(socket.send(messages("1", "2", "3"), false));

        engine.scheduler.advanceMillis(300);

        assertTrue(socket.isOpen());
        engine.get(sid).assertOk("41\u001e42\u001e43\u001e2");
    }

    @Test
    void volatilePacketsAreDroppedWhileNoPollIsPending() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        assertFalse(socket.send(messages("dropped"), true));

        RecordingExchange poll = engine.get(sid);
        assertTrue(socket.send(messages("kept"), true));
        poll.assertOk("4kept");
        assertFalse(engine.get(sid).isAnswered());
    }

    @Test
    void volatilePacketsAreDroppedWhileOtherPacketsWait() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        socket.send(messages("queued"), false);

        assertFalse(socket.send(messages("dropped"), true));

        engine.get(sid).assertOk("4queued");
    }

    @Test
    void volatilePacketsAreDroppedWhileTheWebSocketIsBusy() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();

        assertTrue(socket.send(messages("v1"), true));
        assertFalse(socket.send(messages("v2"), true));
        ws.completeNext();
        assertTrue(socket.send(messages("v3"), true));
        ws.completeAll();

        ws.assertFrames("4v1", "4v3");
    }

    @Test
    void volatilePacketsDoNotCountAgainstAClosedSession() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        socket.close();

        assertFalse(socket.send(messages("x"), true));
        engine.get(sid).assertOk("1");
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
    }
}
