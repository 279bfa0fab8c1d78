package io.jakartio.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets through at most one log line per second about refused requests, however many clients
 * are refused: a misbehaving client, or a page that keeps asking for what its user may not
 * have, must not flood the server's log. The next line says how many were left out. Thread-safe.
 */
final class RefusalLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final LongSupplier nanoTime;
    /** When the next line may be logged; {@code Long.MIN_VALUE} until the first. */
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong skipped = new AtomicLong();

    /** @param nanoTime the clock, {@code System::nanoTime} outside tests */
    RefusalLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * @param line what happened
     * @return the line to log now (with the count of lines left out since the last one), or
     *     {@code null} if one was logged less than a second ago
     */
    String admit(String line) {
        long now = nanoTime.getAsLong();
        long allowedFrom = next.get();
        if ((allowedFrom != Long.MIN_VALUE && now - allowedFrom < 0)
                || !next.compareAndSet(allowedFrom, now + INTERVAL_NANOS)) {
            skipped.incrementAndGet();
            return null;
        }
        long left = skipped.getAndSet(0);
        return left == 0 ? line : line + " (" + left + " more refused since the last report, not logged)";
    }
}
