package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An {@link EngineHandler} that records its sessions' events in order (each session's
 * {@link SessionHandler} records into the same log). Tests take them one by one with the
 * {@code assert*} methods; an event left unasserted fails the test ({@link #assertNoMoreEvents},
 * called after each test by {@link EngineHarness}). Breaches of the handler contract (a message
 * or a second {@code onClose} after {@code onClose}, calls for one session from two threads at once) are recorded too.
 */
final class RecordingHandler implements EngineHandler {

    enum Kind { OPEN, MESSAGE, BINARY, CLOSE }

    record Event(Kind kind, EngineSocket socket, Object payload) {
        @Override
        public String toString() {
            String shown = payload instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(payload);
            return kind + (payload == null ? "" : " " + shown) + " (" + socket.id() + ")";
        }
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final Set<EngineSocket> opened = new HashSet<>();
    private final Set<EngineSocket> closed = new HashSet<>();
    private final Map<EngineSocket, Thread> inCall = new HashMap<>();
    private final Map<EngineSocket, SessionHandler> sessions = new HashMap<>();
    private final Map<EngineSocket, TransportError> descriptions = new HashMap<>();
    private final List<String> violations;
    private EngineSocket lastOpened;
    private volatile Consumer<EngineSocket> onOpenAction = socket -> { };
    private volatile Consumer<Event> onEventAction = event -> { };

    RecordingHandler(List<String> violations) {
        this.violations = violations;
    }

    /** Runs an action (e.g. sending) in {@code onOpen}, after recording the event. */
    void whenOpened(Consumer<EngineSocket> action) {
        this.onOpenAction = action;
    }

    /** Runs an action after recording any event. */
    void whenEvent(Consumer<Event> action) {
        this.onEventAction = action;
    }

    @Override
    public SessionHandler onOpen(EngineSocket socket) {
        SessionHandler session = new SessionHandler() {
            @Override
            public void onMessage(String text) {
                record(new Event(Kind.MESSAGE, socket, text));
            }

            @Override
            public void onBinary(byte[] data) {
                record(new Event(Kind.BINARY, socket, data));
            }

            @Override
            public void onClose(CloseReason reason) {
                record(new Event(Kind.CLOSE, socket, reason));
            }

            @Override
            public void onClose(CloseReason reason, TransportError description) {
                if (description != null) {
                    synchronized (RecordingHandler.this) {
                        descriptions.put(socket, description);
                    }
                }
                onClose(reason);
            }
        };
        synchronized (this) {
            sessions.put(socket, session);
        }
        record(new Event(Kind.OPEN, socket, null));
        return session;
    }

    /** @return the description the session's close came with, or {@code null} */
    synchronized TransportError description(EngineSocket socket) {
        return descriptions.get(socket);
    }

    /** @return the handler {@link #onOpen} returned for {@code socket}, to call it as the engine does */
    synchronized SessionHandler sessionHandler(EngineSocket socket) {
        return sessions.get(socket);
    }

    private void record(Event event) {
        EngineSocket socket = event.socket();
        boolean nested;
        synchronized (this) {
            Thread caller = inCall.putIfAbsent(socket, Thread.currentThread());
            nested = caller != null;
            if (nested && caller != Thread.currentThread()) {
                violations.add("concurrent handler calls for " + socket.id() + ": " + event);
            }
            switch (event.kind()) {
                case OPEN -> {
                    lastOpened = socket;
                    if (!opened.add(socket)) {
                        violations.add("onOpen twice: " + event);
                    }
                }
                case CLOSE -> {
                    if (!opened.contains(socket)) {
                        violations.add("onClose before onOpen: " + event);
                    }
                    if (!closed.add(socket)) {
                        violations.add("onClose twice: " + event);
                    }
                }
                default -> {
                    if (!opened.contains(socket) || closed.contains(socket)) {
                        violations.add("message outside onOpen..onClose: " + event);
                    }
                }
            }
            events.add(event);
            notifyAll();
        }
        try {
            if (event.kind() == Kind.OPEN) {
                onOpenAction.accept(socket);
            }
            onEventAction.accept(event);
        } finally {
            if (!nested) {
                synchronized (this) {
                    inCall.remove(socket);
                }
            }
        }
    }

    private synchronized Event take(Kind kind) {
        Event event = events.poll();
        if (event == null) {
            fail("expected " + kind + " but no event was recorded");
        }
        if (event.kind() != kind) {
            fail("expected " + kind + " but got " + event + "; then " + events);
        }
        return event;
    }

    /** Waits until at least {@code count} events are recorded and not yet asserted. */
    synchronized void awaitEvents(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("only " + events.size() + " of " + count + " events within " + timeout + ": " + events);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** @return the socket of the next event, which must be an {@code onOpen} */
    EngineSocket assertOpen() {
        return take(Kind.OPEN).socket();
    }

    /** Asserts that the next event is this text message. */
    void assertMessage(String expected) {
        assertEquals(expected, take(Kind.MESSAGE).payload());
    }

    /** Asserts that the next event is this text message, of this socket. */
    void assertMessage(EngineSocket socket, String expected) {
        Event event = take(Kind.MESSAGE);
        assertSame(socket, event.socket(), "socket of " + event);
        assertEquals(expected, event.payload());
    }

    /** Asserts that the next event is this binary message. */
    void assertBinary(byte[] expected) {
        assertArrayEquals(expected, (byte[]) take(Kind.BINARY).payload());
    }

    /** Asserts that the next event is {@code onClose} with this reason. */
    void assertClose(CloseReason expected) {
        assertEquals(expected, take(Kind.CLOSE).payload());
    }

    /** Asserts that the next event is {@code onClose} of this socket with this reason. */
    void assertClose(EngineSocket socket, CloseReason expected) {
        Event event = take(Kind.CLOSE);
        assertSame(socket, event.socket(), "socket of " + event);
        assertEquals(expected, event.payload());
    }

    /** @return the session of the most recent {@code onOpen}, asserted or not */
    synchronized EngineSocket lastOpened() {
        return lastOpened;
    }

    /** @return the events not yet asserted, and forgets them */
    synchronized List<Event> takeAll() {
        List<Event> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    /** Fails if an event was left unasserted. */
    synchronized void assertNoMoreEvents() {
        if (!events.isEmpty()) {
            List<Event> left = new ArrayList<>(events);
            events.clear();
            fail("unasserted handler events: " + left);
        }
    }
}
