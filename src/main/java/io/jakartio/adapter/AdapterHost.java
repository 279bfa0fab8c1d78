package io.jakartio.adapter;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.PacketEncoder;
import io.jakartio.parser.SocketPacket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The narrow view an {@link Adapter} has of its namespace: socket ids in, packets and
 * disconnections out. Implemented by the server layer; the adapter never sees a socket object.
 */
public interface AdapterHost {

    /** @return the namespace name, e.g. {@code "/"} */
    String name();

    /** @return the encoder for this server's payloads (knows how to write application objects) */
    PacketEncoder encoder();

    /**
     * Whether the server has connection state recovery on, and for how long: a session-aware
     * adapter keeps persisted sessions and logged packets this long, and adds offsets to
     * broadcasts only when it is present. Empty by default (recovery off).
     *
     * <pre>{@code
     * Duration keep = host.maxDisconnectionDuration().orElse(Duration.ZERO);
     * }</pre>
     *
     * @return the server's {@code maxDisconnectionDuration}, or empty when recovery is off
     */
    default Optional<Duration> maxDisconnectionDuration() {
        return Optional.empty();
    }

    /**
     * The most packets a session-aware adapter keeps in its log for clients that come back
     * (connection state recovery): past it, the oldest are dropped, and a client whose last
     * packet was dropped gets a fresh session. Meaningful only when
     * {@link #maxDisconnectionDuration()} is present; defaults to 10,000.
     *
     * <pre>{@code
     * PacketLog log = new PacketLog(host.maxPersistedPackets());
     * }</pre>
     *
     * @return the server's {@code connectionStateRecovery.maxPackets}
     */
    default int maxPersistedPackets() {
        return 10_000;
    }

    /**
     * Runs a task once after a delay on the server's scheduler, the one of heartbeats and
     * acknowledgement timeouts (tests drive it by hand): an adapter's own timers, such as
     * expiring recovery sessions. The task must not block. A host without a scheduler throws.
     *
     * <pre>{@code
     * Runnable cancel = host.schedule(Duration.ofMinutes(1), this::dropExpiredSessions);
     * }</pre>
     *
     * @param delay how long to wait
     * @param task what to run
     * @return cancels the task if it has not run yet; harmless afterwards
     * @throws UnsupportedOperationException if this host runs no timers (the default)
     */
    default Runnable schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException(getClass().getName() + " runs no timers");
    }

    /**
     * Runs a broadcast's deliveries so that the packets are queued for every recipient first
     * and the connections written after: packets other threads queue meanwhile for the same
     * recipients then leave in the same write. An adapter calls it around its loop over local
     * recipients; the default just runs them.
     *
     * <pre>{@code
     * host.batch(() -> forEachTarget(options, id -> host.deliver(id, packet, encoded, flags)));
     * }</pre>
     *
     * @param deliveries calls to {@link #deliver} or {@link #deliverWithAck}
     */
    default void batch(Runnable deliveries) {
        deliveries.run();
    }

    /** @return a fresh acknowledgement id, unique within the namespace */
    long nextAckId();

    /**
     * Sends an encoded packet to one local socket.
     *
     * @param socketId the socket
     * @param packet the packet, for the socket's outgoing catch-all listeners
     * @param encoded its wire form, shared by every recipient of a broadcast
     * @param flags the broadcast flags (volatile: drop it if the connection is busy)
     * @return whether the socket exists and the packet was queued
     */
    boolean deliver(String socketId, SocketPacket packet, EncodedPacket encoded, BroadcastFlags flags);

    /**
     * Sends an encoded packet that asks for an acknowledgement to one local socket; the
     * callback is registered only if the packet was queued.
     *
     * @param socketId the socket
     * @param packet the packet, carrying {@code ackId}
     * @param encoded its wire form, shared by every recipient
     * @param flags the broadcast flags; the callback is forgotten after {@code flags.timeout()}
     * @param ackId the id carried by the packet
     * @param onAck receives the arguments of the client's ACK
     * @return whether the socket exists and the packet was queued
     */
    boolean deliverWithAck(String socketId, SocketPacket packet, EncodedPacket encoded, BroadcastFlags flags, long ackId,
            Consumer<List<Object>> onAck);

    /**
     * Describes a local socket.
     *
     * @param socketId the socket
     * @return its details, or empty if it is gone
     */
    Optional<SocketDetails> details(String socketId);

    /**
     * Delivers an event another server of the cluster sent with {@code serverSideEmit} to this
     * namespace's server-side listeners ({@code nsp.onServerSideEmit(event, listener)}). Called by
     * a cluster adapter on its own thread, one event at a time; the default ignores it.
     *
     * <pre>{@code
     * host.onServerSideEmit(List.of("ping-node"), answer -> publishAnswer(requestId, answer));
     * }</pre>
     *
     * @param args the event name followed by its arguments
     * @param ackOrNull receives the listener's answer (the first argument it acknowledges with,
     *     at most once) when the sender asked for one; {@code null} when it did not
     */
    default void onServerSideEmit(List<Object> args, Consumer<Object> ackOrNull) {
    }

    /**
     * Disconnects a local socket from the namespace.
     *
     * @param socketId the socket
     * @param close whether to also close the underlying connection
     */
    void disconnect(String socketId, boolean close);
}
