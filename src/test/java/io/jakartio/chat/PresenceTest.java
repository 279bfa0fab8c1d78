package io.jakartio.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Who is online on one server: tabs counted per user, and the grace before a user is gone. */
class PresenceTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private final ManualScheduler clock = new ManualScheduler();
    private final Presence presence = new Presence(clock, GRACE);
    private final ChatUser alice = ChatUser.fromAuth(Map.of("nickname", "Alice", "userId", "browser-1"));
    private final AtomicInteger gone = new AtomicInteger();

    @Test
    void onlineAreTheUsersWithATabHereAndThoseWithinTheirGrace() {
        ChatUser bob = ChatUser.fromAuth(Map.of("nickname", "Bob", "userId", "browser-2"));
        assertEquals(List.of(), presence.online());
        presence.arrive(alice);
        presence.arrive(bob);
        presence.leave(bob, gone::incrementAndGet);
        assertEquals(Set.of(alice, bob), Set.copyOf(presence.online()), "bob within his grace");
        // a tab of bob's back within the grace: online all along, never announced either way
        assertEquals(Presence.Arrival.RETURNED, presence.arrive(bob));
        assertEquals(Set.of(alice, bob), Set.copyOf(presence.online()));
        presence.leave(bob, gone::incrementAndGet);
        clock.advance(GRACE);
        assertEquals(List.of(alice), presence.online());
    }

    @Test
    void aUsersFirstTabIsFirstAndTheNextOnesAreOtherTabs() {
        assertEquals(Presence.Arrival.FIRST, presence.arrive(alice));
        assertEquals(Presence.Arrival.ANOTHER_TAB, presence.arrive(alice));
        presence.leave(alice, gone::incrementAndGet);
        assertEquals(Presence.Arrival.ANOTHER_TAB, presence.arrive(alice));
    }

    @Test
    void theLastTabLeavingMakesTheUserGoneOnceAndOnlyAfterTheGrace() {
        presence.arrive(alice);
        presence.arrive(alice);
        presence.leave(alice, gone::incrementAndGet);
        presence.leave(alice, gone::incrementAndGet);

        clock.advance(GRACE.minusMillis(1));
        assertEquals(0, gone.get(), "still within the grace");
        assertEquals(Optional.of(alice), presence.lingering("alice"));
        assertEquals(List.of(alice), presence.online(), "online within the grace");
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, gone.get());
        assertEquals(Optional.empty(), presence.lingering("alice"));
        clock.advance(GRACE.multipliedBy(3));
        assertEquals(1, gone.get(), "once");
        assertEquals(Presence.Arrival.FIRST, presence.arrive(alice), "a new arrival after the grace");
    }

    @Test
    void aTabComingBackWithinTheGraceReturnsAndTheUserIsNeverGone() {
        presence.arrive(alice);
        presence.leave(alice, gone::incrementAndGet);
        clock.advance(GRACE.minusMillis(1));

        assertEquals(Presence.Arrival.RETURNED, presence.arrive(alice));
        assertEquals(Optional.empty(), presence.lingering("alice"), "online with a tab, not lingering");
        clock.advance(GRACE.multipliedBy(3));
        assertEquals(0, gone.get());

        presence.leave(alice, gone::incrementAndGet); // a new grace, counted from this leave
        clock.advance(GRACE);
        assertEquals(1, gone.get());
    }

    @Test
    void aUserGoneAfterTheGraceIsAnnouncedOnlyWhileNoTabOfItArrivedAndBeforeTheNextArrival() throws Exception {
        presence.arrive(alice);
        presence.leave(alice, gone::incrementAndGet);
        clock.advance(GRACE);
        assertEquals(1, gone.get());

        // a tab arriving while the announcement is made waits for it
        List<Presence.Arrival> arrivals = new CopyOnWriteArrayList<>();
        Thread arriving = new Thread(() -> arrivals.add(presence.arrive(alice)));
        assertTrue(presence.ifStillGone(alice, () -> {
            arriving.start();
            while (arriving.getState() != Thread.State.BLOCKED) {
                assertTrue(arriving.isAlive(), "the arrival went through during the announcement");
                Thread.onSpinWait();
            }
        }));
        arriving.join();
        assertEquals(List.of(Presence.Arrival.FIRST), arrivals);

        // once a tab is back, the user is not announced gone
        assertFalse(presence.ifStillGone(alice, () -> gone.incrementAndGet()));
        assertEquals(1, gone.get());
    }

    @Test
    void aLeaveWithoutAnArrivalIsIgnored() {
        presence.leave(alice, gone::incrementAndGet);
        clock.advance(GRACE);
        assertEquals(0, gone.get());
        assertEquals(List.of(), presence.online());
    }

    @Test
    void aNegativeGraceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Presence(clock, Duration.ofMillis(-1)));
    }

    @Test
    void aNicknameOneBrowserClaimedIsRefusedToAnotherUntilItsSocketArrivesAndLeaves() {
        ChatUser elsewhere = ChatUser.fromAuth(Map.of("nickname", "ALICE", "userId", "browser-2"));
        assertTrue(presence.claim(alice));
        assertFalse(presence.claim(elsewhere), "claimed an instant ago by browser-1");
        assertTrue(presence.claim(alice), "the same browser's other tab");

        presence.arrive(alice);
        clock.advance(Presence.CLAIM.multipliedBy(2));
        assertFalse(presence.claim(elsewhere), "online with a tab");
        presence.leave(alice, gone::incrementAndGet);
        assertFalse(presence.claim(elsewhere), "within the grace");
        clock.advance(GRACE);
        assertTrue(presence.claim(elsewhere), "gone");
    }

    @Test
    void aClaimWhoseSocketNeverArrivesLapses() {
        ChatUser elsewhere = ChatUser.fromAuth(Map.of("nickname", "alice", "userId", "browser-2"));
        assertTrue(presence.claim(alice));
        clock.advance(Presence.CLAIM.minusMillis(1));
        assertFalse(presence.claim(elsewhere));
        clock.advance(Duration.ofMillis(1));
        assertTrue(presence.claim(elsewhere), "browser-1's claim lapsed");
        assertFalse(presence.claim(alice), "browser-2 holds it now");
    }
}
