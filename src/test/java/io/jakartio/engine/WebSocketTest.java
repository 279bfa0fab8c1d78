package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebSocketTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private static EnginePacket text(String data) {
        return EnginePacket.message(data);
    }

    @Test
    void framesGoOutInOrderOnePacketPerFrame() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();

        socket.send(List.of(text("a"), EnginePacket.binary(new byte[] {1, 2, 3})), false);
        socket.send(List.of(text("b")), false);

        ws.assertFrames("4a", "binary:AQID", "4b");
    }

    @Test
    void packetsQueuedInOneBatchLeaveTogetherAfterIt() {
        FakeWebSocket one = engine.webSocketSession();
        EngineSocket first = engine.handler.lastOpened();
        FakeWebSocket two = engine.webSocketSession();
        EngineSocket second = engine.handler.lastOpened();
        int flushesBefore = one.flushes();

        engine.server().batch(() -> {
            first.send(List.of(text("a")), false);
            second.send(List.of(text("a")), false);
            first.send(List.of(text("b")), false);
            assertEquals(List.of(), one.takeFrames(), "written only when the batch ends");
        });

        one.assertFrames("4a", "4b");
        two.assertFrames("4a");
        assertEquals(flushesBefore + 1, one.flushes(), "both frames in one write");
    }

    @Test
    void receivedTextAndBinaryFramesReachTheHandlerInOrder() {
        FakeWebSocket ws = engine.webSocketSession();

        ws.receive("4hello");
        ws.receiveBinary(new byte[] {9, 8});
        ws.receive("4");

        engine.handler.assertMessage("hello");
        engine.handler.assertBinary(new byte[] {9, 8});
        engine.handler.assertMessage("");
    }

    @Test
    void atMostOneSendIsInFlightAndTheRestDrainInOrderAfterCompletion() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext(); // the OPEN frame
        EngineSocket socket = engine.handler.lastOpened();

        socket.send(List.of(text("1")), false);
        socket.send(List.of(text("2"), text("3")), false);
        socket.send(List.of(text("4")), false);
        ws.assertFrames("41");

        ws.completeNext();
        ws.assertFrames("42");
        ws.completeNext();
        ws.assertFrames("43");
        ws.completeNext();
        ws.assertFrames("44");
        ws.completeNext();
        ws.assertFrames();
        assertFalse(ws.hasHeldSend());

        socket.send(List.of(text("5")), false); // the wire is free again: sent at once
        ws.assertFrames("45");
    }

    @Test
    void completionOnAnotherThreadContinuesTheDrain() throws Exception {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();
        socket.send(List.of(text("a"), text("b"), text("c")), false);
        ws.assertFrames("4a");

        List<String> completers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread completer = new Thread(ws::completeNext, "completer-" + i);
            completer.start();
            completer.join(5_000);
            assertFalse(completer.isAlive());
            completers.addAll(ws.takeFrames());
        }

        assertEquals(List.of("4b", "4c"), completers);
        assertFalse(ws.hasHeldSend());
    }

    @Test
    void inlineCompletionOfManyPacketsDoesNotGrowTheStack() {
        int count = 100_000;
        engine.options(EngineOptions.builder().maxBufferedPackets(count).build());
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();
        socket.send(List.of(text("first")), false); // held: the rest queues up behind it
        for (int i = 0; i < count; i++) {
            assertTrue(socket.send(List.of(text(Integer.toString(i))), false));
        }
        ws.completeInline().sampleStackDepthEvery(1_000);

        ws.completeNext();

        List<String> frames = ws.takeFrames();
        assertEquals(count + 1, frames.size());
        assertEquals("4first", frames.get(0));
        for (int i = 0; i < count; i++) {
            assertEquals("4" + i, frames.get(i + 1));
        }
        assertTrue(ws.stackGrowth() < 5, () -> "stack grew by " + ws.stackGrowth() + " frames");
        assertTrue(socket.isOpen());
    }

    @Test
    void sendFailureClosesTheSessionWithTransportError() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();
        ws.failNextSend(new IOException("broken pipe"));

        socket.send(List.of(text("lost"), text("never sent")), false);

        ws.assertFrames("4lost");
        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
        assertEquals(1000, ws.closeCode());
        assertEquals("transport error", ws.closeReason());
        assertFalse(socket.send(List.of(text("after")), false));
        ws.assertFrames();
    }

    @Test
    void asynchronousSendFailureClosesTheSessionWithTransportError() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();
        socket.send(List.of(text("a"), text("b")), false);

        ws.completeNext(new IOException("broken pipe"));

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
        ws.assertFrames("4a");
        assertFalse(ws.hasHeldSend());
    }

    @Test
    void clientCloseEndsTheSessionWithTransportClose() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();

        ws.clientClose();

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_CLOSE);
        assertFalse(ws.isClosed(), "already closed by the client");
        engine.assertGone(socket.id());
        ws.receive("4ignored");
    }

    @Test
    void clientClosePacketEndsTheSessionWithTransportClose() {
        FakeWebSocket ws = engine.webSocketSession();

        ws.receive("1");

        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);
        assertEquals(1000, ws.closeCode());
        ws.clientClose(); // the binding reports the close it caused
    }

    @Test
    void connectionErrorEndsTheSessionOnceWithTransportError() {
        FakeWebSocket ws = engine.webSocketSession();

        ws.fail(new IOException("reset"));

        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aMessageTheBindingFindsTooLargeClosesWith1009AndEndsTheSessionWithTransportError() {
        FakeWebSocket ws = engine.webSocketSession();

        ws.fail(new PayloadTooLargeException(10));

        assertEquals(1009, ws.closeCode());
        assertEquals("", ws.closeReason(), "the code alone, as the reference server's");
        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aTooLargeMessageIsATransportErrorEvenWhenTheBindingReportsItsCloseAtOnce() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).reportCloseAtOnce());

        ws.handler().onError(new PayloadTooLargeException(10));

        assertEquals(1009, ws.closeCode());
        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void invalidFrameIsAParseError() {
        for (String frame : List.of("", "x", "9")) {
            FakeWebSocket ws = engine.webSocketSession();

            ws.receive(frame);

            engine.handler.assertClose(CloseReason.PARSE_ERROR);
            assertEquals(1000, ws.closeCode());
            assertEquals("parse error", ws.closeReason());
        }
    }

    @Test
    void serverCloseDeliversQueuedFramesThenCloses() {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).holdSends());
        ws.completeNext();
        EngineSocket socket = engine.handler.lastOpened();
        socket.send(List.of(text("a"), text("b")), false);

        socket.close();
        assertFalse(socket.isOpen());
        assertFalse(socket.send(List.of(text("too late")), false));
        assertFalse(ws.isClosed());
        ws.completeAll();

        ws.assertFrames("4a", "4b");
        assertEquals(1000, ws.closeCode());
        assertEquals("forced close", ws.closeReason());
        engine.handler.assertClose(socket, CloseReason.FORCED_CLOSE);
        engine.assertGone(socket.id());
    }

    @Test
    void serverCloseOfAnIdleWebSocketClosesAtOnce() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();

        socket.close();

        assertEquals(1000, ws.closeCode());
        engine.handler.assertClose(socket, CloseReason.FORCED_CLOSE);
        assertEquals(0, engine.scheduler.pendingTasks());
    }

    @Test
    void clientPingIsTheWrongHeartbeatDirection() {
        FakeWebSocket ws = engine.webSocketSession();

        ws.receive("2");

        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        ws.assertFrames();
    }
}
