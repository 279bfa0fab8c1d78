package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * idle socket without catch-all listeners holds one array of its events and one array of
 * listeners per event (the catch-all lists are created when first used).
 *
 * <p>{@link Socket} extends it (through {@link SocketListeners}, its public listener API), so
 * that a socket's listeners are three of its fields rather than an object of its own; the methods
 * are named so that none is one of the socket's.
 */
class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    /** Up to this many events, the listeners are found by a scan of a flat array; beyond, by a map. */
    private static final int MAX_FLAT = 8;
    private static final Object[] NONE = new Object[0];

    /**
     * The listeners by event: a flat array {@code [event, listeners, event, ...]} (a socket has a
     * few events: 24 bytes for one, where an immutable map takes 32, and 80 for two), or a
     * {@code Map<String, Object>} of them beyond {@value #MAX_FLAT} events; an event's listeners
     * are an {@code EventListener[]}, or the {@link EventListener} itself when it is the only one
     * (most events: no array of one). Never changed: replaced as a whole.
     */
    private volatile Object byEvent = NONE;
    /** Created on first use: most sockets never have catch-all listeners. */
    private volatile CatchAllListeners any;
    private volatile CatchAllListeners anyOutgoing;

    synchronized void addListener(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        Map<String, EventListener[]> changed = copy();
        EventListener[] listeners = changed.get(event);
        changed.put(event, listeners == null ? new EventListener[] {listener} : with(listeners, listener));
        byEvent = pack(changed);
    }

    /** Adds a listener removed before its first call (Node's {@code once}). */
    void addOnceListener(String event, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        addListener(event, new Once(event, listener));
    }

    /** Removes the first registration of {@code listener}, whether by {@link #addListener} or {@link #addOnceListener}. */
    synchronized void removeListener(String event, EventListener listener) {
        EventListener[] listeners = listenersOf(event);
        if (listeners == null) {
            return;
        }
        EventListener[] remaining = without(listeners, listener);
        if (remaining == listeners) {
            return;
        }
        Map<String, EventListener[]> changed = copy();
        if (remaining.length == 0) {
            changed.remove(event);
        } else {
            changed.put(event, remaining);
        }
        byEvent = pack(changed);
    }

    /** Removes every listener of every event (not the catch-all ones, as in Node). */
    synchronized void clearListeners() {
        byEvent = NONE;
    }

    /** Removes every listener of one event. */
    synchronized void clearListeners(String event) {
        if (listenersOf(event) != null) {
            Map<String, EventListener[]> changed = copy();
            changed.remove(event);
            byEvent = pack(changed);
        }
    }

    /** @return the listeners of {@code event} in call order, as given (a snapshot) */
    List<EventListener> listenersFor(String event) {
        EventListener[] listeners = listenersOf(event);
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
    synchronized CatchAllListeners catchAll() {
        if (any == null) {
            any = new CatchAllListeners();
        }
        return any;
    }

    /** @return the outgoing catch-all listeners */
    synchronized CatchAllListeners catchAllOutgoing() {
        if (anyOutgoing == null) {
            anyOutgoing = new CatchAllListeners();
        }
        return anyOutgoing;
    }

    boolean hasCatchAllOutgoing() {
        CatchAllListeners outgoing = anyOutgoing;
        return outgoing != null && !outgoing.isEmpty();
    }

    /** Calls the listeners of {@code event}. */
    void emitLocally(String event, Object... args) {
        Object listeners = valueOf(event);
        if (listeners instanceof EventListener only) {
            call(only, event, args);
        } else if (listeners != null) {
            for (EventListener listener : (EventListener[]) listeners) {
                call(listener, event, args);
            }
        }
    }

    private static void call(EventListener listener, String event, Object[] args) {
        try {
            listener.call(args);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of \"" + event + "\" failed", e);
        }
    }

    /** Tells the catch-all listeners of an incoming event. */
    void notifyCatchAll(String event, Object[] args) {
        CatchAllListeners incoming = any;
        if (incoming != null) {
            incoming.notify(event, args);
        }
    }

    /** Tells the catch-all listeners of an outgoing event. */
    void notifyCatchAllOutgoing(String event, Object[] args) {
        CatchAllListeners outgoing = anyOutgoing;
        if (outgoing != null) {
            outgoing.notify(event, args);
        }
    }

    /** @return the listeners of {@code event}, or {@code null} if it has none */
    private EventListener[] listenersOf(String event) {
        return unpacked(valueOf(event));
    }

    /** @return the listeners of {@code event} as stored (see {@link #byEvent}), or {@code null} */
    @SuppressWarnings("unchecked")
    private Object valueOf(String event) {
        Object current = byEvent;
        if (current instanceof Object[] flat) {
            for (int i = 0; i < flat.length; i += 2) {
                if (flat[i].equals(event)) {
                    return flat[i + 1];
                }
            }
            return null;
        }
        return ((Map<String, Object>) current).get(event);
    }

    /** @return a mutable copy of the listeners by event, in their order */
    @SuppressWarnings("unchecked")
    private Map<String, EventListener[]> copy() {
        Object current = byEvent;
        Map<String, EventListener[]> copy = new LinkedHashMap<>();
        if (current instanceof Object[] flat) {
            for (int i = 0; i < flat.length; i += 2) {
                copy.put((String) flat[i], unpacked(flat[i + 1]));
            }
        } else {
            ((Map<String, Object>) current).forEach((event, listeners) -> copy.put(event, unpacked(listeners)));
        }
        return copy;
    }

    private static Object pack(Map<String, EventListener[]> listeners) {
        if (listeners.size() > MAX_FLAT) {
            Map<String, Object> packed = new LinkedHashMap<>();
            listeners.forEach((event, array) -> packed.put(event, packed(array)));
            return Map.copyOf(packed);
        }
        if (listeners.isEmpty()) {
            return NONE;
        }
        Object[] flat = new Object[listeners.size() * 2];
        int i = 0;
        for (Map.Entry<String, EventListener[]> entry : listeners.entrySet()) {
            flat[i++] = entry.getKey();
            flat[i++] = packed(entry.getValue());
        }
        return flat;
    }

    private static Object packed(EventListener[] listeners) {
        return listeners.length == 1 ? listeners[0] : listeners;
    }

    private static EventListener[] unpacked(Object listeners) {
        return listeners instanceof EventListener only ? new EventListener[] {only} : (EventListener[]) listeners;
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

    /** A listener of {@link #addOnceListener}: removes itself, then calls the given one; at most once. */
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
                removeListener(event, this);
                listener.call(args);
            }
        }
    }
}
