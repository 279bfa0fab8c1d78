package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    /** The overflow warnings are expected here; kept strongly reachable so the level sticks. */
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger("io.jakartio.engine.ExecutorScheduler");

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        QUIET.setLevel(java.util.logging.Level.OFF);
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        QUIET.setLevel(null);
    }

    @Test
    void runsTasksOnANamedDaemonThread() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat")) {
            CountDownLatch ran = new CountDownLatch(1);
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

            scheduler.schedule(Duration.ofMillis(1), () -> {
                threads.add(Thread.currentThread());
                ran.countDown();
            });

            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(threads.get(0).isDaemon());
            assertTrue(threads.get(0).getName().startsWith("heartbeat-"), threads.get(0).getName());
        }
    }

    @Test
    void theThreadComesFromTheGivenFactoryAtOnceNamedAndDaemon() throws Exception {
        // a ManagedThreadFactory gives a thread the context of the one asking: the constructor's
        List<String> askedBy = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ThreadFactory factory = runnable -> {
            askedBy.add(Thread.currentThread().getName());
            return new Thread(runnable, "from the factory");
        };
        try (ExecutorScheduler scheduler = new ExecutorScheduler("jakartio-scheduler", factory)) {
            assertEquals(List.of(Thread.currentThread().getName()), askedBy, "made in the constructor");
            CountDownLatch ran = new CountDownLatch(1);
            String[] name = new String[1];
            boolean[] daemon = new boolean[1];
            scheduler.schedule(Duration.ofMillis(1), () -> {
                name[0] = Thread.currentThread().getName();
                daemon[0] = Thread.currentThread().isDaemon();
                ran.countDown();
            });
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertEquals("jakartio-scheduler-1", name[0]);
            assertTrue(daemon[0]);
            assertEquals(1, askedBy.size(), "one thread");
        }
    }

    @Test
    void failingTaskDoesNotStopLaterTasks() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat")) {
            CountDownLatch ran = new CountDownLatch(1);

            scheduler.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            scheduler.schedule(Duration.ofMillis(1), ran::countDown);

            assertTrue(ran.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelledTaskDoesNotRun() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat")) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            CountDownLatch blocker = new CountDownLatch(1);
            CountDownLatch after = new CountDownLatch(1);
            // The only thread is busy until the cancel happened, so the order is certain.
            scheduler.schedule(Duration.ZERO, () -> await(blocker));
            Scheduler.Cancellable cancelled = scheduler.schedule(Duration.ZERO, () -> cancelledRan.set(true));
            scheduler.schedule(Duration.ZERO, after::countDown);

            cancelled.cancel();
            blocker.countDown();

            assertTrue(after.await(5, TimeUnit.SECONDS));
            assertFalse(cancelledRan.get());
        }
    }

    @Test
    void aTimerRunsOnceNotBeforeItsTimeAndAMovedOrCancelledOneOnlyWhenMovedTo() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat")) {
            List<Long> late = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch ran = new CountDownLatch(3);
            List<Recorded> timers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                timers.add(new Recorded(late, ran));
            }
            Recorded cancelled = new Recorded(late, ran);
            timers.get(0).schedule(scheduler, 30);
            timers.get(1).schedule(scheduler, 5_000);
            timers.get(1).schedule(scheduler, 50); // moved: runs once, at 50 ms
            timers.get(2).schedule(scheduler, 0);
            cancelled.schedule(scheduler, 20);
            scheduler.cancel(cancelled);

            assertTrue(ran.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(3, late.size(), "each timer ran once, the cancelled one never");
            for (long nanos : late) {
                assertTrue(nanos >= 0, "ran " + -nanos + " ns early");
            }
            assertEquals(0, cancelled.runs);
        }
    }

    @Test
    void timerTooFarAheadForTheWheelIsATaskThatCanBeCancelledOrMovedBack() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat")) {
            List<Long> late = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch ran = new CountDownLatch(1);
            Recorded cancelled = new Recorded(late, ran);
            Recorded moved = new Recorded(late, ran);
            long days200 = Duration.ofDays(200).toMillis(); // more than the wheel's 2^30 ticks of 10 ms

            cancelled.schedule(scheduler, days200);
            scheduler.cancel(cancelled);
            moved.schedule(scheduler, days200);
            moved.schedule(scheduler, 20); // from the task back into the wheel

            assertTrue(ran.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertEquals(0, cancelled.runs);
            assertEquals(1, moved.runs);
            assertTrue(late.get(0) >= 0, "ran " + -late.get(0) + " ns early");
        }
    }

    /** A timer that records how late it ran. */
    private static final class Recorded extends Scheduler.Timer {
        private final List<Long> late;
        private final CountDownLatch ran;
        private volatile long dueNanos;
        private volatile int runs;

        Recorded(List<Long> late, CountDownLatch ran) {
            this.late = late;
            this.ran = ran;
        }

        void schedule(Scheduler scheduler, long millis) {
            dueNanos = System.nanoTime() + millis * 1_000_000;
            scheduler.schedule(this, Duration.ofMillis(millis));
        }

        @Override
        public void run() {
            runs++;
            late.add(System.nanoTime() - dueNanos);
            ran.countDown();
        }
    }

    @Test
    void closedSchedulerAcceptsAndDropsTasks() {
        ExecutorScheduler scheduler = new ExecutorScheduler("heartbeat");
        scheduler.close();

        Scheduler.Cancellable task = scheduler.schedule(Duration.ZERO, () -> { });

        assertEquals(Scheduler.Cancellable.NONE, task);
        task.cancel();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
