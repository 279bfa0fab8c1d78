package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session-aware adapter with connection state recovery on: which packets get an offset
 * (as the reference adapter decides), which of them a restored session missed (its rooms and the
 * packets' rooms and exceptions), in what order, and the packets broadcast between a restore and
 * the socket's return to its rooms. Time and memory bounds: {@link SessionAwareMemoryTest}.
 */
class SessionAwareRecoveryTest {

    private final FakeAdapterHost host = new FakeAdapterHost("/chat");
    private SessionAwareAdapter adapter;

    /** Sockets a (in red), b (red, blue), c (blue), d; each also in its own room. */
    @BeforeEach
    void recoveringAdapterWithFourSockets() {
        host.recoverFor(Duration.ofMinutes(2));
        adapter = new SessionAwareAdapter(host, host.clock::millis);
        host.attach(adapter);
        join("a", "red");
        join("b", "red", "blue");
        join("c", "blue");
        join("d");
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private void join(String id, String... rooms) {
        host.join(id, rooms);
    }

    private static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), BroadcastFlags.NONE);
    }

    private static BroadcastOptions except(Set<String> rooms, String... except) {
        return new BroadcastOptions(rooms, Set.of(except), BroadcastFlags.NONE);
    }

    private static SocketPacket event(String name, Object... args) {
        return SocketPacket.event("/", name, args);
    }

    /** @return the packets delivered to {@code socketId}, decoded */
    private List<SocketPacket> receivedBy(String socketId) {
        List<SocketPacket> received = new ArrayList<>();
        for (FakeAdapterHost.Delivery delivery : host.deliveries()) {
            if (delivery.socketId().equals(socketId)) {
                received.add(decode(delivery.packet().text()));
            }
        }
        return received;
    }

    private static SocketPacket decode(String text) {
        try {
            return new SocketPacketDecoder(10).decode(text);
        } catch (PacketParseException e) {
            throw new AssertionError(text, e);
        }
    }

    /** @return the offset the official client keeps: the last argument of the event */
    private static String offsetOf(SocketPacket packet) {
        List<Object> args = packet.args();
        return (String) args.get(args.size() - 1);
    }

    private static List<Object> names(List<SocketPacket> packets) {
        return packets.stream().map(p -> p.args().get(0)).toList();
    }

    /** Socket {@code id} loses its connection as the server handles it: persisted, then out of its rooms. */
    private void lose(String id, String pid) {
        adapter.persistSession(new PersistedSession(id, pid, adapter.socketRooms(id), Map.of("user", id)));
        host.removeSocket(id);
        adapter.delAll(id);
    }

    private String lastOffsetOf(String socketId) {
        List<SocketPacket> received = receivedBy(socketId);
        return offsetOf(received.get(received.size() - 1));
    }

    // ---- offsets ----

    @Test
    void aBroadcastEventGetsItsOffsetAsLastArgumentEncodedOnceForEveryRecipient() {
        adapter.broadcast(event("news", 1, "two"), to("red"));

        List<FakeAdapterHost.Delivery> deliveries = host.deliveries();
        assertEquals(2, deliveries.size());
        assertSame(deliveries.get(0).packet(), deliveries.get(1).packet(), "encoded once");
        SocketPacket packet = decode(deliveries.get(0).packet().text());
        assertEquals("/chat", packet.namespace());
        assertEquals(List.of("news", 1, "two"), packet.args().subList(0, 3));
        assertEquals(4, packet.args().size(), "the offset is appended");
    }

    @Test
    void everyLoggedPacketHasItsOwnOffset() {
        adapter.broadcast(event("1"), BroadcastOptions.ALL);
        adapter.broadcast(event("2"), to("red"));
        adapter.broadcast(event("3"), BroadcastOptions.socket("a"));

        List<String> offsets = receivedBy("a").stream().map(SessionAwareRecoveryTest::offsetOf).toList();
        assertEquals(3, new HashSet<>(offsets).size(), "unique: " + offsets);
    }

    @Test
    void acknowledgedVolatileAndBroadcastWithAckPacketsGetNoOffset() {
        adapter.broadcast(event("asks").withAckId(7), BroadcastOptions.socket("a"));
        adapter.broadcast(event("volatile"), new BroadcastOptions(Set.of("a"), Set.of(), BroadcastFlags.NONE.withVolatile()));
        adapter.broadcastWithAck(event("vote"), new BroadcastOptions(Set.of("a"), Set.of(),
                BroadcastFlags.NONE.withTimeout(Duration.ofSeconds(1))), count -> { }, answer -> { });

        List<String> texts = host.deliveries().stream().map(d -> d.packet().text()).toList();
        assertEquals(List.of("2/chat,7[\"asks\"]", "2/chat,[\"volatile\"]", "2/chat,0[\"vote\"]"), texts);
        assertEquals(0, adapter.packetCount(), "none logged");
    }

    @Test
    void localBinaryAndExceptingBroadcastsAreLoggedLikeAnyOther() {
        adapter.broadcast(event("local"), new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withLocal()));
        adapter.broadcast(event("blob", new byte[] {1, 2}), to("red"));
        adapter.broadcast(event("others"), except(Set.of(), "a"));

        assertEquals(3, adapter.packetCount());
        String binary = host.deliveries().get(4).packet().text();
        assertTrue(binary.matches("51-/chat,\\[\"blob\",\\{\"_placeholder\":true,\"num\":0},\"[0-9a-z]+\\.1\"]"),
                "a binary event carries its offset after its attachment's placeholder: " + binary);
    }

    @Test
    void aPacketThatCannotBeEncodedIsNeitherLoggedNorDelivered() {
        Object notJson = new Object();

        assertThrows(RuntimeException.class, () -> adapter.broadcast(event("bad", notJson), to("red")));

        assertEquals(0, adapter.packetCount());
        assertEquals(List.of(), host.deliveries());
    }

    // ---- restoring ----

    @Test
    void aRestoredSessionHasItsIdRoomsDataAndTheMissedPacketsInOrder() {
        adapter.broadcast(event("before"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("b");
        lose("b", "pid-b");

        adapter.broadcast(event("everyone"), BroadcastOptions.ALL);
        adapter.broadcast(event("red"), to("red"));
        adapter.broadcast(event("blue and green"), to("blue", "green"));
        adapter.broadcast(event("green"), to("green"));
        adapter.broadcast(event("all but red"), except(Set.of(), "red"));
        adapter.broadcast(event("blue but not a"), except(Set.of("blue"), "a"));
        adapter.broadcast(event("red but not b"), except(Set.of("red"), "b"));
        adapter.broadcast(event("to b"), BroadcastOptions.socket("b"));
        adapter.broadcast(event("to a"), BroadcastOptions.socket("a"));
        adapter.broadcast(event("others of b"), except(Set.of(), "b"));

        RestoredSession session = adapter.restoreSession("pid-b", offset).join().orElseThrow();

        assertEquals("b", session.sid());
        assertEquals("pid-b", session.pid());
        assertEquals(Set.of("b", "red", "blue"), session.rooms());
        assertEquals(Map.of("user", "b"), session.data());
        assertEquals(List.of("everyone", "red", "blue and green", "blue but not a", "to b"), names(session.missedPackets()));
        List<String> offsets = session.missedPackets().stream().map(SessionAwareRecoveryTest::offsetOf).toList();
        List<String> asBroadcast = receivedBy("a").stream().map(SessionAwareRecoveryTest::offsetOf).toList();
        assertEquals(offsets.get(0), asBroadcast.get(1), "the same offset as the live recipients got");
    }

    @Test
    void theOffsetOfTheNewestPacketMeansNothingWasMissed() {
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        lose("a", "pid-a");
        adapter.broadcast(event("blue only"), to("blue"));

        assertEquals(List.of(), adapter.restoreSession("pid-a", offset).join().orElseThrow().missedPackets());
    }

    @Test
    void aSessionIsRestoredOnlyOnce() {
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        lose("a", "pid-a");

        assertTrue(adapter.restoreSession("pid-a", offset).join().isPresent());
        assertEquals(Optional.empty(), adapter.restoreSession("pid-a", offset).join());
    }

    @Test
    void anUnknownPidOrAnOffsetThatIsNotOursRestoresNothing() {
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        SessionAwareAdapter other = new SessionAwareAdapter(host, host.clock::millis);
        other.addAll("d", Set.of("d"));
        other.broadcast(event("elsewhere"), BroadcastOptions.ALL);
        String foreign = offsetOf(decode(host.deliveries().get(host.deliveries().size() - 1).packet().text()));
        other.close();
        String prefix = offset.substring(0, offset.indexOf('.') + 1);
        assertNotEquals(prefix, foreign.substring(0, foreign.indexOf('.') + 1), "each adapter has its own offsets");

        for (String bad : List.of(foreign, "hello", "", prefix, prefix + "-1", prefix + "+0", prefix + "00",
                prefix + "zzzzzzzzzzzzzzzz", prefix + "1")) {
            lose("a", "pid-a");
            assertEquals(Optional.empty(), adapter.restoreSession("pid-a", bad).join(), bad);
            join("a", "red");
        }
        lose("a", "pid-a");
        assertEquals(Optional.empty(), adapter.restoreSession("pid-unknown", offset).join());
    }

    @Test
    void persistingAgainReplacesTheSession() {
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        adapter.persistSession(new PersistedSession("a", "pid-a", Set.of("a"), Map.of("v", 1)));
        adapter.persistSession(new PersistedSession("a", "pid-a", Set.of("a", "red"), Map.of("v", 2)));

        RestoredSession session = adapter.restoreSession("pid-a", offset).join().orElseThrow();

        assertEquals(Map.of("v", 2), session.data());
        assertEquals(0, adapter.sessionCount(), "one session, restored, so gone");
    }

    // ---- between the restore and the socket's return ----

    @Test
    void packetsBroadcastBetweenTheRestoreAndTheRejoiningAreDeliveredWhenItRejoinsInOrder() {
        adapter.broadcast(event("before"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("b");
        lose("b", "pid-b");
        adapter.broadcast(event("missed"), to("red"));
        RestoredSession session = adapter.restoreSession("pid-b", offset).join().orElseThrow();

        adapter.broadcast(event("late red"), to("red"));
        adapter.broadcast(event("late green"), to("green"));
        adapter.broadcast(event("late to b"), BroadcastOptions.socket("b"));
        adapter.broadcast(event("late, not b"), except(Set.of(), "b"));
        host.addSocket("b"); // the server makes it deliverable, then rejoins its rooms
        adapter.addAll("b", session.rooms());
        adapter.broadcast(event("after"), to("blue"));

        assertEquals(List.of("missed"), names(session.missedPackets()));
        assertEquals(List.of("before", "late red", "late to b", "after"), names(receivedBy("b")));
        List<String> offsets = receivedBy("b").stream().map(SessionAwareRecoveryTest::offsetOf).toList();
        assertEquals(offsets.get(1), offsetOf(receivedBy("a").get(2)), "the late packet as logged");
    }

    @Test
    void joiningOtherRoomsLaterDeliversNothingAgain() {
        adapter.broadcast(event("before"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("b");
        lose("b", "pid-b");
        RestoredSession session = adapter.restoreSession("pid-b", offset).join().orElseThrow();
        adapter.broadcast(event("late"), to("red"));
        host.addSocket("b");
        adapter.addAll("b", session.rooms());

        adapter.addAll("b", Set.of("green"));

        assertEquals(List.of("before", "late"), names(receivedBy("b")));
    }

    @Test
    void concurrentBroadcastsReachEverySocketInOffsetOrder() throws Exception {
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String room = t % 2 == 0 ? "red" : "blue";
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    adapter.broadcast(event("n", i), i % 3 == 0 ? BroadcastOptions.ALL : to(room));
                }
            });
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }

        // The log's order is the order in which every connection got the packets: an offset splits
        // what a client got from what it missed only then.
        Map<String, Long> last = new HashMap<>();
        for (FakeAdapterHost.Delivery delivery : host.deliveries()) {
            String offset = offsetOf(decode(delivery.packet().text()));
            long sequence = Long.parseLong(offset.substring(offset.indexOf('.') + 1), 36);
            Long previous = last.put(delivery.socketId(), sequence);
            assertTrue(previous == null || previous < sequence, delivery.socketId() + " got " + sequence + " after " + previous);
        }
        assertEquals(threads * perThread, adapter.packetCount());
    }
}
