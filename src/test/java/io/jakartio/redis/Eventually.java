package io.jakartio.redis;

import java.util.function.BooleanSupplier;

/**
 * Waits for what a cluster does a moment later (a message through Redis, a server noticing
 * another), polling every 10 ms, and fails the test with what was awaited when it does not come.
 *
 * <pre>{@code
 * Eventually.eventually(() -> b.io().sockets().sockets().size() == 2, "both sockets on b");
 * Eventually.eventually(() -> redisIsBack(), "Redis back", 10_000);
 * }</pre>
 */
final class Eventually {

    private Eventually() {
    }

    /** Waits up to {@link ClusterClient#WAIT_MILLIS} for {@code condition}. */
    static void eventually(BooleanSupplier condition, String what) {
        eventually(condition, what, ClusterClient.WAIT_MILLIS);
    }

    /** Waits up to {@link ClusterClient#WAIT_MILLIS} for {@code condition}. */
    static void eventually(BooleanSupplier condition) {
        eventually(condition, "condition");
    }

    /** Waits up to {@code millis} for {@code condition}, else fails with "not within ... ms: what". */
    static void eventually(BooleanSupplier condition, String what, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            RedisCluster.sleep(10);
        }
    }
}
