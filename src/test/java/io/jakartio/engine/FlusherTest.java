package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlusherTest {

    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    /** A transport that records each flush as "name(pending packets)". */
    private final class Counting extends Transport {
        final String name;
        int pending;
        Runnable duringFlush = () -> { };

        Counting(String name) {
            this.name = name;
        }

        void queue(Flusher flusher) {
            synchronized (this) {
                pending++;
            }
            flusher.schedule(this);
        }

        @Override
        void flush() {
            int taken;
            synchronized (this) {
                taken = pending;
                pending = 0;
            }
            writes.add(name + "(" + taken + ")");
            duringFlush.run();
        }

        @Override
        TransportType type() {
            return TransportType.WEBSOCKET;
        }

        @Override
        boolean isWritable() {
            return true;
        }

        @Override
        void close(CloseReason reason) {
        }
    }

    @Test
    void withoutABatchTheCallingThreadWritesAtOnce() {
        Flusher flusher = new Flusher(2);
        Counting a = new Counting("a");

        a.queue(flusher);
        assertEquals(List.of("a(1)"), writes);
        a.queue(flusher);
        assertEquals(List.of("a(1)", "a(1)"), writes);
    }

    @Test
    void withNoLanesEveryQueuedPacketIsWrittenAtOnceEvenInABatch() {
        Flusher flusher = new Flusher(0);
        Counting a = new Counting("a");

        flusher.batch(() -> {
            a.queue(flusher);
            a.queue(flusher);
            assertEquals(List.of("a(1)", "a(1)"), writes);
        });
        assertEquals(List.of("a(1)", "a(1)"), writes);
    }

    @Test
    void aBatchWritesEachTransportOnceAfterItsDeliveries() {
        Flusher flusher = new Flusher(2);
        Counting a = new Counting("a");
        Counting b = new Counting("b");

        flusher.batch(() -> {
            a.queue(flusher);
            b.queue(flusher);
            a.queue(flusher);
            flusher.batch(() -> b.queue(flusher)); // nested: the outer batch writes
            assertEquals(List.of(), writes, "nothing is written before the batch ends");
        });

        assertEquals(2, writes.size());
        assertTrue(writes.containsAll(List.of("a(2)", "b(2)")), writes.toString());
    }

    @Test
    void aBatchIsKeptForTheNextBroadcastWhicheverThreadRunsItAndNotByTheThread() throws Exception {
        Flusher flusher = new Flusher(2);
        Counting a = new Counting("a");

        flusher.batch(() -> a.queue(flusher));
        assertEquals(1, flusher.spareBatches(), "kept by the flusher once written");

        // Another thread takes the same batch: it is not tied to the thread that used it (a
        // thread-local one would outlive an undeployed application in the container's threads).
        Future<Integer> keptDuringOthersBatch = other.submit(() -> {
            int[] kept = new int[1];
            flusher.batch(() -> {
                a.queue(flusher);
                kept[0] = flusher.spareBatches();
            });
            return kept[0];
        });
        assertEquals(0, keptDuringOthersBatch.get(5, TimeUnit.SECONDS), "the other thread took the kept batch");
        assertEquals(1, flusher.spareBatches());
        assertEquals(List.of("a(1)", "a(1)"), writes);
    }

    @Test
    void batchesRunningAtOnceEachGetTheirOwnAndBothAreKept() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");

        flusher.batch(() -> {
            a.queue(flusher);
            Future<?> inner = other.submit(() -> flusher.batch(() -> b.queue(flusher)));
            assertDoesNotThrow(() -> inner.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("b(1)"), writes, "the other thread's batch was written on its own");
        });

        assertEquals(List.of("b(1)", "a(1)"), writes);
        assertEquals(2, flusher.spareBatches());
    }

    @Test
    void aBatchStartedWhileAnotherIsWrittenOnTheSameThreadIsWrittenToo() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");
        Counting c = new Counting("c");
        int[] rounds = {0};
        a.duringFlush = () -> { // e.g. a failed write whose disconnect handler broadcasts
            if (rounds[0]++ == 0) {
                flusher.batch(() -> c.queue(flusher));
            }
        };

        flusher.batch(() -> {
            a.queue(flusher);
            b.queue(flusher);
        });
        flusher.batch(() -> b.queue(flusher)); // the thread's kept batch is reusable afterwards

        assertEquals(List.of("a(1)", "b(1)", "c(1)", "b(1)"), writes);
    }

    @Test
    void aBatchOfOneServerDoesNotHoldAnotherServersPackets() {
        Flusher one = new Flusher(1);
        Flusher other = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");

        one.batch(() -> {
            a.queue(one);
            b.queue(other); // another engine on the same thread: written by its own flusher, now
            assertEquals(List.of("b(1)"), writes);
        });

        assertEquals(List.of("b(1)", "a(1)"), writes);
    }

    @Test
    void aBatchThatThrowsStillWritesWhatItQueued() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");

        assertThrows(IllegalStateException.class, () -> flusher.batch(() -> {
            a.queue(flusher);
            throw new IllegalStateException("broadcast failed half-way");
        }));
        assertEquals(List.of("a(1)"), writes);
    }

    @Test
    void whileOneThreadWritesALaneAnotherThreadsPacketsJoinItsWritesAndTheOtherThreadReturns()
            throws Exception {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");
        Counting c = new Counting("c");
        // Thread 1 broadcasts to a, b, c and is held inside its write of a.
        HeldWrite held = HeldWrite.of(a);
        Future<?> first = other.submit(() -> flusher.batch(() -> {
            a.queue(flusher);
            b.queue(flusher);
            c.queue(flusher);
        }));
        held.awaitWriting();
        a.duringFlush = () -> { };

        // This thread broadcasts to b, c and a meanwhile: it queues and returns without writing.
        flusher.batch(() -> {
            b.queue(flusher);
            c.queue(flusher);
            a.queue(flusher);
        });
        assertEquals(List.of("a(1)"), writes);

        held.release();
        first.get(5, TimeUnit.SECONDS);
        // b and c carry both broadcasts in one write each; a was being written, so it goes again.
        assertEquals(List.of("a(1)", "b(2)", "c(2)", "a(1)"), writes);
    }

    @Test
    void aTransportQueuedForDuringItsOwnWriteIsWrittenAgain() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        int[] rounds = {0};
        a.duringFlush = () -> {
            if (rounds[0]++ == 0) {
                a.queue(flusher); // e.g. a completion that queued the next packet
            }
        };

        a.queue(flusher);

        assertEquals(List.of("a(1)", "a(1)"), writes);
    }

    @Test
    void aWriteThatFailsDoesNotStopTheOthers() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");
        a.duringFlush = () -> {
            throw new IllegalStateException("expected in this test: a broken session");
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Flusher.class.getName());
        log.setLevel(java.util.logging.Level.OFF);
        try {
            flusher.batch(() -> {
                a.queue(flusher);
                b.queue(flusher);
            });
        } finally {
            log.setLevel(null);
        }

        assertEquals(List.of("a(1)", "b(1)"), writes);
        a.duringFlush = () -> { };
        a.queue(flusher);
        assertEquals("a(1)", writes.get(2), "the failed transport can be scheduled again");
    }

    @Test
    void anErrorEscapingAWriteLeavesTheLaneUsableAndTheRestWaiting() {
        Flusher flusher = new Flusher(1);
        Counting a = new Counting("a");
        Counting b = new Counting("b");
        a.duringFlush = () -> {
            throw new AssertionError("expected in this test");
        };

        assertThrows(AssertionError.class, () -> flusher.batch(() -> {
            a.queue(flusher);
            b.queue(flusher);
        }));
        assertEquals(List.of("a(1)"), writes);

        a.duringFlush = () -> { };
        a.queue(flusher); // the next thread to come writes what was handed back, then a
        assertEquals(List.of("a(1)", "b(1)", "a(1)"), writes);
    }

    @Test
    void lanesAreWrittenByDifferentThreadsAtOnce() throws Exception {
        Flusher flusher = new Flusher(2);
        Counting first = new Counting("first");
        Counting second = new Counting("second");
        while (flusher.laneOf(second) == flusher.laneOf(first)) {
            second = new Counting("second");
        }
        HeldWrite held = HeldWrite.of(first);
        Future<?> writing = other.submit(() -> first.queue(flusher));
        held.awaitWriting();

        second.queue(flusher); // another lane: written here and now, not behind the held one

        assertEquals(List.of("first(1)", "second(1)"), writes);
        held.release();
        writing.get(5, TimeUnit.SECONDS);
    }

    /** Transports of each lane of {@code flusher}: {@code perLane} in each, by lane index. */
    private List<List<Counting>> transportsByLane(Flusher flusher, int lanes, int perLane) {
        List<List<Counting>> byLane = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            byLane.add(new ArrayList<>());
        }
        for (int n = 0; byLane.stream().anyMatch(l -> l.size() < perLane); n++) {
            Counting t = new Counting("t" + n);
            List<Counting> lane = byLane.get(flusher.laneOf(t));
            if (lane.size() < perLane) {
                lane.add(t);
            }
        }
        return byLane;
    }

    @Test
    void aBroadcastsLargeLanesButOneAreWrittenByWriterThreadsWhileTheBroadcastingThreadWritesItsOwn()
            throws Exception {
        Flusher flusher = new Flusher(2, 3, "test-writer");
        try {
            List<List<Counting>> byLane = transportsByLane(flusher, 2, 3);
            Map<String, String> writtenBy = new ConcurrentHashMap<>();
            CountDownLatch otherLaneWritten = new CountDownLatch(3);
            for (Counting t : byLane.get(1)) {
                t.duringFlush = () -> {
                    writtenBy.put(t.name, Thread.currentThread().getName());
                    otherLaneWritten.countDown();
                };
            }
            for (Counting t : byLane.get(0)) {
                // the broadcasting thread's own lane waits until the other lane is written: both
                // lanes are written at once, or this test fails with "not released"
                t.duringFlush = () -> {
                    writtenBy.put(t.name, Thread.currentThread().getName());
                    await(otherLaneWritten);
                };
            }

            flusher.batch(() -> byLane.forEach(lane -> lane.forEach(t -> t.queue(flusher))));

            String me = Thread.currentThread().getName();
            for (Counting t : byLane.get(0)) {
                assertEquals(me, writtenBy.get(t.name), t.name + " in the broadcasting thread's lane");
            }
            for (Counting t : byLane.get(1)) {
                assertEquals("test-writer-1", writtenBy.get(t.name), t.name + " in the handed-over lane");
            }
            assertEquals(6, writes.size(), "every transport written once: " + writes);
            assertEquals(1, flusher.writerThreads());
        } finally {
            flusher.close();
        }
    }

    @Test
    void lanesSmallerThanTheHandOffMinimumAreWrittenByTheBroadcastingThreadBeforeBatchReturns() {
        Flusher flusher = new Flusher(2, 4, "test-writer");
        try {
            List<List<Counting>> byLane = transportsByLane(flusher, 2, 3);

            flusher.batch(() -> byLane.forEach(lane -> lane.forEach(t -> t.queue(flusher))));

            assertEquals(6, writes.size(), "all written by the time batch returned: " + writes);
            assertEquals(0, flusher.writerThreads(), "no writer thread started");
        } finally {
            flusher.close();
        }
    }

    @Test
    void oneLaneNeverHandsOff() {
        Flusher flusher = new Flusher(1, 1, "test-writer");
        List<List<Counting>> byLane = transportsByLane(flusher, 1, 5);

        flusher.batch(() -> byLane.get(0).forEach(t -> t.queue(flusher)));

        assertEquals(5, writes.size(), "all written by the time batch returned: " + writes);
        assertEquals(0, flusher.writerThreads());
    }

    @Test
    void afterCloseTheBroadcastingThreadWritesEveryLaneItself() {
        Flusher flusher = new Flusher(2, 1, "test-writer");
        flusher.close();
        List<List<Counting>> byLane = transportsByLane(flusher, 2, 3);

        flusher.batch(() -> byLane.forEach(lane -> lane.forEach(t -> t.queue(flusher))));

        assertEquals(6, writes.size(), "all written by the time batch returned: " + writes);
        assertEquals(0, flusher.writerThreads());
    }

    @Test
    void aBroadcastWhileAWriterThreadWritesItsLaneLeavesThatLaneToTheWriter() throws Exception {
        Flusher flusher = new Flusher(2, 2, "test-writer");
        try {
            List<List<Counting>> byLane = transportsByLane(flusher, 2, 2);
            Counting held = byLane.get(1).get(0);
            Counting next = byLane.get(1).get(1);
            HeldWrite hold = HeldWrite.of(held);
            flusher.batch(() -> byLane.forEach(lane -> lane.forEach(t -> t.queue(flusher))));
            hold.awaitWriting(); // the writer thread is inside the other lane's first write
            held.duringFlush = () -> { };
            CountDownLatch nextWritten = new CountDownLatch(1);
            next.duringFlush = nextWritten::countDown;

            // a second broadcast to that lane: queued for the writer, nothing written here
            flusher.batch(() -> byLane.get(1).forEach(t -> t.queue(flusher)));
            List<String> lane1 = List.of(held.name + "(1)");
            assertEquals(lane1, writes.stream().filter(w -> w.startsWith(held.name + "(") || w.startsWith(next.name + "(")).toList());

            hold.release();
            assertTrue(nextWritten.await(5, TimeUnit.SECONDS), "the writer went on");
            // next carries both broadcasts in one write; held, written during the second, goes again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (writes.size() < 5 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of(held.name + "(1)", next.name + "(2)", held.name + "(1)"),
                    writes.stream().filter(w -> w.startsWith(held.name + "(") || w.startsWith(next.name + "(")).toList());
        } finally {
            flusher.close();
        }
    }

    /** Holds the thread that writes a transport inside that write until released. */
    private record HeldWrite(CountDownLatch writing, CountDownLatch released) {

        static HeldWrite of(Counting transport) {
            HeldWrite held = new HeldWrite(new CountDownLatch(1), new CountDownLatch(1));
            transport.duringFlush = () -> {
                held.writing.countDown();
                await(held.released);
            };
            return held;
        }

        void awaitWriting() throws InterruptedException {
            assertTrue(writing.await(5, TimeUnit.SECONDS), "the write did not start");
        }

        void release() {
            released.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
