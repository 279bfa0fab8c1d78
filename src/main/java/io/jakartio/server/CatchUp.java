package io.jakartio.server;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broadcasts a recovered socket receives before its client has been sent the CONNECT packet
 * and the packets it missed (connection state recovery): the socket rejoins its rooms as soon as
 * its session is restored, before the middlewares run, so broadcasts reach it from then on; they
 * are held here and written after the missed packets, in the order they came. Nothing reaches a
 * client its namespace has not accepted, and nothing overtakes the missed packets.
 *
 * <p>Thread-safe. The lock is never held while writing to the connection: a write may close it,
 * and closing persists the session through the adapter, whose broadcasts call {@link #hold}.
 *
 * <pre>{@code
 * CatchUp catchUp = new CatchUp(10_000);
 * catchUp.hold(encoded, false);          // a broadcast meanwhile: held
 * client.write(connect); missed.forEach(client::write);
 * catchUp.release(p -> client.write(p, false)); // then the held ones; later broadcasts go straight out
 * }</pre>
 */
final class CatchUp {

    /** What {@link #hold} did with a packet. */
    enum Held { HELD, DROPPED, RELEASED }

    private final int limit;
    /** The packets the socket missed while disconnected, sent before the held ones. */
    private final List<SocketPacket> missed;
    private List<EncodedPacket> held = new ArrayList<>();
    private boolean released;
    private boolean overflowed;

    /** @param limit the most packets held, as the engine's outbound queue bound */
    CatchUp(int limit) {
        this(limit, List.of());
    }

    /**
     * @param limit the most packets held, as the engine's outbound queue bound
     * @param missed the packets the socket missed while disconnected
     */
    CatchUp(int limit, List<SocketPacket> missed) {
        this.limit = limit;
        this.missed = missed;
    }

    /** @return the packets the socket missed while disconnected, to send before releasing the held ones */
    List<SocketPacket> missed() {
        return missed;
    }

    /**
     * @param packet a packet delivered to the socket
     * @param volatileSend whether it may be dropped when the connection is not ready (it is not)
     * @return {@code RELEASED} if the caller must write it itself, as for any socket
     */
    synchronized Held hold(EncodedPacket packet, boolean volatileSend) {
        if (released) {
            return Held.RELEASED;
        }
        if (volatileSend || overflowed) {
            return Held.DROPPED;
        }
        if (held.size() >= limit) {
            overflowed = true; // the client falls behind before it even connected: see release
            held = List.of();
            return Held.DROPPED;
        }
        held.add(packet);
        return Held.HELD;
    }

    /**
     * Writes the held packets, then lets later ones through; packets held while writing follow
     * in order.
     *
     * @param writer writes one packet to the connection
     * @return {@code false} if more packets came than the bound allows: the connection must close,
     *     as the engine closes one whose client falls behind
     */
    boolean release(Consumer<EncodedPacket> writer) {
        while (true) {
            List<EncodedPacket> batch;
            synchronized (this) {
                if (overflowed) {
                    released = true;
                    return false;
                }
                if (held.isEmpty()) {
                    released = true;
                    held = List.of();
                    return true;
                }
                batch = held;
                held = new ArrayList<>();
            }
            batch.forEach(writer);
        }
    }
}
