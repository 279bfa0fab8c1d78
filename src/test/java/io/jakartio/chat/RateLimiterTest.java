package io.jakartio.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();
    private final RateLimiter limiter = new RateLimiter(20, Duration.ofSeconds(10), clock);

    @Test
    void twentyMessagesIn10SecondsPassAndTheTwentyFirstIsRefused() {
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.tryAcquire("alice"), "message " + (i + 1));
            clock.advance(Duration.ofMillis(100));
        }
        assertFalse(limiter.tryAcquire("alice"));
    }

    @Test
    void aRefusedMessageIsNotCountedAndTheWindowSlides() {
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.tryAcquire("alice"));
        }
        clock.advance(Duration.ofMillis(9_999));
        assertFalse(limiter.tryAcquire("alice"), "still within the 10 s of the first twenty");
        clock.advance(Duration.ofMillis(1));
        assertTrue(limiter.tryAcquire("alice"), "10 s after the first twenty");
    }

    @Test
    void eachUserHasTheirOwnLimit() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("alice");
        }
        assertFalse(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("bob"));
    }

    @Test
    void aForgottenUserStartsAfresh() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("alice");
        }
        limiter.forget("alice");
        assertTrue(limiter.tryAcquire("alice"));
    }

    @Test
    void aLimiterNeedsAPositiveMaximumAndWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO, clock));
    }

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {

        private Instant now = Instant.parse("2026-12-03T18:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
