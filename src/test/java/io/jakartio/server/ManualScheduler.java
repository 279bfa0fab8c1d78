package io.jakartio.server;

import io.jakartio.engine.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock moves only when a test calls {@link #advance}. Due tasks run on
 * the calling thread in time order (ties in scheduling order), each at its own time; a task
 * scheduled while advancing runs too if it falls due within the window.
 */
final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private Runnable onNextCancel;

    private final class Task implements Comparable<Task>, Cancellable {
        private final long dueNanos;
        private final long order;
        private final Runnable runnable;

        Task(long dueNanos, long order, Runnable runnable) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            Runnable hook;
            synchronized (ManualScheduler.this) {
                tasks.remove(this);
                hook = onNextCancel;
                onNextCancel = null;
            }
            if (hook != null) {
                hook.run(); // outside the lock: the hook may involve other threads
            }
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new AssertionError("negative delay " + delay);
        }
        Task scheduled = new Task(nowNanos + delay.toNanos(), sequence++, task);
        tasks.add(scheduled);
        return scheduled;
    }

    /**
     * Moves the clock forward, running every task that falls due.
     *
     * @param duration how far
     */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowNanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                tasks.poll();
                nowNanos = next.dueNanos;
            }
            next.runnable.run(); // outside the lock, like a scheduler thread
        }
    }

    /** @return the time of this clock in milliseconds, starting at 0 */
    synchronized long millis() {
        return nowNanos / 1_000_000;
    }

    /** @param millis how far to move the clock, in milliseconds */
    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /**
     * Runs {@code action} once, inside the next {@link Cancellable#cancel()} of any task, to
     * interleave work exactly at that point of the code under test.
     *
     * @param action what to run
     */
    synchronized void onNextCancel(Runnable action) {
        this.onNextCancel = action;
    }

    /** @return how many tasks are scheduled and neither run nor cancelled */
    synchronized int pendingTasks() {
        return tasks.size();
    }
}
