package io.jakartio.server;

/**
 * Refuses a connection from a {@link Middleware}: the client's {@code connect_error} event gets
 * an error whose {@code message} and {@code data} are these.
 *
 * <pre>{@code
 * next.fail(new ConnectError("unauthorized", Map.of("reason", "bad token")));
 * // client: socket.on("connect_error", err => { err.message; err.data.reason; })
 * }</pre>
 */
public class ConnectError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object data;

    /** @param message the message shown to the client */
    public ConnectError(String message) {
        this(message, null);
    }

    /**
     * @param message the message shown to the client
     * @param data extra details for the client, any JSON-able value, or {@code null}
     */
    public ConnectError(String message, Object data) {
        super(message);
        this.data = data;
    }

    /** @return the extra details, or {@code null} */
    public Object data() {
        return data;
    }
}
