package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The {@link AdapterContract} for the single-server adapter, plus what is specific to it. */
class InMemoryAdapterTest extends AdapterContract {

    @Override
    protected Adapter createAdapter(AdapterHost host) {
        return new InMemoryAdapter(host);
    }

    @Test
    void exactlyOneServerTakesPartInBroadcasts() {
        assertEquals(1, adapter.serverCount().join());
    }

    @Test
    void theLocalFlagMakesNoDifferenceOnASingleServer() {
        adapter.broadcast(SocketPacket.event("/", "news"),
                new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withLocal()));

        assertEquals(ALL, Set.copyOf(host.recipients()));
    }

    @Test
    void itKeepsNoSessionsAndAddsNoOffsetsEvenWithRecoveryOn() {
        host.recoverFor(Duration.ofMinutes(2));

        adapter.persistSession(new PersistedSession("a", "pid-a", Set.of("a", "red"), Map.of("user", "ann")));
        adapter.broadcast(SocketPacket.event("/", "news"), BroadcastOptions.socket("a"));

        assertEquals("2/chat,[\"news\"]", host.deliveries().get(0).packet().text());
        assertEquals(Optional.empty(), adapter.restoreSession("pid-a", "any").join());
        assertEquals(Set.of("a", "red"), adapter.socketRooms("a"), "persisting touched no room");
    }

    @Test
    void aPacketAlreadyInTheAdaptersNamespaceIsSentAsItIs() {
        adapter.broadcast(SocketPacket.event(namespace(), "news"), BroadcastOptions.socket("a"));

        assertEquals("2/chat,[\"news\"]", host.deliveries().get(0).packet().text());
    }

    @Test
    void joiningWhileTheSameSocketLeavesEverythingNeverLeavesAStaleMembership() throws Exception {
        InMemoryAdapter fresh = new InMemoryAdapter(host);
        for (int round = 0; round < 2_000; round++) {
            String id = "s" + round;
            Set<String> joined = Set.of(id, "lobby", "room-" + (round % 7));
            CyclicBarrier start = new CyclicBarrier(2);
            Thread joiner = new Thread(() -> {
                await(start);
                fresh.addAll(id, joined);
            });
            joiner.start();
            await(start);
            fresh.delAll(id);
            joiner.join();
            // Either the join came last (the socket is in all three rooms) or the leave did (in none).
            Set<String> own = fresh.socketRooms(id);
            for (String room : joined) {
                boolean listed = fresh.sockets(Set.of(room)).contains(id);
                assertEquals(own.contains(room), listed, "round " + round + ": " + room + " agrees with the socket's rooms " + own);
            }
            fresh.delAll(id);
        }
        assertEquals(Set.of(), fresh.rooms(), "every room is gone once every socket left");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }
}
