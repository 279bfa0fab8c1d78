package io.jakartio.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** A log line at most every ten seconds, saying how many like it were left out since the last. */
final class RareLog {

    private static final long INTERVAL_MILLIS = 10_000;

    private final Logger logger;
    private long last = Long.MIN_VALUE;
    private int suppressed;

    RareLog(Logger logger) {
        this.logger = logger;
    }

    synchronized void log(Level level, String message) {
        long now = System.currentTimeMillis();
        if (last != Long.MIN_VALUE && now - last < INTERVAL_MILLIS) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " more like it since the last line)";
        last = now;
        suppressed = 0;
        logger.log(level, message + more);
    }
}
