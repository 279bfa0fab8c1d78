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

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {

        /** A handle that cancels nothing. */
        Cancellable NONE = () -> { };

        /** Cancels the task if it has not run yet; harmless otherwise. */
        void cancel();
    }
}
