package io.jakartio.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of connection state recovery (Socket.IO's {@code connectionStateRecovery} option):
 * a client that lost its connection for a while gets its socket back, with the same id, rooms
 * and data, and receives the events it missed. Off unless set in {@link ServerOptions}.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .connectionStateRecovery(ConnectionStateRecovery.defaults()
 *         .withMaxDisconnectionDuration(Duration.ofMinutes(5)))
 *     .adapter(sessionAwareAdapterFactory) // the adapter keeps the sessions and the missed packets
 *     .build();
 * io.on("connection", socket -> {
 *     if (!socket.recovered()) {
 *         socket.join("lobby"); // first connection: set it up; a recovered socket already is
 *     }
 * });
 * }</pre>
 *
 * <p>The server's part is the protocol (private session id, persisting and restoring); keeping
 * sessions and packets is the {@link io.jakartio.adapter.Adapter adapter}'s, which learns the
 * duration from {@link io.jakartio.adapter.AdapterHost#maxDisconnectionDuration()}. With the
 * default {@link io.jakartio.adapter.InMemoryAdapter}, nothing is ever recovered.
 *
 * @param maxDisconnectionDuration how long sessions and packets are kept for a client to come
 *     back; defaults to 2 minutes
 * @param skipMiddlewares whether a recovered socket connects without running the namespace's
 *     middlewares again; defaults to {@code true}
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {

    /**
     * Validates the settings.
     *
     * @param maxDisconnectionDuration session lifetime after a disconnection
     * @param skipMiddlewares whether recovered sockets skip the middlewares
     */
    public ConnectionStateRecovery {
        Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
        if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive");
        }
    }

    /** @return 2 minutes, middlewares skipped on recovery (the reference server's defaults) */
    public static ConnectionStateRecovery defaults() {
        return new ConnectionStateRecovery(Duration.ofMinutes(2), true);
    }

    /** @param value how long sessions are kept @return a copy with that duration */
    public ConnectionStateRecovery withMaxDisconnectionDuration(Duration value) {
        return new ConnectionStateRecovery(value, skipMiddlewares);
    }

    /** @param value whether recovered sockets skip the middlewares @return a copy with that setting */
    public ConnectionStateRecovery withSkipMiddlewares(boolean value) {
        return new ConnectionStateRecovery(maxDisconnectionDuration, value);
    }
}
