package io.jakartio.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} actions per {@code window} per user (a sliding window): the chat's
 * "20 messages per 10 s". Per server: in a cluster each node counts its own users' tabs.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC());
 * if (!limiter.tryAcquire(nickname.key())) {
 *     ack.call(Map.of("error", "too many messages"));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    /**
     * @param max the most actions allowed within a window
     * @param window the window's length
     * @param clock the time (a fixed or offset clock in tests)
     */
    public RateLimiter(int max, Duration window, Clock clock) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("max must be positive and the window longer than zero");
        }
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** @return the chat's limit: 20 messages per 10 s, on the system clock */
    public static RateLimiter chatDefault() {
        return new RateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /**
     * Counts one action of {@code user} if the limit allows it.
     *
     * @param user the user's key
     * @return {@code true} if allowed (and counted), {@code false} if over the limit (not counted)
     */
    public boolean tryAcquire(String user) {
        long now = clock.millis();
        boolean[] allowed = new boolean[1];
        recent.compute(user, (key, times) -> {
            ArrayDeque<Long> list = times == null ? new ArrayDeque<>() : times;
            while (!list.isEmpty() && list.peekFirst() <= now - windowMillis) {
                list.pollFirst();
            }
            if (list.size() < max) {
                list.addLast(now);
                allowed[0] = true;
            }
            return list;
        });
        return allowed[0];
    }

    /** @param user a user who left: their count is dropped */
    public void forget(String user) {
        recent.remove(user);
    }
}
