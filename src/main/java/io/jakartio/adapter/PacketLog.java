package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.function.Consumer;

/**
 * The packets a {@link SessionAwareAdapter} keeps for clients that come back, oldest first: each
 * with its offset, the options it was broadcast with and when. At most {@code capacity} are
 * kept (the oldest goes when a new one would exceed it), in a ring that grows as needed, so an
 * idle namespace holds a few slots, not {@code capacity}.
 *
 * <p>An offset is this log's prefix (random, so that an offset from another namespace or an
 * earlier run, or an application string that the client took for one, is never mistaken for one
 * of ours) followed by the packet's sequence number in base 36: finding it is arithmetic, not a
 * search.
 *
 * <p>Not thread-safe: the adapter guards it.
 *
 * <pre>{@code
 * PacketLog log = new PacketLog("k3x9.", 10_000);
 * String offset = log.nextOffset();              // "k3x9.0": goes into the packet, last argument
 * log.append(packetWithOffset, options, now);
 * long seq = log.sequenceOf(offset);             // 0
 * log.forEachAfter(seq, entry -> resend(entry)); // nothing yet
 * }</pre>
 */
final class PacketLog {

    /**
     * One logged broadcast.
     *
     * @param sequence its position since the log was made (offset = prefix + sequence in base 36)
     * @param packet the EVENT packet as delivered, its offset as last argument
     * @param options who it was for
     * @param emittedAt when, in the adapter's clock's milliseconds
     */
    record Entry(long sequence, SocketPacket packet, BroadcastOptions options, long emittedAt) { }

    private static final int INITIAL_SLOTS = 16;

    private final String prefix;
    private final int capacity;
    private Entry[] ring = new Entry[0];
    /** Index in {@link #ring} of the oldest entry. */
    private int head;
    private int size;
    /** The sequence number the next entry gets. */
    private long next;

    /**
     * @param prefix starts every offset of this log
     * @param capacity the most entries kept, at least 1
     */
    PacketLog(String prefix, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.prefix = prefix;
        this.capacity = capacity;
    }

    /** @return the offset the next appended entry will have */
    String nextOffset() {
        return prefix + Long.toString(next, 36);
    }

    /**
     * Adds an entry with the offset {@link #nextOffset()} gave, dropping the oldest if full.
     *
     * @param packet the packet, its offset as last argument
     * @param options its targets
     * @param now the time
     * @return the entry
     */
    Entry append(SocketPacket packet, BroadcastOptions options, long now) {
        Entry entry = new Entry(next++, packet, options, now);
        if (size == capacity) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        } else if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = entry;
        size++;
        return entry;
    }

    private void grow() {
        int length = (int) Math.min(capacity, Math.max(INITIAL_SLOTS, 2L * ring.length));
        Entry[] bigger = new Entry[length];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    /**
     * Where an offset a client sent leaves it: every entry after the returned sequence is one it
     * may have missed. Valid while nothing after it has been dropped: the offset of a kept entry,
     * or of the last one dropped (the client then missed only what is kept), or of the newest.
     *
     * @param offset the client's offset
     * @return the sequence after which the client's missed packets start, or -1 if the log cannot
     *     tell (not an offset of this log, from the future, or packets after it were dropped)
     */
    long sequenceOf(String offset) {
        if (offset == null || !offset.startsWith(prefix) || offset.length() == prefix.length()
                || offset.length() - prefix.length() > 13) { // 13 base-36 digits hold any long
            return -1;
        }
        long sequence;
        try {
            sequence = Long.parseLong(offset, prefix.length(), offset.length(), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
        if (sequence < 0 || !offset.equals(prefix + Long.toString(sequence, 36))) { // "-1", "+1", "01": not ours
            return -1;
        }
        long first = next - size;
        return sequence >= first - 1 && sequence < next ? sequence : -1;
    }

    /**
     * @param sequence a sequence {@link #sequenceOf} returned
     * @param action receives each kept entry after it, oldest first
     */
    void forEachAfter(long sequence, Consumer<Entry> action) {
        long first = next - size;
        for (long s = Math.max(sequence + 1, first); s < next; s++) {
            action.accept(ring[(int) ((head + (s - first)) % ring.length)]);
        }
    }

    /**
     * Drops the entries emitted before a time.
     *
     * @param threshold entries with {@code emittedAt < threshold} go
     */
    void dropOlderThan(long threshold) {
        while (size > 0 && ring[head].emittedAt() < threshold) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        if (size == 0 && ring.length > INITIAL_SLOTS) {
            ring = new Entry[0]; // a burst's slots are not kept for ever by a quiet namespace
            head = 0;
        }
    }

    /** @return when the oldest kept entry was emitted, or {@link Long#MAX_VALUE} if none */
    long oldestTime() {
        return size == 0 ? Long.MAX_VALUE : ring[head].emittedAt();
    }

    /** @return how many entries are kept */
    int size() {
        return size;
    }

    /** Drops every entry; offsets already given stay unknown for ever. */
    void clear() {
        ring = new Entry[0];
        head = 0;
        size = 0;
    }
}
