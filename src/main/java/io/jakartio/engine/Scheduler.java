package io.jakartio.engine;

import java.time.Duration;

/**
 * Runs delayed tasks: heartbeats, upgrade and close timeouts. One scheduler serves every session
 * (no thread per connection). Injected so that tests drive time by hand.
 */
public interface Scheduler {

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param delay how long to wait
     * @param task what to run; must not block
     * @return a handle to cancel the task
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * The scheduler's clock, for measuring elapsed time only (as {@link System#nanoTime()}), so
     * that a deadline checked outside a task agrees with the tasks: a test's manual clock
     * overrides it.
     *
     * @return the current time in nanoseconds
     */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {

        /** A handle that cancels nothing. */
        Cancellable NONE = () -> { };

        /** Cancels the task if it has not run yet; harmless otherwise. */
        void cancel();
    }
}
