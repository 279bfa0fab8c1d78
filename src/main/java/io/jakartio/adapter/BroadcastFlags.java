package io.jakartio.adapter;

import java.time.Duration;

/**
 * Modifiers of a broadcast, set by {@code BroadcastOperator}.
 *
 * @param volatileSend drop the packet for clients whose connection is not ready to send
 *     right now (Socket.IO's {@code volatile} flag)
 * @param local only reach sockets on this server, even with a cluster adapter
 * @param timeout how long to wait for acknowledgements, or {@code null} for none
 */
public record BroadcastFlags(boolean volatileSend, boolean local, Duration timeout) {

    /** No flags: a reliable, cluster-wide broadcast without acknowledgements. */
    public static final BroadcastFlags NONE = new BroadcastFlags(false, false, null);

    /** @return a copy with the volatile flag set */
    public BroadcastFlags withVolatile() {
        return new BroadcastFlags(true, local, timeout);
    }

    /** @return a copy with the local flag set */
    public BroadcastFlags withLocal() {
        return new BroadcastFlags(volatileSend, true, timeout);
    }

    /**
     * @param value the acknowledgement timeout
     * @return a copy with that timeout
     */
    public BroadcastFlags withTimeout(Duration value) {
        return new BroadcastFlags(volatileSend, local, value);
    }
}
