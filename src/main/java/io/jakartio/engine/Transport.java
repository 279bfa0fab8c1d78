package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;

/**
 * A way to move Engine.IO packets between the client and an {@link EngineSocket}. The socket
 * owns the outbound queue, the heartbeat and the state; a transport only drains the queue onto
 * the wire when it can, and hands received packets to the socket.
 */
abstract class Transport {

    private volatile EngineSocket socket;

    /** @return which transport this is */
    abstract TransportType type();

    /** Writes queued packets if the wire is free; returns at once otherwise. Never blocks. */
    abstract void flush();

    /** @return whether a packet queued now would be written at once (for volatile packets) */
    abstract boolean isWritable();

    /**
     * Closes the transport because its session closed.
     *
     * @param reason why the session closed
     */
    abstract void close(CloseReason reason);

    /** Binds the transport to its session; called once, before any traffic. */
    final void attach(EngineSocket owner) {
        this.socket = owner;
    }

    /** @return the session this transport serves */
    final EngineSocket socket() {
        return socket;
    }

    /** Hands a received packet to the session. */
    final void receive(EnginePacket packet) {
        socket.onPacket(this, packet);
    }
}
