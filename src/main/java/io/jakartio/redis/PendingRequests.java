package io.jakartio.redis;

import io.jakartio.adapter.RequestTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The requests this server's adapter sent to the other servers and still waits for, by request
 * id (Node's {@code requests} and {@code ackRequests}): each completes when every expected
 * server answered, or fails with a {@link RequestTimeoutException} holding the answers so far
 * when the timeout comes first. Answers and timeouts arrive on the link's thread.
 */
final class PendingRequests {

    private final RedisLink link;
    private final Map<String, Request> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    PendingRequests(RedisLink link) {
        this.link = link;
    }

    /**
     * Waits for {@code expected} answers.
     *
     * @param requestId the request's id
     * @param expected how many servers answer
     * @param initial results known already (this server's own sockets), not counted as answers
     * @param timeout how long to wait
     * @param what the operation, for the timeout's message
     * @return every result, or a {@link RequestTimeoutException} with those that arrived
     */
    CompletableFuture<List<Object>> expect(String requestId, int expected, List<?> initial, Duration timeout, String what) {
        Request request = new Request(expected, initial);
        requests.put(requestId, request);
        ScheduledFuture<?> timer = link.schedule(() -> {
            if (requests.remove(requestId, request)) {
                request.timeOut(what);
            }
        }, timeout);
        request.future.whenComplete((result, error) -> timer.cancel(false));
        return request.future;
    }

    /**
     * Records an answer.
     *
     * @param requestId the request it answers
     * @param results what it brings (several sockets, or one server's answer)
     * @return whether a request waited for it
     */
    boolean answer(String requestId, List<?> results) {
        Request request = requests.get(requestId);
        if (request == null) {
            return false;
        }
        if (request.add(results)) {
            requests.remove(requestId, request);
        }
        return true;
    }

    /** Stops waiting for a request that could not be sent. */
    void forget(String requestId) {
        requests.remove(requestId);
    }

    /**
     * Remembers a broadcast with acknowledgements for as long as its recipients may answer.
     *
     * @param requestId the broadcast's request id
     * @param clientCount told each server's count of recipients
     * @param onResponse told each recipient's acknowledgement
     * @param timeout the broadcast's acknowledgement timeout
     */
    void expectAcks(String requestId, IntConsumer clientCount, Consumer<Object> onResponse, Duration timeout) {
        AckRequest request = new AckRequest(clientCount, onResponse);
        ackRequests.put(requestId, request);
        // Which clients answered is known only to the server that waits: forget it after the timeout, as Node does.
        link.schedule(() -> ackRequests.remove(requestId, request), timeout);
    }

    /** @return the broadcast with acknowledgements of that id, or {@code null} */
    AckRequest ackRequest(String requestId) {
        return ackRequests.get(requestId);
    }

    /** @return whether a request or broadcast of that id is this server's own */
    boolean isOwn(String requestId) {
        return requests.containsKey(requestId) || ackRequests.containsKey(requestId);
    }

    /** Fails every pending request: the adapter closed. */
    void close() {
        for (String requestId : List.copyOf(requests.keySet())) {
            Request request = requests.remove(requestId);
            if (request != null) {
                request.future.completeExceptionally(new IllegalStateException("the adapter closed before every answer arrived"));
            }
        }
        ackRequests.clear();
    }

    /** The callbacks of a broadcast with acknowledgements. */
    record AckRequest(IntConsumer clientCount, Consumer<Object> onResponse) { }

    /** One request's answers so far. */
    private static final class Request {
        private final int expected;
        private final List<Object> results;
        private final CompletableFuture<List<Object>> future = new CompletableFuture<>();
        private int answers;

        Request(int expected, List<?> initial) {
            this.expected = expected;
            this.results = new ArrayList<>(initial);
        }

        /** @return whether it is complete now */
        synchronized boolean add(List<?> more) {
            results.addAll(more);
            answers++;
            if (answers < expected) {
                return false;
            }
            future.complete(Collections.unmodifiableList(new ArrayList<>(results)));
            return true;
        }

        synchronized void timeOut(String what) {
            future.completeExceptionally(new RequestTimeoutException("timeout reached: only " + answers
                    + " responses received out of " + expected + " (" + what + ")", results));
        }
    }
}
