package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacket;
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
    void aPacketAlreadyInTheAdaptersNamespaceIsSentAsItIs() {
        adapter.broadcast(SocketPacket.event(namespace(), "news"), BroadcastOptions.socket("a"));

        assertEquals("2/chat,[\"news\"]", host.deliveries().get(0).packet().text());
    }
}
