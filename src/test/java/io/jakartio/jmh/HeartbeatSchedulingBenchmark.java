package io.jakartio.jmh;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a PONG costs the scheduler, with N sessions' heartbeats pending on an
 * {@link ExecutorScheduler}: {@code movedTimer}, the heartbeat as a {@link Scheduler.Timer}
 * moved to the next PING (the timer wheel); {@code rescheduledTask}, a task cancelled and a new
 * one scheduled (the executor's queue, as the heartbeat did before the wheel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HeartbeatSchedulingBenchmark {

    private static final Duration PING_INTERVAL = Duration.ofSeconds(25);

    @Param({"10000"})
    public int sessions;

    private ExecutorScheduler scheduler;
    private Scheduler.Timer[] timers;
    private Scheduler.Cancellable[] tasks;
    private int next;

    @Setup
    public void setUp() {
        scheduler = new ExecutorScheduler("jmh-heartbeat");
        timers = new Scheduler.Timer[sessions];
        tasks = new Scheduler.Cancellable[sessions];
        for (int i = 0; i < sessions; i++) {
            timers[i] = new Scheduler.Timer() {
                @Override
                public void run() {
                }
            };
            scheduler.schedule(timers[i], PING_INTERVAL);
            tasks[i] = scheduler.schedule(PING_INTERVAL, () -> { });
        }
    }

    @TearDown
    public void tearDown() {
        scheduler.close();
    }

    @Benchmark
    public void movedTimer() {
        int i = next();
        scheduler.schedule(timers[i], PING_INTERVAL);
    }

    @Benchmark
    public Scheduler.Cancellable rescheduledTask() {
        int i = next();
        tasks[i].cancel();
        tasks[i] = scheduler.schedule(PING_INTERVAL, () -> { });
        return tasks[i];
    }

    private int next() {
        int i = next;
        next = i + 1 == sessions ? 0 : i + 1;
        return i;
    }
}
