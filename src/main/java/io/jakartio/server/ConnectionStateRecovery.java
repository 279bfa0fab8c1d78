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
 *     .build();
 * io.on("connection", socket -> {
 *     if (!socket.recovered()) {
 *         socket.join("lobby"); // first connection: set it up; a recovered socket already is
 *     }
 * });
 * }</pre>
 *
 * <p>The server's part is the protocol (private session id, persisting and restoring); keeping
 * sessions and packets is the {@link io.jakartio.adapter.Adapter adapter}'s, which learns these
 * settings from {@link io.jakartio.adapter.AdapterHost}. The default adapter does it within the
 * server ({@link io.jakartio.adapter.SessionAwareAdapter}); a cluster adapter may do it across
 * servers, or not at all (then nothing is ever recovered).
 *
 * @param maxDisconnectionDuration how long sessions and packets are kept for a client to come
 *     back; defaults to 2 minutes
 * @param skipMiddlewares whether a recovered socket connects without running the namespace's
 *     middlewares again; defaults to {@code true}
 * @param maxPackets the most packets each namespace keeps for clients that come back, the
 *     oldest dropped first (a client whose last packet was dropped gets a fresh socket); defaults
 *     to 10,000, as the Redis streams adapter's stream. For the in-memory adapter: a cluster
 *     adapter has its own bound
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares, int maxPackets) {

    /** The default of {@link #maxPackets()}. */
    public static final int DEFAULT_MAX_PACKETS = 10_000;

    /**
     * Validates the settings.
     *
     * @param maxDisconnectionDuration session lifetime after a disconnection
     * @param skipMiddlewares whether recovered sockets skip the middlewares
     * @param maxPackets packets kept per namespace
     */
    public ConnectionStateRecovery {
        Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
        if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive");
        }
        if (maxPackets < 1) {
            throw new IllegalArgumentException("maxPackets must be positive");
        }
    }

    /**
     * Settings with the default {@link #maxPackets()}.
     *
     * @param maxDisconnectionDuration session lifetime after a disconnection
     * @param skipMiddlewares whether recovered sockets skip the middlewares
     */
    public ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {
        this(maxDisconnectionDuration, skipMiddlewares, DEFAULT_MAX_PACKETS);
    }

    /** @return 2 minutes, middlewares skipped on recovery (the reference server's defaults), 10,000 packets */
    public static ConnectionStateRecovery defaults() {
        return new ConnectionStateRecovery(Duration.ofMinutes(2), true, DEFAULT_MAX_PACKETS);
    }

    /** @param value how long sessions are kept @return a copy with that duration */
    public ConnectionStateRecovery withMaxDisconnectionDuration(Duration value) {
        return new ConnectionStateRecovery(value, skipMiddlewares, maxPackets);
    }

    /** @param value whether recovered sockets skip the middlewares @return a copy with that setting */
    public ConnectionStateRecovery withSkipMiddlewares(boolean value) {
        return new ConnectionStateRecovery(maxDisconnectionDuration, value, maxPackets);
    }

    /** @param value packets kept per namespace @return a copy with that bound */
    public ConnectionStateRecovery withMaxPackets(int value) {
        return new ConnectionStateRecovery(maxDisconnectionDuration, skipMiddlewares, value);
    }
}
