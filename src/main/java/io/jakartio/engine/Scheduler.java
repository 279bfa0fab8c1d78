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

    /**
     * Runs {@code timer} once after {@code delay}, or moves it there if it is pending: a timer
     * is pending at most once. The scheduler does not synchronize the calls for one timer: its
     * owner does (a session's heartbeat calls under its own lock).
     *
     * <p>This default schedules the timer as a task; {@link ExecutorScheduler} keeps it in a
     * timer wheel without any object per schedule.
     *
     * @param timer what to run; must not block
     * @param delay how long to wait
     */
    default void schedule(Timer timer, Duration delay) {
        cancel(timer);
        timer.next = schedule(delay, timer);
    }

    /**
     * Cancels {@code timer} if it is pending; harmless otherwise. It may still run if it was
     * already due: a timer checks when it runs whether its time has come.
     *
     * @param timer the timer
     */
    default void cancel(Timer timer) {
        Cancellable handle = (Cancellable) timer.next;
        timer.next = null;
        if (handle != null) {
            handle.cancel();
        }
    }

    /**
     * A task that is its own handle and its own entry in the scheduler's queue, for a timer every
     * session keeps pending (its heartbeat): no task object nor handle per schedule, which on a
     * {@link java.util.concurrent.ScheduledThreadPoolExecutor} cost about 100 bytes a session.
     */
    abstract class Timer implements Runnable {

        /** Not in a wheel: {@link #dueTick}'s value while unlinked. */
        static final int UNLINKED = Integer.MIN_VALUE;

        // the scheduler's, under its lock: the timer's place in a wheel bucket
        /**
         * In a wheel bucket: the bucket's next timer, or {@code null}. Not in a wheel: the
         * task's {@link Cancellable} handle when the timer runs as a task, or {@code null}.
         * One field for both (4 bytes a session: a heartbeat fits in 40 bytes, not 48).
         */
        Object next;
        Timer prev;
        /**
         * The low 32 bits of the wheel tick the timer is due at (compared by difference, so it may
         * wrap; a wheel keeps only timers due less than 2^30 ticks ahead), or {@link #UNLINKED}.
         */
        int dueTick = UNLINKED;

        /** For subclasses. */
        protected Timer() {
        }
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
