package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.servlet.WebSocketSession.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine closing a native WebSocket at the moment its client does (issue 14, point 7): many
 * clients leave at once while broadcasts are written to them, and the client's close frame
 * arrives while the server's own close frame has not left yet. The client must still get a close
 * frame before the TCP connection is dropped (RFC 6455 5.5.1). Each test plays one ordering with
 * a {@link FakeSink} that takes writes only when the test says.
 */
class WebSocketSessionCrossingClosesTest extends OpenWebSocketSession {

    WebSocketSessionCrossingClosesTest() {
        super(10);
    }

    @Test
    void theServersCloseFrameWaitingBehindABroadcastStillAnswersTheClientsClose() {
        // a broadcast's frame waits for the sink; the engine closes; the client's close arrives
        sink.notReady();
        session.sendText("4[\"user left\"]", transport);
        session.close(1000, "forced close");
        receive(FakeSink.clientClose(1000));

        assertFalse(sink.dropped(), "dropped before the server's close frame was written");
        assertEquals(List.of(), engine.events());

        sink.ready();
        session.onWritable();

        assertEquals(List.of("text:4[\"user left\"]", "close:1000:forced close"), sink.flushedFrames());
        assertTrue(sink.dropped());
        assertEquals(State.CLOSED, session.state());
        assertEquals(List.of("ok"), transport.results());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void theServersCloseFrameWrittenButNotFlushedIsFlushedBeforeTheDrop() {
        // the engine's close frame is taken by the stream, which cannot pass it on at once
        sink.notReadyAfterNextWrite();
        session.close(1000, "forced close");
        receive(FakeSink.clientClose(1000));

        assertFalse(sink.dropped(), "dropped with the server's close frame still in the stream's buffer");
        assertEquals(List.of(), sink.flushedFrames());

        sink.ready();
        session.onWritable();

        assertEquals(List.of("close:1000:forced close"), sink.flushedFrames());
        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aSinkThatNeverTakesTheCloseFrameIsDroppedByTheCloseTimeout() {
        sink.notReady();
        session.sendText("4[\"user left\"]", transport);
        session.close(1000, "forced close");
        receive(FakeSink.clientClose(1000));

        clock.advance(WebSocketSession.CLOSE_TIMEOUT);

        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aClientCloseArrivingAfterTheServersCloseWasFlushedDropsAtOnce() {
        session.close(1000, "forced close");
        assertEquals(List.of("close:1000:forced close"), sink.flushedFrames());

        receive(FakeSink.clientClose(1000));

        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void theClientsCloseArrivingFirstIsEchoedAfterTheBroadcastWaitingForTheSink() {
        sink.notReady();
        session.sendText("4[\"user left\"]", transport);
        receive(FakeSink.clientClose(1001));
        session.close(1000, "transport error"); // the engine hears of it and closes: too late to say so

        assertFalse(sink.dropped());
        sink.ready();
        session.onWritable();

        assertEquals(List.of("text:4[\"user left\"]", "close:1001:"), sink.flushedFrames());
        assertTrue(sink.dropped());
    }
}
