package io.jakartio.server;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code "connection"} listeners of a namespace, in call order, with Node's {@code once}:
 * a listener added by {@link #once} leaves the list before its only call, and
 * {@link #remove} with the listener given finds it until then. Safe to change on any thread
 * while connections are served on others (a copy-on-write list).
 */
final class ConnectionListeners {

    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    void add(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void once(ConnectionListener listener) {
        listeners.add(new Once(Objects.requireNonNull(listener, "listener")));
    }

    /** Removes the first registration of {@code listener}, by {@link #add} or {@link #once}. */
    void remove(ConnectionListener listener) {
        for (ConnectionListener candidate : listeners) {
            if (candidate.equals(listener) || candidate instanceof Once once && once.listener.equals(listener)) {
                listeners.remove(candidate);
                return;
            }
        }
    }

    void clear() {
        listeners.clear();
    }

    /** @return the live list, to iterate (a parent namespace's children read it) */
    List<ConnectionListener> list() {
        return listeners;
    }

    /** A listener of {@link #once}: leaves the list, then calls the given one; at most once. */
    private final class Once implements ConnectionListener {
        private final ConnectionListener listener;
        private final AtomicBoolean called = new AtomicBoolean();

        Once(ConnectionListener listener) {
            this.listener = listener;
        }

        @Override
        public void onConnection(Socket socket) {
            if (called.compareAndSet(false, true)) {
                listeners.remove(this);
                listener.onConnection(socket);
            }
        }
    }
}
