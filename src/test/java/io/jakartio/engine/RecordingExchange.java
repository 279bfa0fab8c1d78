package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link PollingExchange} that records its response. A second {@link #respond} is a protocol
 * violation: it throws, and is remembered so that {@link EngineHarness} fails the test even if
 * the engine swallowed the error.
 */
final class RecordingExchange implements PollingExchange {

    private final String name;
    private final List<String> violations;
    private HttpResponse response;
    private Runnable onAbort;
    private boolean aborted;
    private Consumer<HttpResponse> whenAnswered;

    /**
     * @param name how assertion messages call it, e.g. {@code "GET #2"}
     * @param violations where protocol violations are reported
     */
    RecordingExchange(String name, List<String> violations) {
        this.name = name;
        this.violations = violations;
    }

    RecordingExchange(String name) {
        this(name, Collections.synchronizedList(new ArrayList<>()));
    }

    /** Waits for the response (for tests where another thread answers); returns its body. */
    synchronized String awaitBody(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (response == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " not answered within " + timeout);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return response.bodyText();
    }

    @Override
    public synchronized void respond(HttpResponse value) {
        assertNotNull(value, "response");
        if (response != null) {
            String violation = name + " answered twice: first " + describe(response) + ", then " + describe(value);
            violations.add(violation);
            throw new AssertionError(violation);
        }
        response = value;
        notifyAll();
        Consumer<HttpResponse> hook = whenAnswered;
        if (hook != null) {
            hook.accept(value); // the client reacts at once, still inside respond()
        }
    }

    /** Runs an action when the response arrives, like a client sending its next request. */
    synchronized RecordingExchange whenAnswered(Consumer<HttpResponse> action) {
        this.whenAnswered = action;
        return this;
    }

    @Override
    public synchronized void onAbort(Runnable callback) {
        if (onAbort != null) {
            violations.add(name + ": onAbort registered twice");
        }
        this.onAbort = callback;
    }

    /** The client goes away before the response: the registered callback runs (if any). */
    void abort() {
        Runnable callback;
        synchronized (this) {
            if (response != null || aborted) {
                return;
            }
            aborted = true;
            callback = onAbort;
        }
        if (callback != null) {
            callback.run();
        }
    }

    synchronized boolean isAnswered() {
        return response != null;
    }

    /** @return the response; fails if there is none yet */
    synchronized HttpResponse response() {
        assertNotNull(response, name + " has no response yet");
        return response;
    }

    int status() {
        return response().status();
    }

    String body() {
        return response().bodyText();
    }

    String header(String name) {
        return response().headers().get(name);
    }

    /** Asserts a 200 response with the given body. */
    void assertOk(String expectedBody) {
        assertEquals(200, status(), () -> "status of " + name + ", body " + body());
        assertEquals(expectedBody, body(), "body of " + name);
    }

    /** Asserts an error response. */
    void assertError(int status, String expectedBody) {
        assertEquals(expectedBody, body(), "body of " + name);
        assertEquals(status, status(), "status of " + name);
        assertEquals("application/json", header("Content-Type"));
    }

    @Override
    public String toString() {
        return name;
    }

    private static String describe(HttpResponse r) {
        return r.status() + " " + r.bodyText();
    }
}
