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
 * <p>Not thread-safe: the session's lock guards it.
 *
 * <pre>{@code
 * PacketQueue queue = new PacketQueue();
 * queue.add(EnginePacket.ping(""));
 * queue.poll(); // the ping
 * }</pre>
 */
final class PacketQueue {

    /** The first packet; {@code null} only when the queue is empty. */
    private EnginePacket head;
    /** The packets after the first one; made when first needed. */
    private ArrayDeque<EnginePacket> rest;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        if (head == null) {
            return 0;
        }
        return rest == null ? 1 : 1 + rest.size();
    }

    void add(EnginePacket packet) {
        if (head == null) {
            head = packet;
            return;
        }
        if (rest == null) {
            rest = new ArrayDeque<>(4);
        }
        rest.add(packet);
    }

    void addAll(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            add(packet);
        }
    }

    /** @return the first packet, removed; {@code null} if the queue is empty */
    EnginePacket poll() {
        EnginePacket first = head;
        if (first != null) {
            head = rest == null ? null : rest.poll();
        }
        return first;
    }

    /** @return every packet, in order, removed from the queue */
    List<EnginePacket> drain() {
        List<EnginePacket> packets = new ArrayList<>(size());
        for (EnginePacket packet = poll(); packet != null; packet = poll()) {
            packets.add(packet);
        }
        return packets;
    }

    void clear() {
        head = null;
        if (rest != null) {
            rest.clear();
        }
    }
}
