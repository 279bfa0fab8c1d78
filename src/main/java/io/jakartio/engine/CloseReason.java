package io.jakartio.engine;

/** Why an Engine.IO session ended; the wire names match the reference server's reasons. */
public enum CloseReason {
    /** The client closed the connection, or sent a CLOSE packet. */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed: I/O error, overlapping polls, aborted poll, overflowing queue. */
    TRANSPORT_ERROR("transport error"),
    /** No PONG arrived within {@code pingTimeout} after a PING. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not a valid packet. */
    PARSE_ERROR("parse error"),
    /** The server closed the session (for example after a Socket.IO disconnect). */
    FORCED_CLOSE("forced close"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String wireName;

    CloseReason(String wireName) {
        this.wireName = wireName;
    }

    /** @return the reason as the reference implementation words it, e.g. {@code "ping timeout"} */
    public String wireName() {
        return wireName;
    }
}
