package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The catch-all listeners of one direction of a socket ({@code onAny} or {@code onAnyOutgoing}),
 * in call order. A listener that throws is logged and does not stop the others.
 *
 * <p>Copy-on-write, as {@link Listeners}: every change builds a new array under this object's
 * lock and publishes it through a volatile field; notifying reads it without a lock.
 */
final class CatchAllListeners {

    private static final System.Logger LOG = System.getLogger(CatchAllListeners.class.getName());
    private static final AnyListener[] NONE = {};

    private volatile AnyListener[] listeners = NONE;

    /** Adds a listener called after the others ({@code onAny}). */
    synchronized void append(AnyListener listener) {
        Objects.requireNonNull(listener, "listener");
        AnyListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    /** Adds a listener called before the others ({@code prependAny}). */
    synchronized void prepend(AnyListener listener) {
        Objects.requireNonNull(listener, "listener");
        AnyListener[] grown = new AnyListener[listeners.length + 1];
        grown[0] = listener;
        System.arraycopy(listeners, 0, grown, 1, listeners.length);
        listeners = grown;
    }

    /** Removes the first occurrence of a listener, if present. */
    synchronized void remove(AnyListener listener) {
        AnyListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (Objects.equals(current[i], listener)) {
                AnyListener[] shrunk = Arrays.copyOf(current, current.length - 1);
                System.arraycopy(current, i + 1, shrunk, i, current.length - 1 - i);
                listeners = shrunk;
                return;
            }
        }
    }

    /** Removes every listener. */
    synchronized void clear() {
        listeners = NONE;
    }

    /** @return the listeners, in call order (a snapshot) */
    List<AnyListener> list() {
        return List.of(listeners);
    }

    boolean isEmpty() {
        return listeners.length == 0;
    }

    /** Calls every listener with the event. */
    void notify(String event, Object[] args) {
        for (AnyListener listener : listeners) {
            try {
                listener.call(event, args);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "catch-all listener failed", e);
            }
        }
    }
}
