package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 2_000;

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder()
            .maxBufferedPackets(THREADS * PER_THREAD + 10)
            .build());

    private final ExecutorService completions = Executors.newFixedThreadPool(2);
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        completions.shutdownNow();
        assertTrue(completions.awaitTermination(5, TimeUnit.SECONDS));
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Asserts that each sender's packets arrived exactly once, in the order it sent them. */
    private static void assertPerThreadOrder(List<String> payloads) {
        Map<Integer, Integer> next = new HashMap<>();
        for (String payload : payloads) {
            String[] parts = payload.split(":");
            int thread = Integer.parseInt(parts[0]);
            int sequence = Integer.parseInt(parts[1]);
            int expected = next.getOrDefault(thread, 0);
            assertEquals(expected, sequence, () -> "thread " + thread + " out of order or duplicated");
            next.put(thread, expected + 1);
        }
        for (int t = 0; t < THREADS; t++) {
            assertEquals(PER_THREAD, next.getOrDefault(t, 0), "packets of thread " + t);
        }
    }

    private void sendFromManyThreads(EngineSocket socket) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            senders.add(start("sender-" + t, () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < PER_THREAD; i++) {
                    assertTrue(socket.send(List.of(EnginePacket.message(id + ":" + i)), false));
                }
            }));
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(8_000);
            assertFalse(sender.isAlive(), sender.getName() + " is stuck");
        }
    }

    @Test
    void manyThreadsSendingToOneWebSocketDeliverEveryPacketOnceInOrder() throws Exception {
        FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).completeOn(completions));
        ws.awaitSendCount(1, Duration.ofSeconds(5));
        ws.takeFrames();
        EngineSocket socket = engine.handler.lastOpened();

        sendFromManyThreads(socket);
        ws.awaitSendCount(1 + THREADS * PER_THREAD, Duration.ofSeconds(8));

        List<String> payloads = new ArrayList<>();
        for (String frame : ws.takeFrames()) {
            assertTrue(frame.startsWith("4"), frame);
            payloads.add(frame.substring(1));
        }
        assertPerThreadOrder(payloads);
        assertTrue(socket.isOpen());
    }

    @Test
    void manyThreadsSendingToOnePollingSessionDeliverEveryPacketOnceInOrder() throws Exception {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        List<String> payloads = new ArrayList<>();
        Thread poller = start("poller", () -> {
            while (payloads.size() < THREADS * PER_THREAD && !Thread.currentThread().isInterrupted()) {
                RecordingExchange poll = engine.get(sid);
                String body;
                try {
                    body = poll.awaitBody(Duration.ofSeconds(8));
                } catch (InterruptedException e) {
                    return;
                }
                for (String packet : body.split("\u001e")) {
                    payloads.add(packet.substring(1));
                }
            }
        });

        sendFromManyThreads(socket);
        poller.join(8_000);

        assertFalse(poller.isAlive(), () -> "poller stuck after " + payloads.size() + " packets");
        assertPerThreadOrder(payloads);
    }

    @Test
    void volatileSendDoesNotWaitForTheTransportWhileHoldingTheSession() throws Exception {
        // A GET being answered holds the polling transport and then asks the session for its
        // queue; a volatile send holds the session and then asks the transport whether it is
        // writable. Taken in opposite orders, the two locks would deadlock.
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        Transport polling = socket.currentTransport();
        boolean[] sent = new boolean[1];
        Thread sender;

        synchronized (polling) { // as PollingTransport.flush does
            sender = start("volatile sender", () -> sent[0] = socket.send(List.of(EnginePacket.message("v")), true));
            sender.join(2_000);
            boolean finished = !sender.isAlive();
            if (finished) {
                assertTrue(socket.hasOutbound() || !sent[0]); // as flush does next, under both locks
            }
            assertTrue(finished, "a volatile send blocked on the transport while holding the session lock");
        }
        assertFalse(sent[0], "no poll was pending");
    }

    @Test
    void closeRacingSendsEndsTheSessionExactlyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            FakeWebSocket ws = engine.webSocketSession(new FakeWebSocket(engine.violations).completeOn(completions));
            EngineSocket socket = engine.handler.lastOpened();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> racers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                racers.add(start("sender-" + t, () -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 200; i++) {
                        socket.send(List.of(EnginePacket.message("x")), false);
                    }
                }));
            }
            racers.add(start("closer", () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                socket.close();
            }));
            go.countDown();
            for (Thread racer : racers) {
                racer.join(5_000);
                assertFalse(racer.isAlive());
            }
            engine.handler.awaitEvents(1, Duration.ofSeconds(5));

            engine.handler.assertClose(socket, CloseReason.FORCED_CLOSE);
            assertTrue(ws.isClosed(), "closed after the queue drained");
            assertFalse(socket.isOpen());
        }
    }
}
