package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the session-aware adapter keeps, and for how long: sessions and packets expire
 * {@code maxDisconnectionDuration} after they were stored, by a timer that runs only while
 * something is kept; the log never holds more than {@code maxPackets}; a client comes back only
 * if no packet it may have missed was dropped. The clock and the timers are the fake host's
 * manual scheduler: no real waiting.
 */
class SessionAwareMemoryTest {

    private static final Duration WINDOW = Duration.ofMinutes(2);

    private final FakeAdapterHost host = new FakeAdapterHost("/");
    private SessionAwareAdapter adapter;

    private SessionAwareAdapter start() {
        host.recoverFor(WINDOW);
        adapter = new SessionAwareAdapter(host, host.clock::millis);
        host.attach(adapter);
        for (String id : List.of("a", "b")) {
            host.addSocket(id);
            adapter.addAll(id, Set.of(id, "red"));
        }
        host.addSocket("c");
        adapter.addAll("c", Set.of("c", "blue"));
        return adapter;
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static SocketPacket event(String name) {
        return SocketPacket.event("/", name);
    }

    private static BroadcastOptions to(String room) {
        return new BroadcastOptions(Set.of(room), Set.of(), BroadcastFlags.NONE);
    }

    /** @return the offset of the last packet {@code socketId} received */
    private String lastOffsetOf(String socketId) {
        String text = null;
        for (FakeAdapterHost.Delivery delivery : host.deliveries()) {
            if (delivery.socketId().equals(socketId)) {
                text = delivery.packet().text();
            }
        }
        try {
            List<Object> args = new SocketPacketDecoder(10).decode(text).args();
            return (String) args.get(args.size() - 1);
        } catch (PacketParseException e) {
            throw new AssertionError(e);
        }
    }

    private void lose(String id, String pid) {
        adapter.persistSession(new PersistedSession(id, pid, adapter.socketRooms(id), Map.of()));
        host.removeSocket(id);
        adapter.delAll(id);
    }

    private List<Object> missed(Optional<RestoredSession> session) {
        List<Object> names = new ArrayList<>();
        session.orElseThrow().missedPackets().forEach(p -> names.add(p.args().get(0)));
        return names;
    }

    // ---- time ----

    @Test
    void aSessionIsRestoredUpToTheEndOfTheWindowAndNotAfter() {
        start();
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        lose("a", "pid-a");
        lose("b", "pid-b");

        host.clock.advance(WINDOW);
        assertTrue(adapter.restoreSession("pid-a", offset).join().isPresent(), "at exactly the window's end");
        host.clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), adapter.restoreSession("pid-b", offset).join());
    }

    @Test
    void sessionsAndPacketsExpireByThemselvesAndThenNoTimerIsLeft() {
        start();
        assertEquals(0, host.clock.pendingTasks(), "nothing kept, no timer");
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        host.clock.advance(Duration.ofSeconds(30));
        lose("a", "pid-a");
        for (int i = 0; i < 100; i++) {
            adapter.broadcast(event("more"), to("blue"));
        }
        assertEquals(1, host.clock.pendingTasks(), "one timer, however much is kept");
        assertEquals(101, adapter.packetCount());
        assertEquals(1, adapter.sessionCount());

        host.clock.advance(WINDOW.minusSeconds(29)); // 1 s after the first packet expired
        assertEquals(100, adapter.packetCount(), "the first packet, older than the window");
        assertEquals(1, adapter.sessionCount(), "the session is younger");

        host.clock.advance(Duration.ofSeconds(31));
        assertEquals(0, adapter.packetCount());
        assertEquals(0, adapter.sessionCount());
        assertEquals(0, host.clock.pendingTasks());
    }

    @Test
    void aClientWhoseLastPacketExpiredButMissedNothingElseIsRestored() {
        // The reference adapter needs the client's own last packet in its log; this one needs only
        // every packet after it, so a client of a quiet namespace comes back after a long silence.
        start();
        adapter.broadcast(event("long ago"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        host.clock.advance(Duration.ofMinutes(10));
        lose("a", "pid-a");
        host.clock.advance(Duration.ofSeconds(5));
        adapter.broadcast(event("missed"), to("red"));

        assertEquals(List.of("missed"), missed(adapter.restoreSession("pid-a", offset).join()));
    }

    @Test
    void aClientThatMayHaveMissedAnExpiredPacketGetsAFreshSocket() {
        start();
        adapter.broadcast(event("last for a"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        host.clock.advance(Duration.ofSeconds(1));
        adapter.broadcast(event("blue"), to("blue")); // not for a, but a cannot know it once dropped
        host.clock.advance(Duration.ofMinutes(3));
        lose("a", "pid-a");

        assertEquals(Optional.empty(), adapter.restoreSession("pid-a", offset).join());
    }

    @Test
    void withoutTimersThingsExpireWhenTheNamespaceIsNextUsed() {
        host.withoutTimers();
        start();
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        lose("a", "pid-a");
        host.clock.advance(WINDOW.plusSeconds(1));
        assertEquals(1, adapter.sessionCount());

        lose("b", "pid-b");

        assertEquals(1, adapter.sessionCount(), "the expired one went as the new one came");
        assertEquals(0, adapter.packetCount());
    }

    @Test
    void aRestoredSocketThatNeverRejoinsIsForgottenAfterTheWindow() {
        start();
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        lose("a", "pid-a");
        RestoredSession session = adapter.restoreSession("pid-a", offset).join().orElseThrow();
        adapter.broadcast(event("late"), to("red"));

        host.clock.advance(WINDOW.plusSeconds(1));
        adapter.broadcast(event("much later"), to("blue"));
        host.addSocket("a");
        host.clearDeliveries();
        adapter.addAll("a", session.rooms());

        assertEquals(List.of(), host.deliveries(), "nothing held for it any more");
        assertEquals(0, host.clock.pendingTasks() - (adapter.packetCount() > 0 ? 1 : 0));
    }

    @Test
    void closingForgetsEverythingAndStopsTheTimer() {
        start();
        adapter.broadcast(event("news"), BroadcastOptions.ALL);
        String offset = lastOffsetOf("a");
        lose("a", "pid-a");

        adapter.close();

        assertEquals(0, host.clock.pendingTasks());
        assertEquals(0, adapter.packetCount());
        assertEquals(Optional.empty(), adapter.restoreSession("pid-a", offset).join());
        adapter.persistSession(new PersistedSession("b", "pid-b", Set.of("b"), Map.of()));
        assertEquals(0, adapter.sessionCount(), "a closed adapter keeps nothing");
    }

    // ---- the bound ----

    @Test
    void aFloodOfBroadcastsKeepsAtMostMaxPackets() {
        host.keepPackets(50);
        start();

        for (int i = 0; i < 10_000; i++) {
            adapter.broadcast(event("flood"), BroadcastOptions.ALL);
        }

        assertEquals(50, adapter.packetCount());
    }

    @Test
    void aClientComesBackIfEveryPacketAfterItsOffsetIsKeptAndOnlyThen() {
        host.keepPackets(5);
        start();
        adapter.broadcast(event("1"), to("red"));
        String droppedBeforeTheLast = lastOffsetOf("a");
        adapter.broadcast(event("2"), to("red"));
        adapter.broadcast(event("3"), to("red"));
        String lastDropped = lastOffsetOf("a");
        lose("a", "pid-a");
        lose("b", "pid-b");
        for (int i = 4; i <= 8; i++) {
            adapter.broadcast(event(String.valueOf(i)), to(i % 2 == 0 ? "red" : "blue"));
        }

        assertEquals(5, adapter.packetCount(), "4 to 8");
        assertEquals(List.of("4", "6", "8"), missed(adapter.restoreSession("pid-a", lastDropped).join()));
        assertEquals(Optional.empty(), adapter.restoreSession("pid-b", droppedBeforeTheLast).join(),
                "2 and 3 are gone: b might have missed them");
    }
}
