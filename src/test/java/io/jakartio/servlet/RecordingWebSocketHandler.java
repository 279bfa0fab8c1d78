package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.engine.WebSocketHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's side of a {@link WebSocketSession} in tests: records the events it receives
 * ({@code "text:4hi"}, {@code "error:PayloadTooLargeException"}, {@code "close"}) and the
 * breaches of the {@link WebSocketHandler} contract: an event after {@code onClose}, a second
 * {@code onClose}, any event delivered while the session's lock is held.
 */
final class RecordingWebSocketHandler implements WebSocketHandler {

    private final List<String> events = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private WebSocketSession session;
    private Runnable onError = () -> { };

    /** The session whose lock must not be held during any event. */
    void watch(WebSocketSession value) {
        this.session = value;
    }

    /** Runs an action inside {@code onError} (e.g. work another thread does meanwhile). */
    void whenError(Runnable action) {
        this.onError = action;
    }

    @Override
    public void onText(String frame) {
        record("text:" + frame);
    }

    @Override
    public void onBinary(byte[] frame) {
        record("binary:" + frame.length);
    }

    @Override
    public void onError(Throwable error) {
        record("error:" + error.getClass().getSimpleName());
        onError.run();
    }

    @Override
    public void onClose() {
        record("close");
    }

    private synchronized void record(String event) {
        if (session != null && Thread.holdsLock(session)) {
            violations.add(event + " under the session's lock");
        }
        if (events.contains("close")) {
            violations.add(event + " after close");
        }
        events.add(event);
    }

    /** @return the events so far */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Fails if the handler contract was breached. */
    synchronized void assertNoViolations() {
        assertEquals(List.of(), violations, "handler contract violations");
    }
}
