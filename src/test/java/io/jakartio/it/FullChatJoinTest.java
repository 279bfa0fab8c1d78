package io.jakartio.it;

import static io.jakartio.it.ChatClient.id;
import static io.jakartio.it.ChatClient.next;
import static io.jakartio.it.ChatClient.none;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Joining the full chat: the connection middleware's refusals, nicknames taken and freed, one
 * spelling per user, the session and history a newcomer gets, the missed messages of a reconnecting
 * tab, presence counted once per user, the grace before {@code user left}.
 */
class FullChatJoinTest extends FullChatScenarios {

    private static final Duration GRACE = FullChatServer.LEAVE_GRACE;
    /** How long after the grace's end a "user left" that should not come is waited for. */
    private static final Duration MARGIN = Duration.ofMillis(150);

    @EveryDatabase
    void eachBadNicknameOrUserIdIsRefusedWithItsConnectErrorMessage(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String userId = UUID.randomUUID().toString();
        List<Object[]> cases = List.of(
                new Object[] {auth("userId", userId), "nickname required"},
                new Object[] {auth("nickname", "   ", "userId", userId), "nickname required"},
                new Object[] {auth("nickname", 42, "userId", userId), "nickname required"},
                new Object[] {auth("nickname", "n".repeat(25), "userId", userId), "nickname too long"},
                new Object[] {auth("nickname", "bell\u0007", "userId", userId), "nickname invalid"},
                new Object[] {auth("nickname", "two\nlines", "userId", userId), "nickname invalid"},
                new Object[] {auth("nickname", nick("nouser")), "userId required"},
                new Object[] {auth("nickname", nick("blankuser"), "userId", " "), "userId required"},
                new Object[] {auth("nickname", nick("longuser"), "userId", "u".repeat(65)), "userId required"},
                new Object[] {auth("nickname", nick("numuser"), "userId", 7), "userId required"});
        for (Object[] refused : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Object> auth = (Map<String, Object>) refused[0];
            assertEquals(refused[1], chat.client(auth).refusal(), auth.toString());
        }
    }

    @EveryDatabase
    void aNicknameOnlineInAnotherBrowserIsTakenWhateverItsCaseButAnotherTabOfTheSameBrowserGetsIn(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        chat.tab(alice, browser);

        assertEquals("nickname taken", chat.client(auth("nickname", alice.toUpperCase(), "userId", "other")).refusal());
        assertEquals("nickname taken", chat.client(auth("nickname", " " + alice + " ", "userId", "other")).refusal());
        assertEquals(alice, chat.tab(alice.toLowerCase(), browser).awaitSession().get("nickname"), "as spelled online");
    }

    @Test // presence lives in memory: one database is enough
    void aSecondTabTypedInAnotherCaseIsGivenTheSpellingAlreadyOnlineForItsSessionItsMessagesAndPresence() {
        FullChatServer chat = chat(ChatDatabase.H2);
        ChatClient bob = chat.user(nick("Bob"));
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        chat.tab(alice, browser);
        next(bob.userJoined, m -> alice.equals(m.get("nickname")), alice + " joined");

        ChatClient second = chat.tab(alice.toLowerCase(), browser);

        assertEquals(alice, second.awaitSession().get("nickname"));
        String offset = offset();
        second.say("general", "from the second tab", offset);
        assertEquals(alice, next(bob.chatMessage, m -> offset.equals(m.get("clientOffset")), "its message").get("from"));
        String dm = offset();
        second.tell(nameOf(bob), "a word", dm);
        assertEquals(alice, next(bob.privateMessage, m -> dm.equals(m.get("clientOffset")), "its DM").get("from"));
        List<?> users = (List<?>) chat.user(nick("Carol")).awaitSession().get("users");
        assertEquals(List.of(alice), users.stream().filter(u -> alice.equalsIgnoreCase(String.valueOf(u))).toList(),
                "one Alice: " + users);
    }

    @Test // presence lives in memory: one database is enough
    void aTabComingBackWithinTheGraceAnnouncesNeitherLeftNorJoined() {
        FullChatServer chat = chat(ChatDatabase.H2);
        ChatClient bob = chat.user(nick("Bob"));
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient reloaded = chat.tab(alice, browser);
        next(bob.userJoined, m -> alice.equals(m.get("nickname")), alice + " joined");

        long closed = System.nanoTime();
        reloaded.close();
        chat.awaitNoTabs(alice);
        long since = System.nanoTime();
        ChatClient back = chat.tab(alice.toLowerCase(), browser); // its session is sent once it is counted
        assumeTrue(System.nanoTime() - closed < GRACE.toNanos(), "the tab came back within the grace on this machine");

        assertEquals(alice, back.awaitSession().get("nickname"), "the spelling of the user within its grace");
        // until well after the grace would have ended: no "user left", and no "user joined"
        quietUntil(closed + GRACE.toNanos() + MARGIN.toNanos());
        none(bob.userLeft, m -> alice.equals(m.get("nickname")), since);
        none(bob.userJoined, m -> alice.equals(m.get("nickname")), since);
    }

    @Test // presence lives in memory: one database is enough
    void aUserWithinTheGraceIsStillOnlineToNewcomersThenLeftIsAnnouncedAfterIt() {
        FullChatServer chat = chat(ChatDatabase.H2);
        ChatClient bob = chat.user(nick("Bob"));
        String alice = nick("Alice");
        ChatClient gone = chat.user(alice);
        next(bob.userJoined, m -> alice.equals(m.get("nickname")), alice + " joined");

        long closed = System.nanoTime();
        gone.close();
        chat.awaitNoTabs(alice);
        ChatClient carol = chat.user(nick("Carol"));
        List<?> users = (List<?>) carol.awaitSession().get("users");
        Map<String, Object> dm = carol.tell(alice, "for when you are back", offset());
        Object another = chat.client(auth("nickname", alice, "userId", "another browser")).refusal();
        assumeTrue(System.nanoTime() - closed < GRACE.toNanos(), "all that within the grace on this machine");

        assertTrue(users.contains(alice), "alice still online to carol: " + users);
        assertEquals(true, dm.get("ok"), "a direct message to alice is stored: " + dm);
        assertEquals("nickname taken", another, "alice's nickname is alice's still");
        next(bob.userLeft, m -> alice.equals(m.get("nickname")), alice + " left");
        assertTrue(System.nanoTime() - closed >= GRACE.toNanos(), "left only after the grace");
    }

    /** Sleeps until {@code deadline} ({@link System#nanoTime()}). */
    private static void quietUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(left);
        }
    }

    @EveryDatabase
    void aNicknameIsFreeAgainOnceItsLastTabLeft(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        ChatClient witness = chat.user(nick("Bob"));
        chat.user(alice).close();
        awaitGone(witness, alice);

        assertEquals(alice, chat.user(alice).awaitSession().get("nickname"));
    }

    @EveryDatabase
    void theNewcomerGetsItsSessionThenTheLastMessagesItMaySee(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient bob = chat.user(nick("Bob"));
        ChatClient carol = chat.user(nick("Carol"));
        String room = room("secret");
        carol.join(room);
        long inGeneral = id(bob.say("general", "hello general", offset()));
        long toAlice = id(bob.tell(nameOf(carol), "not for alice", offset()));
        carol.say(room, "secret talk", offset());

        String alice = nick("Alice");
        ChatClient newcomer = chat.user(alice);
        Map<String, Object> session = newcomer.awaitSession();
        List<Map<String, Object>> history = newcomer.awaitHistory();

        assertEquals(alice, session.get("nickname"));
        assertEquals(List.of("general"), session.get("rooms"));
        List<?> roomList = (List<?>) session.get("roomList");
        assertTrue(roomList.contains("general") && roomList.contains(room), roomList.toString());
        assertEquals(roomList.stream().map(String::valueOf).sorted().toList(), roomList, "the room list is sorted");
        List<?> users = (List<?>) session.get("users");
        assertTrue(users.containsAll(List.of(alice, nameOf(bob), nameOf(carol))), users.toString());
        assertEquals(users.stream().distinct().count(), users.size(), "each user once: " + users);
        assertEquals(users.stream().map(u -> String.valueOf(u).toLowerCase()).sorted().toList(),
                users.stream().map(u -> String.valueOf(u).toLowerCase()).toList(), "sorted: " + users);
        assertTrue(history.size() <= 50, "at most 50 messages");
        assertEquals(inGeneral, ((Number) history.get(history.size() - 1).get("id")).longValue(),
                "the last message alice may see is bob's in #general: " + history);
        assertTrue(history.stream().noneMatch(m -> m.get("id").equals(toAlice) || room.equals(m.get("room"))),
                "no DM of others, no message of a room alice is not in: " + history);
        assertAscending(history);
    }

    @EveryDatabase
    void aReconnectingTabWithItsServerOffsetGetsExactlyTheMessagesItMissedInItsRoomsAndDirectMessages(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        String room = room("team");
        Map<String, Object> rejoining = auth("nickname", alice, "userId", browser, "rooms", Json.array(room, "not a room!"));
        ChatClient laptop = chat.client(rejoining).connect();
        ChatClient phone = chat.client(rejoining).connect();
        assertEquals(List.of("general", room), laptop.awaitSession().get("rooms"), "rejoined, the bad name skipped");
        ChatClient bob = chat.user(nick("Bob"));
        ChatClient carol = chat.user(nick("Carol"));
        bob.join(room);
        long lastSeen = id(bob.say("general", "seen by the laptop", offset()));
        next(laptop.chatMessage, m -> ((Number) m.get("id")).longValue() == lastSeen, "the last message the laptop saw");
        laptop.close();

        long missed1 = id(bob.say("general", "missed in general", offset()));
        long missed2 = id(bob.say(room, "missed in the team", offset()));
        String otherRoom = room("other");
        carol.join(otherRoom);
        carol.say(otherRoom, "not alice's room", offset());
        carol.tell(nameOf(bob), "not alice's DM", offset());
        long missed3 = id(bob.tell(alice, "a DM the laptop missed", offset())); // the phone is online
        long missed4 = id(phone.tell(nameOf(carol), "sent from the phone", offset()));

        Map<String, Object> back = new LinkedHashMap<>(rejoining);
        back.put("serverOffset", lastSeen);
        ChatClient laptopAgain = chat.client(back).connect();
        List<Map<String, Object>> missed = laptopAgain.awaitHistory();

        assertEquals(List.of(missed1, missed2, missed3, missed4), ids(missed), "exactly the missed messages: " + missed);
        assertEquals(List.of("missed in general", "missed in the team", "a DM the laptop missed", "sent from the phone"),
                texts(missed));
        assertEquals(List.of(), ids(chat.client(auth("nickname", alice, "userId", browser, "serverOffset", missed4))
                .connect().awaitHistory()), "nothing missed");
    }

    @EveryDatabase
    void twoTabsOfOneUserAreOneUserJoiningOnceAndLeavingOnce(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient bob = chat.user(nick("Bob"));
        bob.awaitSession();
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();

        ChatClient tab1 = chat.tab(alice, browser);
        next(bob.userJoined, m -> alice.equals(m.get("nickname")), alice + " joined");
        long since = System.nanoTime();
        ChatClient tab2 = chat.tab(alice, browser);
        List<?> users = (List<?>) tab2.awaitSession().get("users");
        none(bob.userJoined, m -> alice.equals(m.get("nickname")), since);
        assertEquals(1, users.stream().filter(alice::equals).count(), "alice listed once: " + users);
        none(tab1.userJoined, m -> alice.equals(m.get("nickname")), since);

        since = System.nanoTime();
        tab1.close();
        none(bob.userLeft, m -> alice.equals(m.get("nickname")), since);
        tab2.close();
        next(bob.userLeft, m -> alice.equals(m.get("nickname")), alice + " left");
        since = System.nanoTime();
        none(bob.userLeft, m -> alice.equals(m.get("nickname")), since);
    }
}
