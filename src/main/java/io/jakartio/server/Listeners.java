package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Event listeners of a socket by event name, plus catch-all listeners. A listener that throws
 * is logged and does not stop the others, nor the connection.
 *
 * <p>Listeners may be added and removed on any thread while events are emitted on another.
 * Every change builds new immutable arrays (and map) under this object's lock and publishes them
 * through a volatile field; emitting reads that field without a lock and calls the listeners
 * present at that moment, as iterating the copy-on-write lists this replaced did. Changes are
 * rare (mostly when a socket connects) and a socket keeps thousands of times fewer objects: an
 * idle socket without catch-all listeners holds one small map and one array per event.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());
    private static final AnyListener[] NONE = {};

    private volatile Map<String, EventListener[]> byEvent = Map.of();
    private volatile AnyListener[] any = NONE;
    private volatile AnyListener[] anyOutgoing = NONE;

    synchronized void on(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Map<String, EventListener[]> changed = new HashMap<>(byEvent);
        EventListener[] listeners = changed.get(event);
        changed.put(event, listeners == null ? new EventListener[] {listener} : with(listeners, listener));
        byEvent = Map.copyOf(changed);
    }

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

    synchronized void addAny(AnyListener listener) {
        any = with(any, listener);
    }

    synchronized void removeAny(AnyListener listener) {
        any = without(any, listener);
    }

    synchronized void addAnyOutgoing(AnyListener listener) {
        anyOutgoing = with(anyOutgoing, listener);
    }

    synchronized void removeAnyOutgoing(AnyListener listener) {
        anyOutgoing = without(anyOutgoing, listener);
    }

    boolean hasAnyOutgoing() {
        return anyOutgoing.length > 0;
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
        notify(any, event, args);
    }

    /** Tells the catch-all listeners of an outgoing event. */
    void notifyAnyOutgoing(String event, Object[] args) {
        notify(anyOutgoing, event, args);
    }

    private static void notify(AnyListener[] listeners, String event, Object[] args) {
        for (AnyListener listener : listeners) {
            try {
                listener.call(event, args);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "catch-all listener failed", e);
            }
        }
    }

    private static <T> T[] with(T[] array, T element) {
        T[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = element;
        return grown;
    }

    /** @return the array without the first element equal to {@code element}; the same array if none */
    private static <T> T[] without(T[] array, Object element) {
        for (int i = 0; i < array.length; i++) {
            if (Objects.equals(array[i], element)) {
                T[] shrunk = Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, shrunk, i, array.length - 1 - i);
                return shrunk;
            }
        }
        return array;
    }
}
