package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PersistedSession} and {@link RestoredSession}: immutable snapshots an adapter may keep. */
class SessionRecordsTest {

    @Test
    void aPersistedSessionCopiesItsCollectionsAndKeepsNullValues() {
        Set<String> rooms = new HashSet<>(Set.of("sid", "red"));
        Map<String, Object> data = new HashMap<>();
        data.put("user", "ann");
        data.put("nothing", null);

        PersistedSession session = new PersistedSession("sid", "pid", rooms, data);
        rooms.add("blue");
        data.put("late", 1);

        assertEquals(Set.of("sid", "red"), session.rooms());
        assertEquals(2, session.data().size());
        assertTrue(session.data().containsKey("nothing"));
        assertNull(session.data().get("nothing"));
        assertThrows(UnsupportedOperationException.class, () -> session.data().put("x", 1));
    }

    @Test
    void restoringAPersistedSessionKeepsItAndAddsTheMissedPacketsInOrder() {
        PersistedSession session = new PersistedSession("sid", "pid", Set.of("sid"), Map.of("user", "ann"));
        List<SocketPacket> missed = new ArrayList<>(List.of(
                SocketPacket.event("/", "a", "offset-1"), SocketPacket.event("/", "b", "offset-2")));

        RestoredSession restored = session.restore(missed);
        missed.clear();

        assertEquals(new RestoredSession("sid", "pid", Set.of("sid"), Map.of("user", "ann"), List.of(
                SocketPacket.event("/", "a", "offset-1"), SocketPacket.event("/", "b", "offset-2"))), restored);
    }

    @Test
    void bothIdsAreRequired() {
        assertThrows(NullPointerException.class, () -> new PersistedSession(null, "pid", Set.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> new RestoredSession("sid", null, Set.of(), Map.of(), List.of()));
    }
}
