package io.jakartio.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * No acknowledgement arrived within the {@code timeout(...)} of an emit, or not every other
 * server answered a {@code serverSideEmitWithAck} within the adapter's request timeout (then
 * {@link #responses()} holds the answers that did arrive, as Node's {@code err.responses}).
 */
public final class AckTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The answers received in time; not serialized (plain values). */
    private final transient List<Object> responses;

    /** Creates the exception with the reference implementation's message. */
    public AckTimeoutException() {
        this("operation has timed out", List.of());
    }

    /**
     * @param message what was waited for, e.g. {@code "timeout reached: only 1 responses received out of 2"}
     * @param responses the answers that arrived in time (copied; an answer may be {@code null})
     */
    public AckTimeoutException(String message, List<?> responses) {
        super(message);
        this.responses = Collections.unmodifiableList(new ArrayList<>(responses));
    }

    /** @return the answers that arrived before the timeout, in arrival order (empty if unknown) */
    public List<Object> responses() {
        return responses == null ? List.of() : responses;
    }
}
