package io.jakartio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Scheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}; cancelled
 * tasks are removed at once so that 50,000 sessions' heartbeats do not pile up.
 *
 * <p>{@linkplain Scheduler.Timer Timers} (the sessions' heartbeats) go to a hashed timer wheel
 * instead, in the manner of Netty's {@code HashedWheelTimer}: buckets of {@value #TICK_MILLIS} ms,
 * each a list linked through the timers themselves, so a pending heartbeat costs no object of
 * its own. A timer never runs early, and at most one tick late (plus the thread's own delay); the
 * wheel ticks only while a timer is pending.
 *
 * <pre>{@code
 * try (ExecutorScheduler scheduler = new ExecutorScheduler("jakartio-heartbeat")) {
 *     EngineServer engine = new EngineServer(options, scheduler, handler);
 * }
 * }</pre>
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private static final int TICK_MILLIS = 10;
    private static final long TICK_NANOS = TICK_MILLIS * 1_000_000L;
    /** 4,096 buckets of 10 ms: a wheel turn is 41 s, longer than a heartbeat's usual delays. */
    private static final int BUCKETS = 4096;
    /**
     * The longest delay a wheel keeps, in ticks (124 days): a timer keeps the low 32 bits of its
     * due tick, compared by difference; a longer delay is scheduled as a task.
     */
    private static final long MAX_WHEEL_TICKS = 1L << 30;

    private final ScheduledThreadPoolExecutor executor;
    /** The wheel's time 0, by {@link System#nanoTime()}. */
    private final long origin = System.nanoTime();
    /** The first timer of each bucket; guarded by itself, as is every field below. */
    private final Timer[] wheel = new Timer[BUCKETS];
    /** The last tick whose bucket was run. */
    private long doneTick;
    private int pendingTimers;
    /** Ticks the wheel while timers are pending, else {@code null}. */
    private ScheduledFuture<?> ticking;

    /**
     * Starts the scheduler thread.
     *
     * @param threadName the name of its thread
     */
    public ExecutorScheduler(String threadName) {
        this(threadName, Thread::new);
    }

    /**
     * Starts the scheduler thread from a factory: in a Jakarta EE server, its
     * {@code ManagedThreadFactory}, so that the callbacks the scheduler runs (acknowledgement
     * timeouts, disconnects after a missed heartbeat) have the application's naming context. The
     * thread is made now, on the calling thread, whose context such a factory gives it.
     *
     * <pre>{@code
     * ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
     * ExecutorScheduler scheduler = new ExecutorScheduler("jakartio-scheduler", threads);
     * }</pre>
     *
     * @param threadName the name of its thread
     * @param threads makes the thread
     */
    public ExecutorScheduler(String threadName, ThreadFactory threads) {
        AtomicInteger count = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName(threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
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

    @Override
    public void schedule(Timer timer, Duration delay) {
        long now = System.nanoTime();
        // rounded up: the tick the timer runs at ends after its due time, never before
        long tick = Math.floorDiv(now - origin + delay.toNanos() + TICK_NANOS - 1, TICK_NANOS);
        synchronized (wheel) {
            if (executor.isShutdown()) {
                return;
            }
            if (tick - Math.max(doneTick, (now - origin) / TICK_NANOS) >= MAX_WHEEL_TICKS) {
                Scheduler.super.schedule(timer, delay); // too far ahead for the wheel's 32-bit ticks: a task
                return;
            }
            if (timer.dueTick != Timer.UNLINKED) {
                unlink(timer);
            } else {
                if (timer.next != null) { // was scheduled as a task (see above)
                    Scheduler.super.cancel(timer);
                }
                if (pendingTimers++ == 0) {
                    doneTick = (now - origin) / TICK_NANOS; // the buckets are empty: the wheel starts from now
                    ticking = executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
                }
            }
            int due = (int) Math.max(tick, doneTick + 1);
            timer.dueTick = due == Timer.UNLINKED ? due + 1 : due; // one tick late once in 2^32: never early
            int bucket = timer.dueTick & (BUCKETS - 1);
            Timer head = wheel[bucket];
            timer.prev = null;
            timer.next = head;
            if (head != null) {
                head.prev = timer;
            }
            wheel[bucket] = timer;
        }
    }

    @Override
    public void cancel(Timer timer) {
        synchronized (wheel) {
            if (timer.dueTick != Timer.UNLINKED) {
                unlink(timer);
                timer.dueTick = Timer.UNLINKED;
                timerGone();
            } else if (timer.next != null) {
                Scheduler.super.cancel(timer);
            }
        }
    }

    /** Runs the buckets of the ticks that ended since the last; their due timers run after, unlocked. */
    private void tick() {
        long now = (System.nanoTime() - origin) / TICK_NANOS;
        List<Timer> due = null;
        synchronized (wheel) {
            while (doneTick < now && pendingTimers > 0) {
                doneTick++;
                Timer timer = wheel[(int) (doneTick & (BUCKETS - 1))];
                while (timer != null) {
                    Timer next = (Timer) timer.next;
                    if (timer.dueTick - (int) doneTick <= 0) { // else due in a later turn of the wheel
                        unlink(timer);
                        timer.dueTick = Timer.UNLINKED;
                        timerGone();
                        if (due == null) {
                            due = new ArrayList<>();
                        }
                        due.add(timer);
                    }
                    timer = next;
                }
            }
        }
        if (due != null) {
            for (Timer timer : due) {
                Task.runLogged(timer);
            }
        }
    }

    private void unlink(Timer timer) {
        Timer next = (Timer) timer.next;
        if (timer.prev != null) {
            timer.prev.next = next;
        } else {
            wheel[timer.dueTick & (BUCKETS - 1)] = next;
        }
        if (next != null) {
            next.prev = timer.prev;
        }
        timer.next = null;
        timer.prev = null;
    }

    private void timerGone() {
        if (--pendingTimers == 0) {
            ticking.cancel(false);
            ticking = null;
        }
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
            runLogged(task);
        }

        static void runLogged(Runnable task) {
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
