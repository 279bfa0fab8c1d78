package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the native WebSocket session's tests start from: a {@link WebSocketSession} over a
 * {@link FakeSink} on a manual clock, opened to a recording engine before each test, and both
 * fakes' contracts checked after it.
 *
 * <pre>{@code
 * class WebSocketSessionCloseTest extends OpenWebSocketSession {
 *     WebSocketSessionCloseTest() { super(10); } // messages of at most 10 bytes
 * }
 * }</pre>
 */
abstract class OpenWebSocketSession {

    final ManualScheduler clock = new ManualScheduler();
    final FakeSink sink = new FakeSink();
    final RecordingWebSocketHandler engine = new RecordingWebSocketHandler();
    final Completions transport = new Completions();
    final WebSocketSession session;

    /** @param maxMessageSize the largest message the session accepts, bytes */
    OpenWebSocketSession(long maxMessageSize) {
        this.session = new WebSocketSession(sink, clock, maxMessageSize);
    }

    @BeforeEach
    void open() {
        sink.attach(session);
        engine.watch(session);
        assertTrue(session.open(engine));
    }

    @AfterEach
    void contracts() {
        sink.assertNoViolations();
        engine.assertNoViolations();
    }

    /** The client sends these bytes: one frame, or several. */
    void receive(byte[] frame) {
        session.receive(frame, 0, frame.length);
    }
}
