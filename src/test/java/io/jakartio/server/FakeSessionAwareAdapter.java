package io.jakartio.server;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.PersistedSession;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * TEST SCOPE ONLY: a stand-in for a session-aware adapter, against which the server's side of
 * connection state recovery is tested on its own: its offsets read well in assertions, and it can
 * answer restores later, on another thread, as a cluster adapter does. The real one of a single
 * server is {@link io.jakartio.adapter.SessionAwareAdapter} (see {@code RecoveryOnOneServerTest}).
 * A minimal, honest implementation of the contract in
 * {@link io.jakartio.adapter.Adapter}: sessions by private id, a log of the broadcasts that
 * carry an offset ({@code "offset-1"}, {@code "offset-2"}... readable in assertions), expiry after
 * the host's {@code maxDisconnectionDuration} on the test's clock. Not a model of efficiency:
 * the log is never trimmed, and it is one lock for everything.
 *
 * <pre>{@code
 * harness.options(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults())
 *         .adapter(host -> new FakeSessionAwareAdapter(host, harness.clock::millis)));
 * }</pre>
 */
final class FakeSessionAwareAdapter extends InMemoryAdapter {

    /** A broadcast that got an offset, as logged. */
    private record Logged(String offset, BroadcastOptions options, SocketPacket packet) { }

    /** A session and when its socket lost the connection. */
    private record Stored(PersistedSession session, long disconnectedAt) { }

    private final LongSupplier clock;
    private final Map<String, Stored> sessions = new LinkedHashMap<>();
    private final List<Logged> log = new ArrayList<>();
    private final List<CompletableFuture<Void>> deferred = new ArrayList<>();
    private boolean deferRestores;

    /**
     * @param host the namespace
     * @param clock the current time in milliseconds
     */
    FakeSessionAwareAdapter(AdapterHost host, LongSupplier clock) {
        super(host);
        this.clock = clock;
    }

    @Override
    public void broadcast(SocketPacket packet, BroadcastOptions options) {
        SocketPacket sent = packet;
        synchronized (this) {
            if (host.maxDisconnectionDuration().isPresent() && packet.type() == SocketPacketType.EVENT
                    && !packet.wantsAck() && !options.flags().volatileSend()) {
                String offset = "offset-" + (log.size() + 1);
                List<Object> data = new ArrayList<>(packet.args());
                data.add(offset); // last argument: the client reads it there
                sent = SocketPacket.event(packet.namespace(), data);
                log.add(new Logged(offset, options, sent));
            }
        }
        super.broadcast(sent, options);
    }

    @Override
    public synchronized void persistSession(PersistedSession session) {
        sessions.put(session.pid(), new Stored(session, clock.getAsLong()));
    }

    @Override
    public synchronized CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        Optional<RestoredSession> found = find(pid, offset);
        if (!deferRestores) {
            return CompletableFuture.completedFuture(found);
        }
        CompletableFuture<Void> release = new CompletableFuture<>();
        deferred.add(release);
        return release.thenApply(ignored -> found);
    }

    private Optional<RestoredSession> find(String pid, String offset) {
        Stored stored = sessions.remove(pid); // single use: persisted again at the next disconnection
        Duration max = host.maxDisconnectionDuration().orElse(Duration.ZERO);
        if (stored == null || clock.getAsLong() - stored.disconnectedAt() > max.toMillis()) {
            return Optional.empty();
        }
        int index = -1;
        for (int i = 0; i < log.size() && index < 0; i++) {
            if (log.get(i).offset().equals(offset)) {
                index = i;
            }
        }
        if (index < 0) { // unknown, or trimmed away: the client missed too much
            return Optional.empty();
        }
        PersistedSession session = stored.session();
        List<SocketPacket> missed = new ArrayList<>();
        for (Logged logged : log.subList(index + 1, log.size())) {
            if (targets(logged.options(), session.rooms())) {
                missed.add(logged.packet());
            }
        }
        return Optional.of(session.restore(missed));
    }

    private static boolean targets(BroadcastOptions options, Set<String> rooms) {
        boolean included = options.rooms().isEmpty() || !Collections.disjoint(options.rooms(), rooms);
        return included && Collections.disjoint(options.except(), rooms);
    }

    // ---- for the tests ----

    /** @return the persisted sessions, by private id */
    synchronized Map<String, PersistedSession> sessions() {
        Map<String, PersistedSession> copy = new LinkedHashMap<>();
        sessions.forEach((pid, stored) -> copy.put(pid, stored.session()));
        return copy;
    }

    /** @return what the namespace told the adapter of the recovery option */
    Optional<Duration> maxDisconnectionDuration() {
        return host.maxDisconnectionDuration();
    }

    /** @return how many broadcasts got an offset */
    synchronized int loggedPackets() {
        return log.size();
    }

    /** From now on, {@link #restoreSession} answers only when {@link #completeRestores} is called. */
    synchronized void deferRestores() {
        deferRestores = true;
    }

    /** Completes the restores asked for so far, on the calling thread. */
    void completeRestores() {
        List<CompletableFuture<Void>> due;
        synchronized (this) {
            due = new ArrayList<>(deferred);
            deferred.clear();
        }
        due.forEach(release -> release.complete(null));
    }
}
