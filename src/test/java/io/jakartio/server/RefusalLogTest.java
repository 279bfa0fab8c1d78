package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** At most one line per second about refusals, the next one counting those left out. */
class RefusalLogTest {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // any origin, even negative
    private final RefusalLog log = new RefusalLog(nanos::get);

    @Test
    void theFirstLineGoesOutAndTheOthersOfThatSecondDoNot() {
        assertEquals("a", log.admit("a"));
        assertNull(log.admit("b"));
        nanos.addAndGet(999_999_999L);
        assertNull(log.admit("c"));
    }

    @Test
    void aSecondLaterTheNextLineCountsThoseLeftOut() {
        log.admit("a");
        log.admit("b");
        log.admit("c");
        nanos.addAndGet(1_000_000_000L);

        assertEquals("d (2 more refused since the last report, not logged)", log.admit("d"));
        nanos.addAndGet(1_500_000_000L);
        assertEquals("e", log.admit("e"), "nothing left out since d");
    }
}
