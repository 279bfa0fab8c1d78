package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A socket being restored gets each broadcast that crosses its restore exactly once, in order:
 * not again if it was among its missed packets, at its rejoining if it came after them.
 */
class ResumingSocketsTest {

    private final AtomicLong now = new AtomicLong();
    private final ResumingSockets resuming = new ResumingSockets((a, b) -> Long.parseLong(a) > Long.parseLong(b), now::get);
    private final BroadcastOptions toRoom = new BroadcastOptions(Set.of("room"), Set.of(), BroadcastFlags.NONE);

    private List<String> rejoin() {
        List<String> delivered = new ArrayList<>();
        resuming.rejoined("s1", held -> delivered.add(held.offset()));
        return delivered;
    }

    @Test
    void aBroadcastDuringTheRestoreIsHeldUnlessItWasMissedAlreadyAndDeliveredAtTheRejoining() {
        resuming.start("s1", Set.of("s1", "room"));

        BroadcastOptions first = resuming.filter(SocketPacket.event("/", "a"), toRoom, "5");
        resuming.filter(SocketPacket.event("/", "b"), toRoom, "7");
        resuming.missedUpTo("s1", "5"); // 5 was read as a missed packet, 7 was not
        BroadcastOptions third = resuming.filter(SocketPacket.event("/", "c"), toRoom, "8");

        assertEquals(Set.of("s1"), first.except(), "not to the socket now: it is not in its rooms yet");
        assertEquals(Set.of("s1"), third.except());
        assertEquals(List.of("7", "8"), rejoin());
        assertEquals(Set.of(), resuming.filter(SocketPacket.event("/", "d"), toRoom, "9").except(), "in its rooms again");
        assertEquals(Set.of("s1"), resuming.filter(SocketPacket.event("/", "late"), toRoom, "4").except(),
                "a late read of a packet it had among its missed ones");
    }

    @Test
    void broadcastsElsewhereAreNotTouchedAndAForgottenSocketHoldsNothing() {
        resuming.start("s1", Set.of("s1", "room"));
        BroadcastOptions other = new BroadcastOptions(Set.of("other"), Set.of(), BroadcastFlags.NONE);

        assertEquals(other, resuming.filter(SocketPacket.event("/", "x"), other, "3"));
        now.addAndGet(31_000);
        assertEquals(toRoom, resuming.filter(SocketPacket.event("/", "y"), toRoom, "4"), "never rejoined: forgotten");
        assertEquals(List.of(), rejoin());
    }
}
