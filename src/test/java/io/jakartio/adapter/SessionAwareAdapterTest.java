package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link AdapterContract} for the session-aware adapter of a server without connection state
 * recovery: it must then be exactly an {@link InMemoryAdapter}. What it does with recovery on is
 * in {@link SessionAwareRecoveryTest} and {@link SessionAwareMemoryTest}.
 */
class SessionAwareAdapterTest extends AdapterContract {

    @Override
    protected Adapter createAdapter(AdapterHost host) {
        return new SessionAwareAdapter(host, ((FakeAdapterHost) host).clock::millis);
    }

    @Test
    void withoutRecoveryItKeepsNoSessionsAddsNoOffsetsAndStartsNoTimer() {
        adapter.persistSession(new PersistedSession("a", "pid-a", Set.of("a", "red"), Map.of("user", "ann")));
        adapter.broadcast(SocketPacket.event("/", "news"), BroadcastOptions.socket("a"));

        assertEquals("2/chat,[\"news\"]", host.deliveries().get(0).packet().text());
        assertEquals(Optional.empty(), adapter.restoreSession("pid-a", "any").join());
        assertEquals(0, host.clock.pendingTasks());
        assertEquals(0, ((SessionAwareAdapter) adapter).sessionCount());
    }
}
