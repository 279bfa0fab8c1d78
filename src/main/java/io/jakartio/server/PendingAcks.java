package io.jakartio.server;

import io.jakartio.engine.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The acknowledgements a socket's client still owes the server, by ack id, each with an
 * optional timeout. Completing, timing out and failing race safely: each entry fires once.
 */
final class PendingAcks {

    private static final System.Logger LOG = System.getLogger(PendingAcks.class.getName());

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Scheduler scheduler;

    private static final class Entry {
        final Consumer<List<Object>> onAck;
        final Consumer<Throwable> onError;
        volatile Scheduler.Cancellable timeout = Scheduler.Cancellable.NONE;

        Entry(Consumer<List<Object>> onAck, Consumer<Throwable> onError) {
            this.onAck = onAck;
            this.onError = onError;
        }
    }

    PendingAcks(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Expects an acknowledgement.
     *
     * @param id the ack id
     * @param onAck receives the arguments
     * @param onError receives a timeout or disconnection, or {@code null} to drop silently
     * @param timeout how long to wait, or {@code null} for ever
     */
    void expect(long id, Consumer<List<Object>> onAck, Consumer<Throwable> onError, Duration timeout) {
        Entry entry = new Entry(onAck, onError);
        entries.put(id, entry);
        if (timeout != null) {
            entry.timeout = scheduler.schedule(timeout, () -> fail(id, new AckTimeoutException()));
        }
    }

    /** The client acknowledged {@code id}. */
    void complete(long id, List<Object> args) {
        Entry entry = entries.remove(id);
        if (entry == null) {
            LOG.log(Level.DEBUG, "ignoring unknown or late ack {0}", id);
            return;
        }
        entry.timeout.cancel();
        try {
            entry.onAck.accept(args);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ack callback failed", e);
        }
    }

    /** Forgets {@code id} without calling anything. */
    void forget(long id) {
        Entry entry = entries.remove(id);
        if (entry != null) {
            entry.timeout.cancel();
        }
    }

    /** Fails every pending acknowledgement (the socket disconnected). */
    void failAll(Throwable error) {
        for (Long id : new ArrayList<>(entries.keySet())) {
            fail(id, error);
        }
    }

    private void fail(long id, Throwable error) {
        Entry entry = entries.remove(id);
        if (entry == null) {
            return;
        }
        entry.timeout.cancel();
        if (entry.onError != null) {
            try {
                entry.onError.accept(error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ack error callback failed", e);
            }
        }
    }
}
