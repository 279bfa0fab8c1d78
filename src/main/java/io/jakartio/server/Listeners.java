package io.jakartio.server;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Event listeners of a socket by event name, plus catch-all listeners. A listener that throws
 * is logged and does not stop the others, nor the connection.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final Map<String, List<EventListener>> byEvent = new ConcurrentHashMap<>();
    private final List<AnyListener> any = new CopyOnWriteArrayList<>();
    private final List<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();

    void on(String event, EventListener listener) {
        byEvent.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void off(String event, EventListener listener) {
        List<EventListener> list = byEvent.get(event);
        if (list != null) {
            list.remove(listener);
        }
    }

    void offAll(String event) {
        byEvent.remove(event);
    }

    List<AnyListener> any() {
        return any;
    }

    List<AnyListener> anyOutgoing() {
        return anyOutgoing;
    }

    boolean has(String event) {
        List<EventListener> list = byEvent.get(event);
        return list != null && !list.isEmpty();
    }

    void emit(String event, Object... args) {
        List<EventListener> list = byEvent.get(event);
        if (list == null) {
            return;
        }
        for (EventListener listener : list) {
            try {
                listener.call(args);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of \"" + event + "\" failed", e);
            }
        }
    }

    static void notify(List<AnyListener> listeners, String event, Object[] args) {
        for (AnyListener listener : listeners) {
            try {
                listener.call(event, args);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "catch-all listener failed", e);
            }
        }
    }
}
