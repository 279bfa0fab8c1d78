package io.jakartio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock only moves when the test calls {@link #advance}. Due tasks run
 * on the calling thread, in time order (ties in scheduling order); tasks scheduled while
 * advancing run too if they fall due within the window.
 */
final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private Runnable onNextCancel;

    private final class Task implements Comparable<Task>, Cancellable {
        final long dueNanos;
        final long order;
        final Runnable runnable;
        boolean cancelled;

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
                cancelled = true;
                tasks.remove(this);
                hook = onNextCancel;
                onNextCancel = null;
            }
            if (hook != null) {
                hook.run();
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
     * Moves the clock forward, running every task that falls due, each at its own time.
     *
     * @param duration how far to move
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
            next.runnable.run(); // outside the lock, like a real scheduler thread
        }
    }

    /**
     * Runs an action once, inside the next {@link Cancellable#cancel()} call, to interleave
     * another thread's work exactly there (e.g. between a timeout firing and its effect).
     */
    synchronized void onNextCancel(Runnable action) {
        this.onNextCancel = action;
    }

    /** @param millis how far to move the clock, in milliseconds */
    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** @return the time elapsed since the scheduler was created */
    synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** @return how many tasks are scheduled and not cancelled */
    synchronized int pendingTasks() {
        return tasks.size();
    }

    /** @return the delays, from now, of the scheduled tasks, soonest first */
    synchronized List<Duration> pendingDelays() {
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(null);
        List<Duration> delays = new ArrayList<>();
        for (Task task : sorted) {
            delays.add(Duration.ofNanos(task.dueNanos - nowNanos));
        }
        return delays;
    }
}
