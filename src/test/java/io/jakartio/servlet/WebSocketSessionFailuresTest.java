package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A native WebSocket whose connection fails (a {@link WebSocketSession} over a {@link FakeSink}):
 * the failure reaches the engine once, through the transport's completion if a frame of its
 * was in flight, else as an error; then the connection drops and the engine hears the close.
 * Nothing is reported under the session's lock.
 */
class WebSocketSessionFailuresTest extends OpenWebSocketSession {

    WebSocketSessionFailuresTest() {
        super(1000);
    }

    @Test
    void aFailedWriteCompletesTheTransportsFrameWithTheError() {
        sink.failNextWrite(new IOException("connection reset"));

        session.sendText("4a", transport);

        assertEquals(List.of("IOException"), transport.results());
        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events(), "the completion carried the error");
    }

    @Test
    void aStreamTheContainerClosedFailsTheSessionLikeAnyFailedWrite() {
        sink.failNextWrite(new ClosedChannelException());

        session.sendText("4a", transport);

        assertEquals(List.of("ClosedChannelException"), transport.results());
        assertTrue(sink.dropped(), "not mistaken for the session's own refusal after its close frame");
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aFailureWhileTheTransportsFrameWaitsCompletesThatFrameWithTheError() {
        sink.notReady();
        session.sendText("4a", transport);
        sink.failNextWrite(new IOException("connection reset"));
        sink.ready();

        session.onWritable();

        assertEquals(List.of("IOException"), transport.results());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aFailedFlushIsAnErrorForTheEngineThenAClose() {
        session.sendText("4a", transport);
        sink.failNextFlush(new IOException("broken pipe"));

        session.flush();

        assertEquals(List.of("error:IOException", "close"), engine.events());
        assertTrue(sink.dropped());
    }

    @Test
    void aFailureTheContainerReportsFromInsideTheFailingCallIsHandledOnceOutsideTheLock() throws Exception {
        // Tomcat calls WriteListener.onError from inside a failed flush, then throws: handling the
        // report there would run the engine's handlers (which write to other connections) under
        // this connection's lock, and two connections failing at once would deadlock.
        sink.reportFailuresInsideTheCall();
        engine.whenError(() -> {
            // Another thread writes to this connection meanwhile: it must not wait for our lock.
            Completions other = new Completions();
            CompletableFuture.runAsync(() -> session.sendText("4other", other)).orTimeout(5, TimeUnit.SECONDS).join();
            assertEquals(List.of("ClosedChannelException"), other.results());
        });
        session.sendText("4a", transport);
        sink.failNextFlush(new IOException("broken pipe"));

        session.flush();

        assertEquals(List.of("error:IOException", "close"), engine.events());
    }

    @Test
    void aWriteErrorTheContainerReportsLaterFailsTheSession() {
        session.onWriteError(new IOException("connection reset"));

        assertEquals(List.of("error:IOException", "close"), engine.events());
        assertTrue(sink.dropped());
    }

    @Test
    void aReadErrorFailsTheSession() {
        session.onReadError(new IOException("connection reset"));
        session.onReadError(new IOException("again"));

        assertEquals(List.of("error:IOException", "close"), engine.events());
    }

    @Test
    void aFailureDuringTheCloseHandshakeDropsTheConnectionAtOnce() {
        session.close(1000, "forced close");

        session.onReadError(new IOException("connection reset"));

        assertTrue(sink.dropped());
        assertEquals(List.of("error:IOException", "close"), engine.events());
        assertEquals(1, clock.pendingTasks(), "the close timeout, which will find it closed");
        clock.advance(WebSocketSession.CLOSE_TIMEOUT);
        assertEquals(List.of("error:IOException", "close"), engine.events());
    }
}
