package io.jakartio.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The other servers a {@link ClusterAdapter} has heard from, and when last (Node's
 * {@code nodesMap} of {@code ClusterAdapterWithHeartbeat}): every message from another server
 * counts as a sign of life; a server silent for longer than the heartbeat timeout, or whose
 * adapter said it closed, is gone.
 *
 * <pre>{@code
 * ClusterNodes nodes = new ClusterNodes(10_000, System::currentTimeMillis);
 * nodes.seen("9f2c0a1b3d4e5f60");
 * List<String> gone = nodes.expire(); // those silent for 10 s
 * }</pre>
 */
final class ClusterNodes {

    /** The id Node's emitters send with: not a server. */
    static final String EMITTER_UID = "emitter";

    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /**
     * @param timeoutMillis how long a server may stay silent
     * @param clock the time in milliseconds
     */
    ClusterNodes(long timeoutMillis, LongSupplier clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    /** @param uid a server that just sent something */
    void seen(String uid) {
        if (uid != null && !EMITTER_UID.equals(uid)) {
            lastSeen.put(uid, clock.getAsLong());
        }
    }

    /**
     * @param uid a server whose adapter closed
     * @return whether it was known
     */
    boolean remove(String uid) {
        return lastSeen.remove(uid) != null;
    }

    /** @return the servers silent for too long, now forgotten */
    List<String> expire() {
        long threshold = clock.getAsLong() - timeoutMillis;
        List<String> gone = new ArrayList<>();
        lastSeen.forEach((uid, at) -> {
            if (at < threshold && lastSeen.remove(uid, at)) {
                gone.add(uid);
            }
        });
        return gone;
    }

    /** @return the servers heard from recently */
    Set<String> alive() {
        return Set.copyOf(lastSeen.keySet());
    }

    /** @return how many servers were heard from recently */
    int count() {
        return lastSeen.size();
    }
}
