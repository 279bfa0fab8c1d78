package io.jakartio.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirstUpgradeGateTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final FirstUpgradeGate gate = new FirstUpgradeGate();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** An upgrade that stays inside the container's handler creation until released. */
    private static final class HeldUpgrade implements FirstUpgradeGate.Upgrade<Object> {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Object handler = new Object();

        @Override
        public Object create() throws IOException {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return handler;
        }
    }

    @Test
    void upgradesRunOneAtATimeUntilTheFirstHasSucceeded() throws Exception {
        HeldUpgrade first = new HeldUpgrade();
        AtomicInteger secondRuns = new AtomicInteger();
        Future<Object> firstResult = threads.submit(() -> gate.upgrade(first));
        assertTrue(first.inside.await(5, TimeUnit.SECONDS));

        AtomicReference<Thread> secondThread = new AtomicReference<>();
        Future<Object> secondResult = threads.submit(() -> {
            secondThread.set(Thread.currentThread());
            return gate.upgrade(() -> {
                secondRuns.incrementAndGet();
                return "second";
            });
        });
        awaitBlocked(secondThread);
        assertEquals(0, secondRuns.get(), "the second upgrade waits while the first creates its handler");
        assertFalse(gate.isOpen());

        first.release.countDown();
        assertSame(first.handler, firstResult.get(5, TimeUnit.SECONDS));
        assertEquals("second", secondResult.get(5, TimeUnit.SECONDS));
        assertTrue(gate.isOpen());
    }

    @Test
    void onceOneUpgradeSucceededUpgradesNoLongerWaitForEachOther() throws Exception {
        assertEquals("first", gate.upgrade(() -> "first"));
        HeldUpgrade held = new HeldUpgrade();
        Future<Object> heldResult = threads.submit(() -> gate.upgrade(held));
        assertTrue(held.inside.await(5, TimeUnit.SECONDS));

        Future<Object> other = threads.submit(() -> gate.upgrade(() -> "other"));
        assertEquals("other", other.get(5, TimeUnit.SECONDS), "done while the held one is still inside");

        held.release.countDown();
        assertSame(held.handler, heldResult.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedFirstUpgradeKeepsTheGateClosedForTheNext() throws Exception {
        IOException failure = assertThrows(IOException.class, () -> gate.upgrade(() -> {
            throw new IOException("container refused");
        }));
        assertEquals("container refused", failure.getMessage());
        assertFalse(gate.isOpen());
        RuntimeException npe = assertThrows(NullPointerException.class, () -> gate.upgrade(() -> {
            throw new NullPointerException("injection target not built yet");
        }));
        assertEquals("injection target not built yet", npe.getMessage());
        assertFalse(gate.isOpen());

        assertEquals("ok", gate.upgrade(() -> "ok"));
        assertTrue(gate.isOpen());
    }

    /** Waits until {@code thread} waits for a monitor: the gate's, the only one on its way. */
    private static void awaitBlocked(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.get() == null || thread.get().getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline) {
                Thread t = thread.get();
                throw new AssertionError("the second upgrade did not wait at the gate: " + (t == null ? "not started" : t.getState()));
            }
            Thread.sleep(5);
        }
    }
}
