package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link EngineListener} that records every call: connection errors, and the hook calls as
 * {@code "initial_headers <transport>"} / {@code "headers <transport>"} in order. It can add a
 * header on each hook, to show that what a listener adds reaches the response.
 */
final class RecordingListener implements EngineListener {

    final List<ConnectionError> errors = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final Map<String, String> initialHeader;
    private final Map<String, String> everyHeader;

    /** A listener that only records. */
    RecordingListener() {
        this(Map.of(), Map.of());
    }

    /**
     * @param initialHeader added on {@link #onInitialHeaders}
     * @param everyHeader added on {@link #onHeaders}
     */
    RecordingListener(Map<String, String> initialHeader, Map<String, String> everyHeader) {
        this.initialHeader = initialHeader;
        this.everyHeader = everyHeader;
    }

    @Override
    public synchronized void onConnectionError(ConnectionError error) {
        errors.add(error);
        calls.add("connection_error " + error.code());
    }

    @Override
    public synchronized void onInitialHeaders(Map<String, String> headers, EngineRequest request) {
        calls.add("initial_headers " + request.query("transport"));
        headers.putAll(initialHeader);
    }

    @Override
    public synchronized void onHeaders(Map<String, String> headers, EngineRequest request) {
        calls.add("headers " + request.query("transport"));
        headers.putAll(everyHeader);
    }

    /** Asserts exactly one connection error was reported since the last call, and returns it. */
    synchronized ConnectionError assertOneError(int code) {
        assertEquals(1, errors.size(), () -> "connection errors " + errors);
        ConnectionError error = errors.remove(0);
        assertEquals(code, error.code(), () -> "code of " + error);
        calls.clear();
        return error;
    }

    /** Asserts no connection error was reported. */
    synchronized void assertNoErrors() {
        assertTrue(errors.isEmpty(), () -> "connection errors " + errors);
    }

    /** @return the calls so far, forgotten */
    synchronized List<String> takeCalls() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
