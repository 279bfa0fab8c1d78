package io.jakartio.testing;

import io.jakartio.engine.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock moves only when a test calls {@link #advance}: heartbeats,
 * timeouts and close handshakes are tested without waiting real time. Due tasks run on the
 * calling thread in time order (ties in scheduling order), each at its own time; a task
 * scheduled while advancing runs too if it falls due within the window. Thread-safe: code under
 * test may schedule and cancel from other threads.
 *
 * <pre>{@code
 * ManualScheduler clock = new ManualScheduler();
 * EngineServer engine = new EngineServer(options, clock, handler);
 * clock.advance(Duration.ofSeconds(25)); // the first PING is sent
 * }</pre>
 */
public final class ManualScheduler implements Scheduler {

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
     * Moves the clock forward, running every task that falls due, each at its own time.
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
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
                nowNanos = Math.max(nowNanos, next.dueNanos); // a task that fell due meanwhile runs late
            }
            next.runnable.run(); // outside the lock, like a scheduler thread
        }
    }

    /**
     * Moves the clock forward without running anything, as a scheduler thread that is late (a
     * loaded machine): tasks that fell due meanwhile run at the next {@link #advance}, late, at
     * the clock's time then. Meanwhile other threads (requests) see the new time.
     *
     * @param duration how far to move
     */
    public synchronized void moveWithoutRunning(Duration duration) {
        nowNanos += duration.toNanos();
    }

    /** @param millis how far to move the clock, in milliseconds */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** @return the clock's time: it moves only in {@link #advance}, to each task's time as it runs */
    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    /** @return the time elapsed since the scheduler was created */
    public synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** @return the time of this clock in milliseconds, starting at 0 */
    public synchronized long millis() {
        return nowNanos / 1_000_000;
    }

    /**
     * Runs {@code action} once, inside the next {@link Cancellable#cancel()} of any task, to
     * interleave work exactly at that point of the code under test (e.g. between a timeout
     * firing and its effect).
     *
     * @param action what to run
     */
    public synchronized void onNextCancel(Runnable action) {
        this.onNextCancel = action;
    }

    /** @return how many tasks are scheduled and neither run nor cancelled */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    /** @return the delays, from now, of the scheduled tasks, soonest first */
    public synchronized List<Duration> pendingDelays() {
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(null);
        List<Duration> delays = new ArrayList<>();
        for (Task task : sorted) {
            delays.add(Duration.ofNanos(task.dueNanos - nowNanos));
        }
        return delays;
    }
}
