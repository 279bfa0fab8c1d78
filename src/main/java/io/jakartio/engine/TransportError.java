package io.jakartio.engine;

/**
 * What went wrong when a session closes with {@link CloseReason#TRANSPORT_ERROR}: Node's
 * {@code TransportError}, given to {@code "disconnect"} listeners as the {@code description}
 * that follows the reason. The message says what happened, in the reference server's words
 * where it has some ({@code "poll connection closed prematurely"}, {@code "overlap from client"},
 * ...); the cause, when there is one, is the underlying failure (an {@code IOException} of the
 * container, say). Never thrown: it is a value that describes.
 *
 * <pre>{@code
 * socket.on("disconnect", args -> {
 *     if (args[1] instanceof TransportError error) {
 *         log.info("transport error: " + error.getMessage());
 *     }
 * });
 * }</pre>
 */
public final class TransportError extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public TransportError(String message) {
        super(message);
    }

    /**
     * @param message what happened
     * @param cause the underlying failure, or {@code null}
     */
    public TransportError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param cause a failure of a transport, or {@code null}
     * @return {@code cause} itself if it is a transport error, else one describing it
     */
    static TransportError of(Throwable cause) {
        if (cause instanceof TransportError error) {
            return error;
        }
        if (cause == null) {
            return new TransportError(CloseReason.TRANSPORT_ERROR.wireName());
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TransportError(message, cause);
    }
}
