package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.websocket.WebSocketProtocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames read on a thread that must not block (WildFly's I/O threads) are handled on the
 * application's executor, one at a time and in order; frames read on an application thread are
 * handled in place unless some of their connection's wait; a flood is cut off.
 */
class InboundDispatchTest {

    private static final long LIMIT = 10_000;

    private final ExecutorService executor = Executors.newFixedThreadPool(4, task -> new Thread(task, "executor"));
    private final Handler handler = new Handler();
    private final Connection connection = new Connection();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void framesReadOnAForeignThreadAreHandledOnTheExecutorOneAtATimeInOrder() throws Exception {
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> false, LIMIT);
        handler.slow = true; // each frame takes a while: a second one must wait, not overlap
        for (int i = 0; i < 20; i++) {
            dispatch.onText("4" + i);
        }
        dispatch.onBinary(new byte[3]);
        dispatch.onClose();

        handler.awaitClose();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("text:4" + i);
        }
        expected.add("binary:3");
        expected.add("close");
        assertEquals(expected, handler.events(), "every event, in the order read");
        assertEquals(List.of("executor"), handler.threads(), "on the executor's threads only");
        assertEquals(1, handler.mostAtOnce.get(), "one frame of a connection at a time");
        assertEquals(List.of(), connection.closes);
    }

    @Test
    void aFrameReadOnAnApplicationThreadIsHandledInPlace() {
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> true, LIMIT);
        dispatch.onText("40");
        dispatch.onClose();

        assertEquals(List.of("text:40", "close"), handler.events());
        assertEquals(List.of(Thread.currentThread().getName()), handler.threads(), "handled by the reading thread itself");
    }

    @Test
    void aFrameReadOnAnApplicationThreadWaitsForTheFramesOfItsConnectionAlreadyWaiting() throws Exception {
        boolean[] onApplicationThread = {false};
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> onApplicationThread[0], LIMIT);
        handler.block = new CountDownLatch(1);
        dispatch.onText("4first");   // foreign: to the executor, where it blocks
        handler.awaitStarted();
        onApplicationThread[0] = true;
        dispatch.onText("4second");  // an application thread, but the first is still being handled
        dispatch.onClose();
        assertEquals(List.of("text:4first"), handler.events(), "the second waits its turn");

        handler.block.countDown();
        handler.awaitClose();
        assertEquals(List.of("text:4first", "text:4second", "close"), handler.events());
        assertEquals(List.of("executor"), handler.threads());
    }

    @Test
    void aClientThatSendsMoreThanTheLimitWhileItsHandlerBlocksIsDisconnectedAndWhatWaitsIsDropped() throws Exception {
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> false, LIMIT);
        handler.block = new CountDownLatch(1);
        dispatch.onText("4blocking");
        handler.awaitStarted();
        String big = "4" + "x".repeat(2_999);
        for (int i = 0; i < 3; i++) {
            dispatch.onText(big); // 9,000 bytes wait: within the limit
        }
        assertEquals(List.of(), connection.closes, "within the limit");
        dispatch.onText(big);     // 12,000: over it

        assertEquals(List.of(WebSocketProtocol.CLOSE_POLICY_VIOLATION), connection.closes, "disconnected with 1008");
        dispatch.onClose(); // the connection closing tells the handler, after what was being handled
        handler.block.countDown();
        handler.awaitClose();
        assertEquals(List.of("text:4blocking", "close"), handler.events(), "what waited was dropped");
    }

    @Test
    void tinyFramesCountAtLeastTheirCostInMemory() throws Exception {
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> false, LIMIT);
        handler.block = new CountDownLatch(1);
        dispatch.onText("4blocking");
        handler.awaitStarted();
        int within = (int) (LIMIT / InboundDispatch.FRAME_OVERHEAD);
        for (int i = 0; i < within; i++) {
            dispatch.onText("3");
        }
        assertEquals(List.of(), connection.closes, within + " one-byte frames are within the limit");
        dispatch.onText("3");
        assertEquals(List.of(WebSocketProtocol.CLOSE_POLICY_VIOLATION), connection.closes, "one more is not");
        handler.block.countDown();
    }

    @Test
    void aConnectionHandlesAgainOnceWhatWaitedIsDoneAndItsCountStartsAfresh() throws Exception {
        InboundDispatch dispatch = new InboundDispatch(handler, connection, executor, () -> false, LIMIT);
        for (int round = 0; round < 5; round++) {
            dispatch.onText("4" + "y".repeat(8_000)); // alone within the limit every time: nothing left counted
            handler.awaitEvents(round + 1);
        }
        assertEquals(List.of(), connection.closes);
        assertEquals(5, handler.events().size());
    }

    @Test
    void framesAreHandledInPlaceWhenTheExecutorRefusesThemAsTheApplicationStops() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        InboundDispatch dispatch = new InboundDispatch(handler, connection, stopped, () -> false, LIMIT);
        dispatch.onText("41");
        dispatch.onClose();
        assertEquals(List.of("text:41", "close"), handler.events(), "nothing lost");
        assertEquals(List.of(Thread.currentThread().getName()), handler.threads(), "on the reading thread");
    }

    /** Records events and the threads they ran on; may block or slow each event. */
    private static final class Handler implements WebSocketHandler {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean slow;
        volatile CountDownLatch block;

        @Override
        public void onText(String frame) {
            handle("text:" + frame);
        }

        @Override
        public void onBinary(byte[] frame) {
            handle("binary:" + frame.length);
        }

        @Override
        public void onError(Throwable error) {
            handle("error");
        }

        @Override
        public void onClose() {
            handle("close");
            closed.countDown();
        }

        private void handle(String event) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                events.add(event);
                if (!threads.contains(Thread.currentThread().getName())) {
                    threads.add(Thread.currentThread().getName());
                }
                started.countDown();
                CountDownLatch gate = block;
                if (gate != null && (event.equals("text:4first") || event.equals("text:4blocking"))) {
                    gate.await(10, TimeUnit.SECONDS);
                } else if (slow) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }

        List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        List<String> threads() {
            synchronized (threads) {
                return List.copyOf(threads);
            }
        }

        void awaitStarted() throws InterruptedException {
            assertTrue(started.await(10, TimeUnit.SECONDS), "the first event started");
        }

        void awaitClose() throws InterruptedException {
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the close was handled; events: " + events());
        }

        void awaitEvents(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events().size() < count && System.nanoTime() < end) {
                Thread.sleep(1);
            }
            assertEquals(count, events().size(), "events handled");
            while (running.get() > 0 && System.nanoTime() < end) { // the task gives the connection back
                Thread.sleep(1);
            }
        }
    }

    /** The connection: records the close codes it was asked for. */
    private static final class Connection implements WebSocketConnection {
        final List<Integer> closes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sendText(String text, Consumer<Throwable> onComplete) {
        }

        @Override
        public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code);
        }
    }
}
