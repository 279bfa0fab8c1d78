package io.jakartio.engine;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Scheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}; cancelled
 * tasks are removed at once so that 50,000 sessions' heartbeats do not pile up.
 *
 * <pre>{@code
 * try (ExecutorScheduler scheduler = new ExecutorScheduler("jakartio-heartbeat")) {
 *     EngineServer engine = new EngineServer(options, scheduler, handler);
 * }
 * }</pre>
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    /**
     * Starts the scheduler thread.
     *
     * @param threadName the name of its thread
     */
    public ExecutorScheduler(String threadName) {
        AtomicInteger count = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return Cancellable.NONE;
        }
        Task scheduled = new Task(task);
        // as a Callable: the executor then wraps it in its future alone, where a Runnable would
        // also get an adapter (24 bytes more for every pending heartbeat)
        scheduled.future = executor.schedule((Callable<Void>) scheduled, delay.toNanos(), TimeUnit.NANOSECONDS);
        return scheduled;
    }

    /**
     * A task as scheduled, and its handle: one object rather than a wrapper and a handle, for a
     * heartbeat per session is always pending.
     */
    private static final class Task implements Runnable, Callable<Void>, Cancellable {

        private final Runnable task;
        /** Set right after scheduling, before the handle is returned. */
        private volatile ScheduledFuture<?> future;

        Task(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger(ExecutorScheduler.class.getName())
                        .log(System.Logger.Level.WARNING, "scheduled task failed", e);
            }
        }

        @Override
        public Void call() {
            run();
            return null;
        }

        @Override
        public void cancel() {
            future.cancel(false);
        }
    }

    /** Stops the thread; pending tasks are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
