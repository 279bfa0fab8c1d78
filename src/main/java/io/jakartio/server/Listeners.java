package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Event listeners of a socket by event name, plus catch-all listeners. A listener that throws
 * is logged and does not stop the others, nor the connection.
 *
 * <p>Listeners may be added and removed on any thread while events are emitted on another.
 * Every change builds new immutable arrays (and map) under this object's lock and publishes them
 * through a volatile field; emitting reads that field without a lock and calls the listeners
 * present at that moment, as iterating the copy-on-write lists this replaced did. Changes are
 * rare (mostly when a socket connects) and a socket keeps thousands of times fewer objects: an
 * idle socket without catch-all listeners holds one small map and one array per event (the
 * catch-all lists are created when first used).
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private volatile Map<String, EventListener[]> byEvent = Map.of();
    /** Created on first use: most sockets never have catch-all listeners. */
    private volatile CatchAllListeners any;
    private volatile CatchAllListeners anyOutgoing;

    synchronized void on(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        Map<String, EventListener[]> changed = new HashMap<>(byEvent);
        EventListener[] listeners = changed.get(event);
        changed.put(event, listeners == null ? new EventListener[] {listener} : with(listeners, listener));
        byEvent = Map.copyOf(changed);
    }

    /** Adds a listener removed before its first call (Node's {@code once}). */
    void once(String event, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        on(event, new Once(event, listener));
    }

    /** Removes the first registration of {@code listener}, whether by {@link #on} or {@link #once}. */
    synchronized void off(String event, EventListener listener) {
        EventListener[] listeners = byEvent.get(event);
        if (listeners == null) {
            return;
        }
        EventListener[] remaining = without(listeners, listener);
        if (remaining == listeners) {
            return;
        }
        Map<String, EventListener[]> changed = new HashMap<>(byEvent);
        if (remaining.length == 0) {
            changed.remove(event);
        } else {
            changed.put(event, remaining);
        }
        byEvent = Map.copyOf(changed);
    }

    /** Removes every listener of every event (not the catch-all ones, as in Node). */
    synchronized void removeAll() {
        byEvent = Map.of();
    }

    /** Removes every listener of one event. */
    synchronized void removeAll(String event) {
        if (byEvent.containsKey(event)) {
            Map<String, EventListener[]> changed = new HashMap<>(byEvent);
            changed.remove(event);
            byEvent = Map.copyOf(changed);
        }
    }

    /** @return the listeners of {@code event} in call order, as given (a snapshot) */
    List<EventListener> listeners(String event) {
        EventListener[] listeners = byEvent.get(event);
        if (listeners == null) {
            return List.of();
        }
        List<EventListener> given = new ArrayList<>(listeners.length);
        for (EventListener listener : listeners) {
            given.add(listener instanceof Once once ? once.listener : listener);
        }
        return List.copyOf(given);
    }

    /** @return the incoming catch-all listeners */
    synchronized CatchAllListeners any() {
        if (any == null) {
            any = new CatchAllListeners();
        }
        return any;
    }

    /** @return the outgoing catch-all listeners */
    synchronized CatchAllListeners anyOutgoing() {
        if (anyOutgoing == null) {
            anyOutgoing = new CatchAllListeners();
        }
        return anyOutgoing;
    }

    boolean hasAnyOutgoing() {
        CatchAllListeners outgoing = anyOutgoing;
        return outgoing != null && !outgoing.isEmpty();
    }

    /** Calls the listeners of {@code event}. */
    void emit(String event, Object... args) {
        EventListener[] listeners = byEvent.get(event);
        if (listeners == null) {
            return;
        }
        for (EventListener listener : listeners) {
            try {
                listener.call(args);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of \"" + event + "\" failed", e);
            }
        }
    }

    /** Tells the catch-all listeners of an incoming event. */
    void notifyAny(String event, Object[] args) {
        CatchAllListeners incoming = any;
        if (incoming != null) {
            incoming.notify(event, args);
        }
    }

    /** Tells the catch-all listeners of an outgoing event. */
    void notifyAnyOutgoing(String event, Object[] args) {
        CatchAllListeners outgoing = anyOutgoing;
        if (outgoing != null) {
            outgoing.notify(event, args);
        }
    }

    private static <T> T[] with(T[] array, T element) {
        T[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = element;
        return grown;
    }

    /**
     * @return the array without the first listener that is {@code listener} or a {@link Once}
     *     of it; the same array if none
     */
    private static EventListener[] without(EventListener[] array, EventListener listener) {
        for (int i = 0; i < array.length; i++) {
            EventListener candidate = array[i];
            if (Objects.equals(candidate, listener) || candidate instanceof Once once && Objects.equals(once.listener, listener)) {
                EventListener[] shrunk = Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, shrunk, i, array.length - 1 - i);
                return shrunk;
            }
        }
        return array;
    }

    /** A listener of {@link #once}: removes itself, then calls the given one; at most once. */
    private final class Once implements EventListener {
        private final String event;
        private final EventListener listener;
        private final AtomicBoolean called = new AtomicBoolean();

        Once(String event, EventListener listener) {
            this.event = event;
            this.listener = listener;
        }

        @Override
        public void call(Object... args) {
            if (called.compareAndSet(false, true)) {
                off(event, this);
                listener.call(args);
            }
        }
    }
}
