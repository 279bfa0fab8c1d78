package io.jakartio.adapter;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The adapter of a single server with connection state recovery (Socket.IO's
 * {@code SessionAwareAdapter}): an {@link InMemoryAdapter} that also keeps the sessions of
 * sockets whose connection was lost and a log of the packets broadcast, so that a client that
 * comes back in time gets its socket and the packets it missed (see {@link Adapter} for the
 * contract). It is what a server uses by default when the option is on:
 *
 * <pre>{@code
 * Server io = new Server(ServerOptions.builder()
 *         .connectionStateRecovery(ConnectionStateRecovery.defaults()) // picks this adapter
 *         .build());
 * }</pre>
 *
 * <p><b>Memory.</b> Everything expires {@code maxDisconnectionDuration} after it was stored
 * ({@link AdapterHost#maxDisconnectionDuration()}), checked at each use and by a timer on the
 * server's scheduler: a session when its socket lost the connection, a packet when it was
 * broadcast. The log also holds at most {@link AdapterHost#maxPersistedPackets()} packets (10,000
 * by default), the oldest dropped first, whatever the rate of broadcasts. Sessions are one per
 * socket whose connection was lost within the window. A client comes back with its socket if its
 * session is there and the log still holds every packet broadcast since the last one it
 * received; otherwise it gets a fresh socket, never a socket with a gap.
 *
 * <p><b>Order.</b> Logging a packet and queueing it for its recipients happen under one lock, so
 * every connection receives logged packets in log order and the offset a client sends back
 * splits exactly what it got from what it missed; a restore takes the same lock. Broadcasts of a
 * namespace queue one at a time (the connections are written after, in parallel). The packets
 * broadcast to a restored socket's rooms between its restore and the server's rejoining them
 * ({@link #addAll}) are delivered when it rejoins, after its missed packets: none is lost or
 * sent twice.
 */
public class SessionAwareAdapter extends InMemoryAdapter {

    private static final System.Logger LOG = System.getLogger(SessionAwareAdapter.class.getName());
    /** Timers run at most this often: expiry is to the second, not to the millisecond. */
    private static final long SWEEP_GRANULARITY_MILLIS = 1_000;

    /** A persisted session and when its socket lost the connection. */
    private record Stored(PersistedSession session, long disconnectedAt) { }

    /** A restored session whose socket has not rejoined its rooms yet, and what was broadcast to them since. */
    private record Resuming(Set<String> rooms, long restoredAt, List<PacketLog.Entry> late) { }

    private final boolean enabled;
    private final long windowMillis;
    private final int maxPackets;
    private final LongSupplier clock;
    /** Guards everything below; see the class documentation for why broadcasts take it. */
    private final Object lock = new Object();
    private final PacketLog log;
    /** By private session id, oldest disconnection first. */
    private final Map<String, Stored> sessions = new LinkedHashMap<>();
    /** By socket id; changed under {@link #lock}, read without it by {@link #addAll}. */
    private final Map<String, Resuming> resuming = new ConcurrentHashMap<>();
    private Runnable cancelSweep;
    private boolean timers = true;
    private boolean closed;

    /**
     * An adapter on the system's monotonic clock.
     *
     * @param host the namespace; recovery is on if its {@code maxDisconnectionDuration} is present
     */
    public SessionAwareAdapter(AdapterHost host) {
        this(host, () -> System.nanoTime() / 1_000_000);
    }

    /**
     * An adapter on a given clock (tests drive it by hand, with the host's scheduler).
     *
     * <pre>{@code
     * ServerOptions.builder().adapter(host -> new SessionAwareAdapter(host, manualClock::millis));
     * }</pre>
     *
     * @param host the namespace; recovery is on if its {@code maxDisconnectionDuration} is present.
     *     Without it this adapter is an {@link InMemoryAdapter}: no offsets, no sessions.
     * @param clock the current time in milliseconds, never going back
     */
    public SessionAwareAdapter(AdapterHost host, LongSupplier clock) {
        super(host);
        Optional<Duration> window = host.maxDisconnectionDuration();
        this.enabled = window.isPresent();
        this.windowMillis = window.map(Duration::toMillis).orElse(0L);
        this.maxPackets = host.maxPersistedPackets();
        this.clock = clock;
        this.log = new PacketLog(Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36)
                + ".", Math.max(1, maxPackets));
    }

    /**
     * {@inheritDoc}
     *
     * <p>An EVENT packet without acknowledgement and not volatile gets the next offset as its
     * last argument and is logged, then delivered; as in the reference adapter, whatever its
     * rooms, exceptions and {@code local} flag. Other packets are delivered as they are.
     */
    @Override
    public void broadcast(SocketPacket packet, BroadcastOptions options) {
        if (!enabled || packet.type() != SocketPacketType.EVENT || packet.wantsAck() || options.flags().volatileSend()) {
            super.broadcast(packet, options);
            return;
        }
        host.batch(() -> {
            synchronized (lock) {
                long now = clock.getAsLong();
                log.dropOlderThan(now - windowMillis);
                List<Object> data = new ArrayList<>(packet.args().size() + 1);
                data.addAll(packet.args());
                data.add(log.nextOffset()); // the client keeps the last string argument as its offset
                SocketPacket local = SocketPacket.event(host.name(), data);
                BroadcastFlags flags = options.flags();
                // not encodable: nothing logged; the compress flag applied once for every recipient
                EncodedPacket encoded = host.encoder().encode(local).withCompress(flags.compress());
                PacketLog.Entry entry = log.append(local, options, now);
                forEachTarget(options, id -> host.deliver(id, local, encoded, flags));
                if (!resuming.isEmpty()) {
                    holdForResuming(entry);
                }
                scheduleSweep(now);
            }
        });
    }

    private void holdForResuming(PacketLog.Entry entry) {
        for (Map.Entry<String, Resuming> waiting : resuming.entrySet()) {
            Resuming r = waiting.getValue();
            if (entry.options().reaches(r.rooms())) {
                if (r.late().size() >= maxPackets) { // only if the server never rejoins it: forget it
                    LOG.log(Level.WARNING, "socket {0} of {1} was restored but never rejoined its rooms",
                            waiting.getKey(), host.name());
                    resuming.remove(waiting.getKey());
                } else {
                    r.late().add(entry);
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>When a restored socket rejoins its rooms, the packets broadcast to them since its restore
     * are delivered to it, in order, before any broadcast that follows.
     */
    @Override
    public void addAll(String socketId, Set<String> rooms) {
        if (resuming.isEmpty() || !resuming.containsKey(socketId)) {
            super.addAll(socketId, rooms);
            return;
        }
        synchronized (lock) {
            super.addAll(socketId, rooms);
            Resuming r = resuming.remove(socketId);
            if (r != null) {
                for (PacketLog.Entry entry : r.late()) {
                    host.deliver(socketId, entry.packet(), host.encoder().encode(entry.packet()), entry.options().flags());
                }
            }
        }
    }

    @Override
    public void persistSession(PersistedSession session) {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            long now = clock.getAsLong();
            sessions.remove(session.pid()); // re-inserted last: the map stays in disconnection order
            sessions.put(session.pid(), new Stored(session, now));
            expire(now);
            scheduleSweep(now);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A session is restored once: the server persists it again at the next disconnection.
     */
    @Override
    public CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        Optional<RestoredSession> found = Optional.empty();
        if (enabled) {
            synchronized (lock) {
                found = restore(pid, offset);
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    private Optional<RestoredSession> restore(String pid, String offset) {
        long now = clock.getAsLong();
        expire(now);
        Stored stored = sessions.remove(pid);
        long after = log.sequenceOf(offset);
        if (stored == null || after < 0) { // unknown or expired; or the client missed packets we no longer have
            return Optional.empty();
        }
        PersistedSession session = stored.session();
        List<SocketPacket> missed = new ArrayList<>();
        log.forEachAfter(after, entry -> {
            if (entry.options().reaches(session.rooms())) {
                missed.add(entry.packet());
            }
        });
        resuming.put(session.sid(), new Resuming(session.rooms(), now, new ArrayList<>()));
        scheduleSweep(now);
        return Optional.of(session.restore(missed));
    }

    /** Drops what is older than the window; under the lock. */
    private void expire(long now) {
        long threshold = now - windowMillis;
        log.dropOlderThan(threshold);
        Iterator<Stored> oldestFirst = sessions.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().disconnectedAt() < threshold) {
            oldestFirst.remove();
        }
        resuming.values().removeIf(r -> r.restoredAt() < threshold);
    }

    /** Makes sure a timer will expire what is kept; under the lock. */
    private void scheduleSweep(long now) {
        if (cancelSweep != null || !timers || closed) {
            return;
        }
        long oldest = log.oldestTime();
        if (!sessions.isEmpty()) {
            oldest = Math.min(oldest, sessions.values().iterator().next().disconnectedAt());
        }
        for (Resuming r : resuming.values()) {
            oldest = Math.min(oldest, r.restoredAt());
        }
        if (oldest == Long.MAX_VALUE) {
            return; // nothing kept, no timer: an idle namespace costs the scheduler nothing
        }
        long delay = Math.max(oldest + windowMillis - now + 1, SWEEP_GRANULARITY_MILLIS);
        try {
            cancelSweep = host.schedule(Duration.ofMillis(delay), this::sweep);
        } catch (UnsupportedOperationException e) {
            timers = false; // expiry at each use only
            LOG.log(Level.DEBUG, "no timers for {0}: sessions and packets expire when the namespace is next used",
                    host.name());
        }
    }

    private void sweep() {
        synchronized (lock) {
            cancelSweep = null;
            if (closed) {
                return;
            }
            long now = clock.getAsLong();
            expire(now);
            scheduleSweep(now);
        }
    }

    /** Forgets every session and packet and stops the timer (the namespace is gone). */
    @Override
    public void close() {
        Runnable cancel;
        synchronized (lock) {
            closed = true;
            cancel = cancelSweep;
            cancelSweep = null;
            sessions.clear();
            resuming.clear();
            log.clear();
        }
        if (cancel != null) {
            cancel.run();
        }
        super.close();
    }

    // ---- for tests of this package ----

    /** @return how many sessions are kept */
    int sessionCount() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /** @return how many packets are kept */
    int packetCount() {
        synchronized (lock) {
            return log.size();
        }
    }
}
