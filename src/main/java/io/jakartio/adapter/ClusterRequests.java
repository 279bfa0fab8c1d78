package io.jakartio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The requests a {@link ClusterAdapter} sent to the other servers and still waits for, by request
 * id (Node's {@code requests} and {@code ackRequests}): each completes when every expected server
 * answered, fails with a {@link RequestTimeoutException} holding the answers so far when its
 * timeout comes first, and stops waiting for a server known to be gone
 * ({@link #nodeGone}: heartbeat timeout, or its adapter closed).
 *
 * <p>A building block for cluster adapters: {@link ClusterAdapter} keeps its requests here, and
 * so does an adapter with a protocol of its own (the Redis pub/sub adapter). Answers, timeouts
 * and {@link #nodeGone} may come from any thread.
 *
 * <pre>{@code
 * CompletableFuture<List<Object>> answers = requests.expect(id, 2, List.of(), Set.of("a1", "b2"), Duration.ofSeconds(5), "fetchSockets");
 * requests.answer(id, "a1", List.of(socket)); // then b2's answer, or b2 gone, completes it
 * }</pre>
 */
public final class ClusterRequests {

    private final ClusterAdapter.Timer timer;
    private final Map<String, Request> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    /** @param timer runs the timeouts */
    public ClusterRequests(ClusterAdapter.Timer timer) {
        this.timer = timer;
    }

    /**
     * Waits for {@code expected} answers.
     *
     * @param requestId the request's id
     * @param expected how many servers answer
     * @param initial results known already (this server's own), not counted as answers
     * @param known the servers known alive now: if one of them goes before answering, it is
     *     not waited for
     * @param timeout how long to wait
     * @param what the operation, for the timeout's message
     * @return every result, or a {@link RequestTimeoutException} with those that arrived
     */
    public CompletableFuture<List<Object>> expect(String requestId, int expected, List<?> initial, Set<String> known,
            Duration timeout, String what) {
        Request request = new Request(expected, initial, known);
        requests.put(requestId, request);
        Runnable cancel = timer.schedule(timeout, () -> {
            if (requests.remove(requestId, request)) {
                request.timeOut(what);
            }
        });
        request.future.whenComplete((result, error) -> cancel.run());
        return request.future;
    }

    /**
     * Records one server's answer.
     *
     * @param requestId the request it answers
     * @param from the answering server's id
     * @param results what it brings
     */
    public void answer(String requestId, String from, List<?> results) {
        Request request = requests.get(requestId);
        if (request != null && request.add(from, results)) {
            requests.remove(requestId, request);
        }
    }

    /** @param uid a server that is gone: requests waiting for its answer stop waiting for it */
    public void nodeGone(String uid) {
        for (Map.Entry<String, Request> entry : requests.entrySet()) {
            if (entry.getValue().gone(uid)) {
                requests.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Stops waiting for a request that could not be sent; it completes with what it has. */
    public void giveUp(String requestId) {
        Request request = requests.remove(requestId);
        if (request != null) {
            request.completeNow();
        }
    }

    /**
     * Remembers a broadcast with acknowledgements for as long as its recipients may answer.
     *
     * @param requestId the broadcast's request id
     * @param clientCount told each server's count of recipients
     * @param onResponse told each recipient's acknowledgement
     * @param timeout the broadcast's acknowledgement timeout
     */
    public void expectAcks(String requestId, IntConsumer clientCount, Consumer<Object> onResponse, Duration timeout) {
        AckRequest request = new AckRequest(clientCount, onResponse);
        ackRequests.put(requestId, request);
        // which clients answered is known only to the server that waits: forget it after the timeout, as Node does
        timer.schedule(timeout, () -> ackRequests.remove(requestId, request));
    }

    /**
     * Takes another server's answer (Node's {@code onResponse}); an answer to nothing waiting is dropped.
     *
     * @param from the answering server
     * @param response a {@code FETCH_SOCKETS_RESPONSE}, {@code SERVER_SIDE_EMIT_RESPONSE},
     *     {@code BROADCAST_CLIENT_COUNT} or {@code BROADCAST_ACK}
     */
    void onResponse(String from, ClusterMessage response) {
        if (response instanceof ClusterMessage.FetchSocketsResponse sockets) {
            answer(sockets.requestId(), from, sockets.sockets());
        } else if (response instanceof ClusterMessage.ServerSideEmitResponse answer) {
            answer(answer.requestId(), from, Collections.singletonList(answer.packet()));
        } else if (response instanceof ClusterMessage.BroadcastClientCount count) {
            AckRequest ack = ackRequests.get(count.requestId());
            if (ack != null) {
                ack.clientCount().accept(count.clientCount());
            }
        } else if (response instanceof ClusterMessage.BroadcastAck answer) {
            AckRequest ack = ackRequests.get(answer.requestId());
            if (ack != null) {
                ack.onResponse().accept(answer.packet());
            }
        }
    }

    /** @return the broadcast with acknowledgements of that id, or {@code null} */
    public AckRequest ackRequest(String requestId) {
        return ackRequests.get(requestId);
    }

    /**
     * @param requestId a request or broadcast id
     * @return whether this server waits for answers to it (it is this server's own)
     */
    public boolean isOwn(String requestId) {
        return requests.containsKey(requestId) || ackRequests.containsKey(requestId);
    }

    /** Fails every pending request: the adapter closed. */
    public void close() {
        for (String requestId : List.copyOf(requests.keySet())) {
            Request request = requests.remove(requestId);
            if (request != null) {
                request.future.completeExceptionally(new IllegalStateException("the adapter closed before every answer arrived"));
            }
        }
        ackRequests.clear();
    }

    /**
     * The callbacks of a broadcast with acknowledgements.
     *
     * @param clientCount told each server's count of recipients
     * @param onResponse told each recipient's acknowledgement
     */
    public record AckRequest(IntConsumer clientCount, Consumer<Object> onResponse) { }

    /** One request's answers so far. */
    private static final class Request {
        private int expected;
        private final List<Object> results;
        private final Set<String> waitingFor;
        private final CompletableFuture<List<Object>> future = new CompletableFuture<>();
        private int answers;

        Request(int expected, List<?> initial, Set<String> known) {
            this.expected = expected;
            this.results = new ArrayList<>(initial);
            this.waitingFor = new HashSet<>(known);
        }

        /** @return whether it is complete now */
        synchronized boolean add(String from, List<?> more) {
            if (future.isDone()) {
                return true;
            }
            waitingFor.remove(from);
            results.addAll(more);
            answers++;
            return completeIfDone();
        }

        synchronized boolean gone(String uid) {
            if (!waitingFor.remove(uid)) {
                return future.isDone();
            }
            expected--;
            return completeIfDone();
        }

        private boolean completeIfDone() {
            if (answers < expected) {
                return false;
            }
            completeNow();
            return true;
        }

        synchronized void completeNow() {
            future.complete(Collections.unmodifiableList(new ArrayList<>(results)));
        }

        synchronized void timeOut(String what) {
            future.completeExceptionally(new RequestTimeoutException("timeout reached: only " + answers
                    + " responses received out of " + expected + " (" + what + ")", results));
        }
    }
}
