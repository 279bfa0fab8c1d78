package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * The sockets of a {@link ClusterAdapter} being restored (connection state recovery), so that
 * a broadcast that arrives meanwhile reaches each exactly once, in order (the {@link Adapter}
 * contract's "rejoining"): from the moment its session is found until its missed packets are
 * read, a broadcast to its rooms is held; after that, one at or before the last missed packet is
 * not delivered again (it was among them), one after it is held until the socket rejoins its
 * rooms and then delivered. A socket that never rejoins is forgotten after a while; a socket
 * holds at most {@value #MAX_HELD} packets.
 *
 * <pre>{@code
 * resuming.start(sid, rooms);              // session found
 * resuming.missedUpTo(sid, lastMissed);    // missed packets read
 * BroadcastOptions options = resuming.filter(packet, options, offset); // each logged broadcast
 * resuming.rejoined(sid).forEach(deliver); // the server rejoins the socket's rooms
 * }</pre>
 */
final class ResumingSockets {

    /** The most packets held for one socket. */
    static final int MAX_HELD = 10_000;
    /** How long a restored socket has to rejoin its rooms. */
    private static final long FORGET_AFTER_MILLIS = 30_000;

    /** A broadcast held, with its offset. */
    record Held(SocketPacket packet, BroadcastOptions options, String offset) { }

    private static final class Resuming {
        final Set<String> rooms;
        final long since;
        final List<Held> held = new ArrayList<>();
        String lastMissed; // null while the missed packets are being read
        boolean rejoined;

        Resuming(Set<String> rooms, long since) {
            this.rooms = rooms;
            this.since = since;
        }
    }

    private final Map<String, Resuming> sockets = new ConcurrentHashMap<>();
    private final BiPredicate<String, String> isAfter;
    private final LongSupplier clock;

    /**
     * @param isAfter whether one offset comes after another
     * @param clock the time in milliseconds
     */
    ResumingSockets(BiPredicate<String, String> isAfter, LongSupplier clock) {
        this.isAfter = isAfter;
        this.clock = clock;
    }

    boolean isEmpty() {
        return sockets.isEmpty();
    }

    synchronized void start(String sid, Set<String> rooms) {
        sockets.put(sid, new Resuming(Set.copyOf(rooms), clock.getAsLong()));
    }

    synchronized void missedUpTo(String sid, String lastMissed) {
        Resuming r = sockets.get(sid);
        if (r != null) {
            r.lastMissed = lastMissed;
            r.held.removeIf(h -> !isAfter.test(h.offset(), lastMissed)); // among the missed packets already
        }
    }

    synchronized void forget(String sid) {
        sockets.remove(sid);
    }

    /**
     * @return the options, with the resuming sockets that must not get this packet now excluded
     *     (their own room is their id); held for those that get it when they rejoin
     */
    synchronized BroadcastOptions filter(SocketPacket packet, BroadcastOptions options, String offset) {
        long now = clock.getAsLong();
        Set<String> except = null;
        for (Map.Entry<String, Resuming> entry : sockets.entrySet()) {
            Resuming r = entry.getValue();
            if (now - r.since > FORGET_AFTER_MILLIS) {
                sockets.remove(entry.getKey());
                continue;
            }
            if (!options.reaches(r.rooms)) {
                continue;
            }
            boolean old = r.lastMissed != null && !isAfter.test(offset, r.lastMissed);
            if (r.rejoined && !old) {
                continue; // in its rooms again: delivered as to anyone
            }
            if (!old && !r.rejoined) {
                if (r.held.size() >= MAX_HELD) {
                    sockets.remove(entry.getKey());
                    continue;
                }
                r.held.add(new Held(packet, options, offset));
            }
            except = except == null ? new HashSet<>(options.except()) : except;
            except.add(entry.getKey());
        }
        return except == null ? options : new BroadcastOptions(options.rooms(), except, options.flags());
    }

    /**
     * @param sid a socket that rejoined its rooms
     * @param deliver receives what was held for it, in order; called under this object's lock,
     *     so that no later broadcast reaches the socket first
     */
    synchronized void rejoined(String sid, java.util.function.Consumer<Held> deliver) {
        Resuming r = sockets.get(sid);
        if (r == null) {
            return;
        }
        r.rejoined = true;
        String last = r.lastMissed;
        for (Held h : r.held) {
            if (last == null || isAfter.test(h.offset(), last)) {
                deliver.accept(h);
            }
        }
        r.held.clear();
    }
}
