package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound queue of a session: first in, first out, however it is filled and emptied. */
class PacketQueueTest {

    private final PacketQueue queue = new PacketQueue();

    private static EnginePacket message(int n) {
        return EnginePacket.message(Integer.toString(n));
    }

    @Test
    void anEmptyQueueHasNothing() {
        assertTrue(queue.queueIsEmpty());
        assertEquals(0, queue.queueSize());
        assertNull(queue.pollQueued());
        assertEquals(List.of(), queue.drainQueued());
    }

    @Test
    void packetsComeOutInTheOrderTheyWentIn() {
        List<EnginePacket> expected = new ArrayList<>();
        List<EnginePacket> actual = new ArrayList<>();
        int next = 0;
        // interleave adds and polls so the queue empties, refills and grows past its array
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i <= round % 7; i++) {
                EnginePacket packet = message(next++);
                expected.add(packet);
                queue.queue(packet);
            }
            assertFalse(queue.queueIsEmpty());
            for (int i = 0; i < round % 3 + 1 && !queue.queueIsEmpty(); i++) {
                actual.add(queue.pollQueued());
            }
        }
        assertEquals(expected.size() - actual.size(), queue.queueSize());
        actual.addAll(queue.drainQueued());
        assertEquals(expected, actual);
        assertTrue(queue.queueIsEmpty());
    }

    @Test
    void addAllKeepsOrderAndClearEmpties() {
        queue.queue(message(0));
        queue.queueAll(List.of(message(1), message(2), message(3)));
        assertEquals(4, queue.queueSize());
        assertEquals(message(0).data(), queue.pollQueued().data());
        queue.clearQueue();
        assertTrue(queue.queueIsEmpty());
        assertNull(queue.pollQueued());
        queue.queue(message(9));
        assertEquals(List.of("9"), queue.drainQueued().stream().map(EnginePacket::data).toList());
    }
}
