package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's outbound packets, first in, first out. Most of the time a session has no packet
 * waiting, or one (a ping, a message on its way out): that one is kept in a field, and an array
 * is made only when a second one waits; a busy session then keeps its array.
 *
 * <p>Not thread-safe: the session's lock guards it. {@link EngineSocket} extends it, so that a
 * session's queue is two of its fields rather than an object of its own (24 bytes a session).
 *
 * <pre>{@code
 * PacketQueue queue = new PacketQueue();
 * queue.queue(EnginePacket.ping(""));
 * queue.pollQueued(); // the ping
 * }</pre>
 */
class PacketQueue {

    /** The first packet; {@code null} only when the queue is empty. */
    private EnginePacket head;
    /** The packets after the first one; made when first needed. */
    private ArrayDeque<EnginePacket> rest;

    boolean queueIsEmpty() {
        return head == null;
    }

    int queueSize() {
        if (head == null) {
            return 0;
        }
        return rest == null ? 1 : 1 + rest.size();
    }

    void queue(EnginePacket packet) {
        if (head == null) {
            head = packet;
            return;
        }
        if (rest == null) {
            rest = new ArrayDeque<>(4);
        }
        rest.add(packet);
    }

    void queueAll(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            queue(packet);
        }
    }

    /** @return the first packet, removed; {@code null} if the queue is empty */
    EnginePacket pollQueued() {
        EnginePacket first = head;
        if (first != null) {
            head = rest == null ? null : rest.poll();
        }
        return first;
    }

    /** @return every packet, in order, removed from the queue */
    List<EnginePacket> drainQueued() {
        List<EnginePacket> packets = new ArrayList<>(queueSize());
        for (EnginePacket packet = pollQueued(); packet != null; packet = pollQueued()) {
            packets.add(packet);
        }
        return packets;
    }

    void clearQueue() {
        head = null;
        if (rest != null) {
            rest.clear();
        }
    }
}
