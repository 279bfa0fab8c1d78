package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A socket's listeners: order, duplicates, removal, and changes made while events are emitted. */
class ListenersTest {

    private final Listeners listeners = new Listeners();
    private final List<String> calls = new ArrayList<>();

    @Test
    void listenersOfAnEventRunInTheOrderTheyWereAddedDuplicatesIncluded() {
        EventListener a = args -> calls.add("a" + args[0]);
        EventListener b = args -> calls.add("b" + args[0]);
        listeners.addListener("e", a);
        listeners.addListener("e", b);
        listeners.addListener("e", a);
        listeners.addListener("other", b);
        listeners.emitLocally("e", 1);
        assertEquals(List.of("a1", "b1", "a1"), calls);
        calls.clear();
        listeners.removeListener("e", a); // the first one only, as a list's remove
        listeners.emitLocally("e", 2);
        assertEquals(List.of("b2", "a2"), calls);
        calls.clear();
        listeners.removeListener("e", b);
        listeners.removeListener("e", a);
        listeners.removeListener("e", a); // no longer there: nothing changes
        listeners.removeListener("none", a);
        listeners.emitLocally("e", 3);
        listeners.emitLocally("other", 4);
        assertEquals(List.of("b4"), calls);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        listeners.addListener("e", args -> {
            throw new IllegalStateException("boom");
        });
        listeners.addListener("e", args -> calls.add("after"));
        listeners.emitLocally("e");
        assertEquals(List.of("after"), calls);
    }

    @Test
    void aListenerAddedWhileAnEventIsEmittedHearsTheNextOne() {
        listeners.addListener("e", args -> {
            calls.add("first");
            listeners.addListener("e", more -> calls.add("added"));
        });
        listeners.emitLocally("e");
        assertEquals(List.of("first"), calls);
        listeners.emitLocally("e");
        assertEquals(List.of("first", "first", "added"), calls);
    }

    @Test
    void catchAllListenersComeAndGo() {
        AnyListener in = (event, args) -> calls.add("in:" + event);
        AnyListener out = (event, args) -> calls.add("out:" + event);
        assertFalse(listeners.hasCatchAllOutgoing());
        listeners.catchAll().append(in);
        listeners.catchAllOutgoing().append(out);
        assertTrue(listeners.hasCatchAllOutgoing());
        listeners.notifyCatchAll("a", new Object[0]);
        listeners.notifyCatchAllOutgoing("b", new Object[0]);
        listeners.catchAll().remove(in);
        listeners.catchAllOutgoing().remove(out);
        listeners.catchAllOutgoing().remove(out);
        listeners.notifyCatchAll("c", new Object[0]);
        listeners.notifyCatchAllOutgoing("d", new Object[0]);
        assertEquals(List.of("in:a", "out:b"), calls);
        assertFalse(listeners.hasCatchAllOutgoing());
    }

    @Test
    void concurrentChangesLoseNoListener() throws InterruptedException {
        int threads = 4;
        int each = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger emitted = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            String event = "e" + (t % 2);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        listeners.addListener(event, args -> emitted.incrementAndGet());
                        listeners.catchAll().append((name, args) -> { });
                        listeners.emitLocally(event);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertEquals(List.of(), failures);
        emitted.set(0);
        listeners.emitLocally("e0");
        listeners.emitLocally("e1");
        assertEquals(threads * each, emitted.get(), "every listener added is there");
    }
}
