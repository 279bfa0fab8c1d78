package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
}
