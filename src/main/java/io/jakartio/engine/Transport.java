package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A way to move Engine.IO packets between the client and an {@link EngineSocket}. The socket
 * owns the outbound queue, the heartbeat and the state; a transport only drains the queue onto
 * the wire when it can, and hands received packets to the socket.
 */
abstract class Transport {

    private static final VarHandle SCHEDULED;

    static {
        try {
            SCHEDULED = MethodHandles.lookup().findVarHandle(Transport.class, "scheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile EngineSocket socket;
    @SuppressWarnings("unused") // through SCHEDULED
    private volatile boolean scheduled;

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

    /**
     * Notes that the {@link Flusher} will write this transport.
     *
     * @return false if it was noted already (the coming write takes new packets along)
     */
    final boolean markScheduled() {
        return SCHEDULED.compareAndSet(this, false, true);
    }

    /** The {@link Flusher} is about to write this transport: packets queued from now on note it again. */
    final void clearScheduled() {
        scheduled = false;
    }

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
