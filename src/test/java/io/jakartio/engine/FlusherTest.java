package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
