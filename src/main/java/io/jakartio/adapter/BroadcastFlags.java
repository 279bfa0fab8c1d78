package io.jakartio.adapter;

import java.time.Duration;

/**
 * Modifiers of a broadcast, set by {@code BroadcastOperator}.
 *
 * @param volatileSend drop the packet for clients whose connection is not ready to send
 *     right now (Socket.IO's {@code volatile} flag)
 * @param local only reach sockets on this server, even with a cluster adapter
 * @param timeout how long to wait for acknowledgements, or {@code null} for none
 * @param compress Socket.IO's {@code compress} flag, {@code true} unless turned off: off, the
 *     packet is sent uncompressed (permessage-deflate, HTTP compression of polling responses); a
 *     cluster adapter carries the flag to the other servers
 */
public record BroadcastFlags(boolean volatileSend, boolean local, Duration timeout, boolean compress) {

    /** No flags: a reliable, cluster-wide broadcast without acknowledgements. */
    public static final BroadcastFlags NONE = new BroadcastFlags(false, false, null, true);

    /**
     * Flags with {@code compress} left on, its default.
     *
     * @param volatileSend the volatile flag
     * @param local the local flag
     * @param timeout the acknowledgement timeout, or {@code null}
     */
    public BroadcastFlags(boolean volatileSend, boolean local, Duration timeout) {
        this(volatileSend, local, timeout, true);
    }

    /** @return a copy with the volatile flag set */
    public BroadcastFlags withVolatile() {
        return new BroadcastFlags(true, local, timeout, compress);
    }

    /** @return a copy with the local flag set */
    public BroadcastFlags withLocal() {
        return new BroadcastFlags(volatileSend, true, timeout, compress);
    }

    /**
     * @param value the acknowledgement timeout
     * @return a copy with that timeout
     */
    public BroadcastFlags withTimeout(Duration value) {
        return new BroadcastFlags(volatileSend, local, value, compress);
    }

    /**
     * @param value the compress flag
     * @return a copy with that flag
     */
    public BroadcastFlags withCompress(boolean value) {
        return new BroadcastFlags(volatileSend, local, timeout, value);
    }
}
