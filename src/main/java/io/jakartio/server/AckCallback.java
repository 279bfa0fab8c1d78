package io.jakartio.server;

/**
 * Receives an acknowledgement that may time out: Socket.IO's {@code (err, ...args)} callback,
 * used with {@code timeout(...)}. On success {@code error} is {@code null}; on timeout it is an
 * {@link AckTimeoutException}; if the socket disconnects first, an
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * socket.timeout(Duration.ofSeconds(5)).emit("question", "ready?", (AckCallback) (err, args) -> {
 *     if (err != null) { ... } else { ... args[0] ... }
 * });
 * // broadcasts: args[0] is the list of every client's first argument
 * io.timeout(Duration.ofSeconds(5)).emit("poll", (AckCallback) (err, args) -> { ... });
 * }</pre>
 */
@FunctionalInterface
public interface AckCallback {

    /**
     * @param error {@code null} on success, else why no (complete) answer came
     * @param args the acknowledgement's arguments
     */
    void call(Throwable error, Object... args);
}
