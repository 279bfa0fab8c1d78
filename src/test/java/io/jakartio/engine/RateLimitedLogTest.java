package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RecordingLogger logger = new RecordingLogger(Level.INFO);
    private final RateLimitedLog log = new RateLimitedLog(logger, nanos::get, Duration.ofSeconds(1));

    private void advanceMillis(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void theFirstLineOfACauseIsWritten() {
        assertTrue(log.log("ORIGIN_NOT_ALLOWED", Level.WARNING, () -> "refused https://evil.example"));

        assertEquals(List.of("WARNING refused https://evil.example"), logger.lines);
    }

    @Test
    void aFloodOfOneCauseWritesOneLineASecondAndCountsTheRest() {
        for (int i = 0; i < 10_000; i++) {
            log.log("UNKNOWN_SID", Level.INFO, () -> "refused an unknown session");
            advanceMillis(0);
        }
        advanceMillis(999);
        assertFalse(log.log("UNKNOWN_SID", Level.INFO, () -> "refused an unknown session"), "still within the second");
        advanceMillis(1);
        assertTrue(log.log("UNKNOWN_SID", Level.INFO, () -> "refused an unknown session"));

        assertEquals(List.of(
                "INFO refused an unknown session",
                "INFO refused an unknown session (and 10000 more since the previous report)"), logger.lines);
    }

    @Test
    void causesAreLimitedEachOnTheirOwn() {
        log.log("ORIGIN_NOT_ALLOWED", Level.WARNING, () -> "origin");
        log.log("UNKNOWN_SID", Level.INFO, () -> "sid");
        log.log("ORIGIN_NOT_ALLOWED", Level.WARNING, () -> "origin again");

        assertEquals(List.of("WARNING origin", "INFO sid"), logger.lines);
    }

    @Test
    void aMessageLeftOutIsNeverBuilt() {
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            log.log("BAD_REQUEST", Level.INFO, () -> "line " + built.incrementAndGet());
        }

        assertEquals(1, built.get());
    }

    @Test
    void aLevelTheLoggerDropsCostsNothingAndDoesNotUseTheCausesTurn() {
        RecordingLogger warningsOnly = new RecordingLogger(Level.WARNING);
        RateLimitedLog quiet = new RateLimitedLog(warningsOnly, nanos::get, Duration.ofSeconds(1));

        assertFalse(quiet.log("UNKNOWN_SID", Level.INFO, () -> { throw new AssertionError("built"); }));
        assertTrue(quiet.log("UNKNOWN_SID", Level.WARNING, () -> "now it shows"));
        assertEquals(List.of("WARNING now it shows"), warningsOnly.lines);
    }

    @Test
    void theClockMayStartAnywhereEvenBelowZero() {
        nanos.set(Long.MIN_VALUE + 5);
        assertTrue(log.log("X", Level.INFO, () -> "first"));
        advanceMillis(500);
        assertFalse(log.log("X", Level.INFO, () -> "second"));
        advanceMillis(500);
        assertTrue(log.log("X", Level.INFO, () -> "third"));
    }
}
