package io.jakartio.server;

import io.jakartio.engine.CloseReason;

/**
 * Why a socket left its namespace; {@link #toString()} is the reference implementation's
 * wording, as given to {@code "disconnect"} listeners.
 *
 * <pre>{@code
 * socket.on("disconnect", args -> {
 *     DisconnectReason reason = (DisconnectReason) args[0];
 * });
 * }</pre>
 */
public enum DisconnectReason {
    /** The server called {@code socket.disconnect()}. */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    /** The client called {@code socket.disconnect()}. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The client stopped answering pings. */
    PING_TIMEOUT("ping timeout"),
    /** The connection was closed by the client (or the network). */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed. */
    TRANSPORT_ERROR("transport error"),
    /** The client sent an invalid packet. */
    PARSE_ERROR("parse error"),
    /** The server closed the connection ({@code socket.disconnect(true)} or {@code socket.conn().close()}). */
    FORCED_CLOSE("forced close"),
    /** The server closed the connection because the client stayed in no namespace. */
    FORCED_SERVER_CLOSE("forced server close");

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @param reason why the Engine.IO session closed
     * @return the matching socket disconnect reason
     */
    static DisconnectReason of(CloseReason reason) {
        return switch (reason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case PARSE_ERROR -> PARSE_ERROR;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
