package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A {@link WebSocketConnection} that records the frames the engine sends and plays the client's
 * side through the {@link WebSocketHandler} the engine returned.
 *
 * <p>Sends complete inline by default. {@link #holdSends()} keeps each completion until the test
 * calls {@link #completeNext}; {@link #completeOn} completes on an executor's thread. Starting a
 * send while the previous one has not completed is a violation of the
 * {@link WebSocketConnection} contract: it is recorded and fails the test.
 *
 * <p>Text frames are recorded as they are; binary frames as {@code "binary:" + base64}.
 */
final class FakeWebSocket implements WebSocketConnection {

    private enum Mode { INLINE, HOLD, EXECUTOR }

    private final List<String> violations;
    private final List<String> frames = new ArrayList<>();
    private final ArrayDeque<Consumer<Throwable>> held = new ArrayDeque<>();
    private final ArrayDeque<Throwable> scriptedFailures = new ArrayDeque<>();
    private Mode mode = Mode.INLINE;
    private Executor executor;
    private boolean inFlight;
    private int sends;
    private int flushes;
    private Integer closeCode;
    private String closeReason;
    private WebSocketHandler handler;
    private int stackDepthSample = -1;
    private int maxStackDepth;
    private int minStackDepth = Integer.MAX_VALUE;
    private boolean reportsCloseAtOnce;
    private final List<Reaction> reactions = new ArrayList<>();

    private record Reaction(String frame, Runnable action) {
    }

    FakeWebSocket(List<String> violations) {
        this.violations = violations;
    }

    FakeWebSocket() {
        this(Collections.synchronizedList(new ArrayList<>()));
    }

    // ---- configuration ----

    /** Completions wait for {@link #completeNext}. */
    synchronized FakeWebSocket holdSends() {
        mode = Mode.HOLD;
        return this;
    }

    /** Completions run inline again (the default). */
    synchronized FakeWebSocket completeInline() {
        mode = Mode.INLINE;
        return this;
    }

    /** Completions run on the executor. */
    synchronized FakeWebSocket completeOn(Executor value) {
        mode = Mode.EXECUTOR;
        executor = value;
        return this;
    }

    /** The next send fails with the given error (delivered as its completion). */
    synchronized FakeWebSocket failNextSend(Throwable error) {
        scriptedFailures.add(error);
        return this;
    }

    /**
     * {@link #close} reports the close to the engine's handler before it returns, as a JSR-356
     * container's {@code Session.close} does (Tomcat calls the endpoint's {@code onClose}).
     */
    synchronized FakeWebSocket reportCloseAtOnce() {
        reportsCloseAtOnce = true;
        return this;
    }

    /** Records the call-stack depth of every {@code n}th send (see {@link #maxStackDepth()}). */
    synchronized FakeWebSocket sampleStackDepthEvery(int n) {
        stackDepthSample = n;
        return this;
    }

    /**
     * When the engine next sends {@code frame}, runs {@code reaction} as the send starts, before
     * the engine's call returns: a client that reads the frame and answers on its other
     * connections while the engine's thread is still inside the send.
     */
    synchronized FakeWebSocket onSend(String frame, Runnable reaction) {
        reactions.add(new Reaction(frame, reaction));
        return this;
    }

    void bind(WebSocketHandler value) {
        this.handler = value;
    }

    WebSocketHandler handler() {
        assertNotNull(handler, "not opened through the engine");
        return handler;
    }

    // ---- WebSocketConnection ----

    @Override
    public void sendText(String text, Consumer<Throwable> onComplete) {
        send(text, onComplete);
    }

    @Override
    public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        send("binary:" + Base64.getEncoder().encodeToString(data), onComplete);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public void close(int code, String reason) {
        boolean report;
        synchronized (this) {
            if (closeCode != null) {
                violations.add("WebSocket closed twice: " + closeCode + " then " + code);
                return;
            }
            closeCode = code;
            closeReason = reason;
            report = reportsCloseAtOnce;
        }
        if (report) {
            handler().onClose();
        }
    }

    private void send(String frame, Consumer<Throwable> onComplete) {
        Mode current;
        Throwable failure;
        Runnable reaction = null;
        synchronized (this) {
            for (int i = 0; i < reactions.size(); i++) {
                if (reactions.get(i).frame().equals(frame)) {
                    reaction = reactions.remove(i).action();
                    break;
                }
            }
            if (inFlight) {
                String violation = "send of " + abbreviate(frame) + " started before the previous one completed";
                violations.add(violation);
                throw new AssertionError(violation);
            }
            if (closeCode != null) {
                violations.add("send of " + abbreviate(frame) + " after close");
            }
            sends++;
            if (stackDepthSample > 0 && sends % stackDepthSample == 0) {
                int depth = Thread.currentThread().getStackTrace().length;
                maxStackDepth = Math.max(maxStackDepth, depth);
                minStackDepth = Math.min(minStackDepth, depth);
            }
            notifyAll();
            frames.add(frame);
            failure = scriptedFailures.poll();
            current = mode;
            inFlight = true;
            if (current == Mode.HOLD) {
                held.add(failure == null ? onComplete : ignored -> onComplete.accept(failure));
            }
        }
        if (reaction != null) {
            reaction.run();
        }
        if (current == Mode.HOLD) {
            return;
        }
        if (current == Mode.EXECUTOR) {
            executor.execute(() -> complete(onComplete, failure));
        } else {
            complete(onComplete, failure);
        }
    }

    private void complete(Consumer<Throwable> onComplete, Throwable failure) {
        synchronized (this) {
            inFlight = false;
        }
        onComplete.accept(failure);
    }

    // ---- held completions ----

    /** @return whether a send waits for its completion */
    synchronized boolean hasHeldSend() {
        return !held.isEmpty();
    }

    /** Completes the send in flight successfully. */
    void completeNext() {
        completeNext(null);
    }

    /** Completes the send in flight, successfully ({@code null}) or with an error. */
    void completeNext(Throwable error) {
        Consumer<Throwable> completion;
        synchronized (this) {
            completion = held.poll();
        }
        assertNotNull(completion, "no send in flight");
        complete(completion, error);
    }

    /** Completes sends, including those they trigger, until none is in flight. */
    void completeAll() {
        while (hasHeldSend()) {
            completeNext();
        }
    }

    // ---- the client's side ----

    void receive(String text) {
        handler().onText(text);
    }

    void receiveBinary(byte[] data) {
        handler().onBinary(data);
    }

    /** The client closes the connection. */
    void clientClose() {
        handler().onClose();
    }

    /** The connection fails. */
    void fail(Throwable error) {
        handler().onError(error);
        handler().onClose();
    }

    // ---- observations ----

    /** @return the frames sent since the last call, and forgets them */
    synchronized List<String> takeFrames() {
        List<String> copy = List.copyOf(frames);
        frames.clear();
        return copy;
    }

    /** Asserts that exactly these frames were sent since the last check. */
    void assertFrames(String... expected) {
        assertEquals(List.of(expected), takeFrames());
    }

    /** @return how many times the transport said it had nothing more to send for now */
    synchronized int flushes() {
        return flushes;
    }

    synchronized boolean isClosed() {
        return closeCode != null;
    }

    synchronized int closeCode() {
        assertTrue(closeCode != null, "WebSocket not closed");
        return closeCode;
    }

    synchronized String closeReason() {
        assertTrue(closeCode != null, "WebSocket not closed");
        return closeReason;
    }

    /** @return how much deeper the deepest sampled send was than the shallowest */
    synchronized int stackGrowth() {
        assertTrue(maxStackDepth > 0, "no stack depth sampled");
        return maxStackDepth - minStackDepth;
    }

    /**
     * Waits until at least {@code count} sends started (for tests whose completions run on
     * other threads).
     */
    synchronized void awaitSendCount(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sends < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + sends + " of " + count + " sends within " + timeout);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private static String abbreviate(String frame) {
        return frame.length() <= 40 ? frame : frame.substring(0, 40) + "...";
    }
}
