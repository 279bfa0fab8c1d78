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
        listeners.on("e", a);
        listeners.on("e", b);
        listeners.on("e", a);
        listeners.on("other", b);
        listeners.emit("e", 1);
        assertEquals(List.of("a1", "b1", "a1"), calls);
        calls.clear();
        listeners.off("e", a); // the first one only, as a list's remove
        listeners.emit("e", 2);
        assertEquals(List.of("b2", "a2"), calls);
        calls.clear();
        listeners.off("e", b);
        listeners.off("e", a);
        listeners.off("e", a); // no longer there: nothing changes
        listeners.off("none", a);
        listeners.emit("e", 3);
        listeners.emit("other", 4);
        assertEquals(List.of("b4"), calls);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        listeners.on("e", args -> {
            throw new IllegalStateException("boom");
        });
        listeners.on("e", args -> calls.add("after"));
        listeners.emit("e");
        assertEquals(List.of("after"), calls);
    }

    @Test
    void aListenerAddedWhileAnEventIsEmittedHearsTheNextOne() {
        listeners.on("e", args -> {
            calls.add("first");
            listeners.on("e", more -> calls.add("added"));
        });
        listeners.emit("e");
        assertEquals(List.of("first"), calls);
        listeners.emit("e");
        assertEquals(List.of("first", "first", "added"), calls);
    }

    @Test
    void catchAllListenersComeAndGo() {
        AnyListener in = (event, args) -> calls.add("in:" + event);
        AnyListener out = (event, args) -> calls.add("out:" + event);
        assertFalse(listeners.hasAnyOutgoing());
        listeners.any().append(in);
        listeners.anyOutgoing().append(out);
        assertTrue(listeners.hasAnyOutgoing());
        listeners.notifyAny("a", new Object[0]);
        listeners.notifyAnyOutgoing("b", new Object[0]);
        listeners.any().remove(in);
        listeners.anyOutgoing().remove(out);
        listeners.anyOutgoing().remove(out);
        listeners.notifyAny("c", new Object[0]);
        listeners.notifyAnyOutgoing("d", new Object[0]);
        assertEquals(List.of("in:a", "out:b"), calls);
        assertFalse(listeners.hasAnyOutgoing());
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
                        listeners.on(event, args -> emitted.incrementAndGet());
                        listeners.any().append((name, args) -> { });
                        listeners.emit(event);
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
        listeners.emit("e0");
        listeners.emit("e1");
        assertEquals(threads * each, emitted.get(), "every listener added is there");
    }
}
