package io.jakartio.engine;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A log that writes at most one line per cause and interval: refused requests are logged, but a
 * client (or an attacker) repeating the same refused request thousands of times a second costs
 * one line a second, which says how many were left out since the previous one.
 *
 * <p>Causes are a small fixed set of names chosen by the caller ({@code "ORIGIN_NOT_ALLOWED"}),
 * never values taken from the request, so that the bookkeeping stays bounded. Thread-safe.
 *
 * <pre>{@code
 * RateLimitedLog log = new RateLimitedLog(System.getLogger("io.jakartio.engine"), System::nanoTime, Duration.ofSeconds(1));
 * log.log("UNKNOWN_SID", Level.INFO, () -> "refused a request for an unknown session");
 * }</pre>
 */
final class RateLimitedLog {

    private final System.Logger logger;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Map<String, Cause> causes = new ConcurrentHashMap<>();

    /** When a cause was last written, and how many of its lines were left out since. */
    private static final class Cause {
        long lastNanos;
        boolean written;
        long suppressed;
    }

    /**
     * @param logger where lines go
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     * @param interval the least time between two lines of one cause; one second in the engine
     */
    RateLimitedLog(System.Logger logger, LongSupplier nanoTime, Duration interval) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Writes a line for {@code cause} unless one was written less than the interval ago; the
     * message is only built when written.
     *
     * @param cause a fixed name for this kind of event
     * @param level the level of the line
     * @param message builds the line
     * @return whether the line was written (for tests)
     */
    boolean log(String cause, Level level, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        Cause state = causes.computeIfAbsent(cause, name -> new Cause());
        long skipped;
        synchronized (state) {
            long now = nanoTime.getAsLong();
            if (state.written && now - state.lastNanos < intervalNanos) {
                state.suppressed++;
                return false;
            }
            state.written = true;
            state.lastNanos = now;
            skipped = state.suppressed;
            state.suppressed = 0;
        }
        String line = message.get();
        logger.log(level, skipped == 0 ? line : line + " (and " + skipped + " more since the previous report)");
        return true;
    }
}
