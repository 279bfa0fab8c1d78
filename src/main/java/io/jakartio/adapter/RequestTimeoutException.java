package io.jakartio.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not every other server of a cluster answered a request within the adapter's request timeout
 * (Node's {@code requestsTimeout}, 5 s by default): a server died, hangs, or cannot be reached.
 * Carries the answers that did arrive, as Node's {@code err.responses} does.
 *
 * <pre>{@code
 * io.fetchSockets().exceptionally(error -> {
 *     if (error.getCause() instanceof RequestTimeoutException timeout) {
 *         log(timeout.getMessage() + ", " + timeout.responses().size() + " answers arrived");
 *     }
 *     return List.of();
 * });
 * }</pre>
 */
public final class RequestTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The answers received before the timeout; not serialized (it holds plain values or socket details). */
    private final transient List<Object> responses;

    /**
     * @param message what was waited for, e.g. {@code "timeout reached: only 1 responses received out of 2"}
     * @param responses the answers that arrived in time (copied)
     */
    public RequestTimeoutException(String message, List<?> responses) {
        super(message);
        this.responses = Collections.unmodifiableList(new ArrayList<>(responses)); // answers may be null
    }

    /** @return the answers that arrived in time, in arrival order (an answer may be {@code null}) */
    public List<Object> responses() {
        return responses;
    }
}
