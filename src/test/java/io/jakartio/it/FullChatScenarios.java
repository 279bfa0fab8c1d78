package io.jakartio.it;

import static io.jakartio.it.ChatClient.id;
import static io.jakartio.it.ChatClient.next;
import static io.jakartio.it.ChatClient.none;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The full chat's server side (namespace {@code /chat}, docs/CHAT.md) with the official Java
 * client: every handler, every refusal and bad-argument case, presence, history and the bridge
 * with the seed's page. Each subclass runs them on one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FullChatScenarios {

    private FullChatServer server;

    /** @return the database the chat runs on, for this class */
    abstract TestDatabase openDatabase();

    @BeforeAll
    void startServer() {
        server = FullChatServer.start(openDatabase());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @AfterEach
    void disconnect() {
        server.disconnectClients();
    }

    // --- joining -------------------------------------------------------------------------

    @Test
    void eachBadNicknameOrUserIdIsRefusedWithItsConnectErrorMessage() {
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
            assertEquals(refused[1], server.client(auth).refusal(), auth.toString());
        }
    }

    @Test
    void aNicknameOnlineInAnotherBrowserIsTakenWhateverItsCaseButAnotherTabOfTheSameBrowserGetsIn() {
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        tab(alice, browser);

        assertEquals("nickname taken", server.client(auth("nickname", alice.toUpperCase(), "userId", "other")).refusal());
        assertEquals("nickname taken", server.client(auth("nickname", " " + alice + " ", "userId", "other")).refusal());
        Map<String, Object> second = tab(alice.toLowerCase(), browser).awaitSession();
        assertEquals(alice.toLowerCase(), second.get("nickname"));
    }

    @Test
    void aNicknameIsFreeAgainOnceItsLastTabLeft() {
        String alice = nick("Alice");
        ChatClient witness = user(nick("Bob"));
        user(alice).close();
        awaitGone(witness, alice);

        assertEquals(alice, user(alice).awaitSession().get("nickname"));
    }

    @Test
    void theNewcomerGetsItsSessionThenTheLastMessagesItMaySee() {
        ChatClient bob = user(nick("Bob"));
        ChatClient carol = user(nick("Carol"));
        String room = room("secret");
        carol.join(room);
        long inGeneral = id(bob.say("general", "hello general", offset()));
        long toAlice = id(bob.tell(nameOf(carol), "not for alice", offset()));
        carol.say(room, "secret talk", offset());

        String alice = nick("Alice");
        ChatClient newcomer = user(alice);
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

    @Test
    void aReconnectingTabWithItsServerOffsetGetsExactlyTheMessagesItMissedInItsRoomsAndDirectMessages() {
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        String room = room("team");
        Map<String, Object> rejoining = auth("nickname", alice, "userId", browser, "rooms", Json.array(room, "not a room!"));
        ChatClient laptop = server.client(rejoining).connect();
        ChatClient phone = server.client(rejoining).connect();
        assertEquals(List.of("general", room), laptop.awaitSession().get("rooms"), "rejoined, the bad name skipped");
        ChatClient bob = user(nick("Bob"));
        ChatClient carol = user(nick("Carol"));
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
        ChatClient laptopAgain = server.client(back).connect();
        List<Map<String, Object>> missed = laptopAgain.awaitHistory();

        assertEquals(List.of(missed1, missed2, missed3, missed4), ids(missed), "exactly the missed messages: " + missed);
        assertEquals(List.of("missed in general", "missed in the team", "a DM the laptop missed", "sent from the phone"),
                texts(missed));
        assertEquals(List.of(), ids(server.client(auth("nickname", alice, "userId", browser, "serverOffset", missed4))
                .connect().awaitHistory()), "nothing missed");
    }

    @Test
    void twoTabsOfOneUserAreOneUserJoiningOnceAndLeavingOnce() {
        ChatClient bob = user(nick("Bob"));
        bob.awaitSession();
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();

        ChatClient tab1 = tab(alice, browser);
        next(bob.userJoined, m -> alice.equals(m.get("nickname")), alice + " joined");
        long since = System.nanoTime();
        ChatClient tab2 = tab(alice, browser);
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

    // --- messages ------------------------------------------------------------------------

    @Test
    void aRoomMessageIsStoredAndReachesTheRoomsMembersOnlyTheSenderIncluded() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        ChatClient carol = user(nick("Carol"));
        String room = room("members");
        alice.join(room);
        bob.join(room);
        String offset = offset();
        Instant before = Instant.now().minusSeconds(1);

        long id = id(alice.say(room, "  hello members  ", offset));

        Map<String, Object> expected = new LinkedHashMap<>(map("id", null, "room", room, "from", nameOf(alice),
                "text", "hello members", "sentAt", null, "clientOffset", offset));
        for (ChatClient member : List.of(alice, bob)) {
            Map<String, Object> message = next(member.chatMessage, m -> offset.equals(m.get("clientOffset")), "the message");
            assertEquals(id, ((Number) message.get("id")).longValue());
            Instant sentAt = Instant.parse((String) message.get("sentAt"));
            assertTrue(sentAt.isAfter(before) && sentAt.isBefore(Instant.now().plusSeconds(1)), sentAt.toString());
            expected.put("id", message.get("id"));
            expected.put("sentAt", message.get("sentAt"));
            assertEquals(expected, message);
        }
        none(carol.chatMessage, m -> offset.equals(m.get("clientOffset")), System.nanoTime());
        assertEquals(List.of(id), ids(last(bob.join(room))), "the room's history holds it");
    }

    @Test
    void aMessageToARoomTheSenderIsNotInIsRefused() {
        ChatClient alice = user(nick("Alice"));
        String room = room("elsewhere");
        user(nick("Bob")).join(room);

        assertEquals(map("error", "you are not in #" + room), alice.say(room, "let me in", offset()));
    }

    @Test
    void aRetryWithTheSameClientOffsetIsAckedWithTheSameIdAndNotBroadcastAgain() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        String offset = offset();

        long id = id(alice.say("general", "once", offset));
        next(bob.chatMessage, m -> offset.equals(m.get("clientOffset")), "the message");
        long since = System.nanoTime();
        assertEquals(id, id(alice.say("general", "once", offset)));

        none(bob.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        assertEquals(1, last(bob.join("general")).stream().filter(m -> offset.equals(m.get("clientOffset"))).count(),
                "stored once");
    }

    @Test
    void aClientOffsetAnotherUserStoredIsRefused() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        String offset = offset();
        alice.say("general", "mine", offset);

        assertEquals(map("error", "clientOffset already used"), bob.say("general", "mine too", offset));
    }

    @Test
    void textsAreTrimmedNotEmptyAndAtMost2000Characters() {
        ChatClient alice = user(nick("Alice"));

        assertEquals(true, alice.say("general", "x".repeat(2000), offset()).get("ok"));
        assertEquals(map("error", "message too long"), alice.say("general", "x".repeat(2001), offset()));
        assertEquals(map("error", "message empty"), alice.say("general", " \n\t ", offset()));
        assertEquals(map("error", "message too long"), alice.tell(nick("Bob"), "x".repeat(2001), offset()));
    }

    @Test
    void moreThan20MessagesIn10SecondsAreRefusedButARetryOfAStoredOneIsStillAcked() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        String first = offset();
        long firstId = id(alice.say("general", "1", first));
        for (int i = 2; i <= 20; i++) {
            assertEquals(true, alice.say("general", String.valueOf(i), offset()).get("ok"), "message " + i);
        }

        assertEquals(map("error", "too many messages"), alice.say("general", "21", offset()));
        assertEquals(map("error", "too many messages"), alice.tell(nameOf(bob), "a DM counts too", offset()));
        assertEquals(firstId, id(alice.say("general", "1", first)), "a retry of a stored message");
    }

    @Test
    void aDirectMessageReachesEveryTabOfTheTargetAndOfTheSenderAndNobodyElse() {
        String alice = nick("Alice");
        String bob = nick("Bob");
        String aliceBrowser = UUID.randomUUID().toString();
        String bobBrowser = UUID.randomUUID().toString();
        ChatClient alice1 = tab(alice, aliceBrowser);
        ChatClient alice2 = tab(alice, aliceBrowser);
        ChatClient bob1 = tab(bob, bobBrowser);
        ChatClient bob2 = tab(bob, bobBrowser);
        ChatClient carol = user(nick("Carol"));
        String offset = offset();

        long id = id(alice1.tell(" " + bob.toUpperCase() + " ", "psst", offset));

        for (ChatClient tab : List.of(alice1, alice2, bob1, bob2)) {
            Map<String, Object> message = next(tab.privateMessage, m -> offset.equals(m.get("clientOffset")), "the DM");
            assertEquals(map("id", message.get("id"), "to", bob, "from", alice, "text", "psst",
                    "sentAt", message.get("sentAt"), "clientOffset", offset), message);
            assertEquals(id, ((Number) message.get("id")).longValue());
        }
        long since = System.nanoTime();
        none(carol.privateMessage, m -> offset.equals(m.get("clientOffset")), since);
        none(carol.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        none(bob1.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
    }

    @Test
    void aDirectMessageToSomeoneOfflineOrToOneselfIsRefused() {
        String alice = nick("Alice");
        ChatClient sender = user(alice);
        String nobody = nick("Nobody");

        assertEquals(map("error", nobody + " is not online"), sender.tell(nobody, "hello?", offset()));
        assertEquals(map("error", "you cannot message yourself"), sender.tell(alice.toLowerCase(), "me", offset()));
    }

    @Test
    void aDirectMessageIsNotBroadcastAgainOnARetry() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        String offset = offset();
        long id = id(alice.tell(nameOf(bob), "once", offset));
        next(bob.privateMessage, m -> offset.equals(m.get("clientOffset")), "the DM");
        long since = System.nanoTime();

        assertEquals(id, id(alice.tell(nameOf(bob), "once", offset)));
        none(bob.privateMessage, m -> offset.equals(m.get("clientOffset")), since);
    }

    // --- rooms and typing ----------------------------------------------------------------

    @Test
    void joiningANewRoomCreatesItForEveryoneAndEveryTabOfTheUserJoins() {
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient tab1 = tab(alice, browser);
        ChatClient tab2 = tab(alice, browser);
        ChatClient carol = user(nick("Carol"));
        String room = room("New");

        assertEquals(map("ok", true, "room", room.toLowerCase(), "history", List.of()), tab1.join(room));

        String name = room.toLowerCase();
        next(carol.roomCreated, m -> name.equals(m.get("room")), "room created");
        next(tab2.roomCreated, m -> name.equals(m.get("room")), "room created");
        String offset = offset();
        assertEquals(true, tab2.say(name, "from the other tab", offset).get("ok"), "the other tab joined too");
        next(tab1.chatMessage, m -> offset.equals(m.get("clientOffset")), "the message in tab 1");

        long since = System.nanoTime();
        Map<String, Object> again = carol.join(name);
        assertEquals(List.of("from the other tab"), texts(last(again)), "joining an existing room: its history");
        none(carol.roomCreated, m -> name.equals(m.get("room")), since);
    }

    @Test
    void leavingARoomTakesEveryTabOutButGeneralCannotBeLeft() {
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient tab1 = tab(alice, browser);
        ChatClient tab2 = tab(alice, browser);
        ChatClient bob = user(nick("Bob"));
        String room = room("leave");
        tab1.join(room);
        bob.join(room);

        assertEquals(map("ok", true, "room", room), tab2.ack("leave room", Json.object("room", room)));

        String offset = offset();
        bob.say(room, "after alice left", offset);
        long since = System.nanoTime();
        none(tab1.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        none(tab2.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        assertEquals(map("error", "you are not in #" + room), tab1.say(room, "still here?", offset()));
        assertEquals(map("error", "cannot leave general"), tab1.ack("leave room", Json.object("room", "General")));
        assertEquals(true, tab1.say("general", "still in general", offset()).get("ok"));
    }

    @Test
    void badRoomNamesAreRefused() {
        ChatClient alice = user(nick("Alice"));

        assertEquals(map("error", "invalid room name"), alice.join("two words"));
        assertEquals(map("error", "invalid room name"), alice.join("r".repeat(33)));
        assertEquals(map("error", "invalid room name"), alice.ack("leave room", Json.object("room", "")));
        assertEquals(map("error", "invalid room name"), alice.say("<b>", "hi", offset()));
    }

    @Test
    void typingReachesTheOtherMembersOfTheRoomOnly() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        ChatClient carol = user(nick("Carol"));
        String room = room("typing");
        alice.join(room);
        bob.join(room);

        assertEquals(map("room", room, "nickname", nameOf(alice)),
                untilReceived(() -> alice.emit("typing", Json.object("room", room)), bob.typing,
                        m -> room.equals(m.get("room")), "typing"));
        assertEquals(map("room", room, "nickname", nameOf(alice)),
                untilReceived(() -> alice.emit("stop typing", Json.object("room", room)), bob.stopTyping,
                        m -> room.equals(m.get("room")), "stop typing"));

        long since = System.nanoTime();
        none(alice.typing, m -> room.equals(m.get("room")), since);
        none(carol.typing, m -> room.equals(m.get("room")), since);
        none(carol.stopTyping, m -> room.equals(m.get("room")), since);
    }

    @Test
    void typingInARoomOneIsNotInOrWithBadArgumentsIsIgnored() {
        ChatClient alice = user(nick("Alice"));
        ChatClient bob = user(nick("Bob"));
        ChatClient carol = user(nick("Carol"));
        String room = room("closed");
        bob.join(room);
        carol.join(room);
        long since = System.nanoTime();

        alice.emit("typing", Json.object("room", room));
        alice.emit("stop typing", Json.object("room", room));
        alice.client().emit("typing", "not an object");
        alice.client().emit("stop typing");
        alice.emit("typing", Json.object("room", 12));
        alice.emit("typing", Json.object("room", "no such room!"));

        // a member's notice gets through (so the wire works), and none of alice's came before it
        untilReceived(() -> carol.emit("typing", Json.object("room", room)), bob.typing,
                m -> nameOf(carol).equals(m.get("nickname")), "carol's typing");
        none(bob.typing, m -> nameOf(alice).equals(m.get("nickname")), since);
        none(bob.stopTyping, m -> true, since);
        assertTrue(alice.client().connected(), "still connected");
        assertEquals(true, alice.join(room).get("ok"), "and still served");
    }

    // --- bad arguments -------------------------------------------------------------------

    @Test
    void everyEventWithArgumentsOfTheWrongShapeIsAnsweredInvalidArguments() {
        ChatClient alice = user(nick("Alice"));
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("chat message: a string", new Object[] {"chat message", "hello"});
        cases.put("chat message: nothing", new Object[] {"chat message"});
        cases.put("chat message: two objects", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi", "clientOffset", offset()), Json.object()});
        cases.put("chat message: room a number", new Object[] {"chat message",
                Json.object("room", 1, "text", "hi", "clientOffset", offset())});
        cases.put("chat message: text a number", new Object[] {"chat message",
                Json.object("room", "general", "text", 1, "clientOffset", offset())});
        cases.put("chat message: text an object", new Object[] {"chat message",
                Json.object("room", "general", "text", Json.object("html", "<b>"), "clientOffset", offset())});
        cases.put("chat message: no clientOffset", new Object[] {"chat message", Json.object("room", "general", "text", "hi")});
        cases.put("chat message: clientOffset a number", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi", "clientOffset", 5)});
        cases.put("chat message: clientOffset of 65", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi", "clientOffset", "o".repeat(65))});
        cases.put("private message: an array", new Object[] {"private message", Json.array("bob", "hi")});
        cases.put("private message: to a number", new Object[] {"private message",
                Json.object("to", 3, "text", "hi", "clientOffset", offset())});
        cases.put("private message: no to", new Object[] {"private message", Json.object("text", "hi", "clientOffset", offset())});
        cases.put("private message: no clientOffset", new Object[] {"private message", Json.object("to", nameOf(alice) + "x", "text", "hi")});
        cases.put("join room: a string", new Object[] {"join room", "random"});
        cases.put("join room: room a number", new Object[] {"join room", Json.object("room", 42)});
        cases.put("join room: null", new Object[] {"join room", Json.object("room", null)});
        cases.put("leave room: nothing", new Object[] {"leave room"});
        cases.put("leave room: room an array", new Object[] {"leave room", Json.object("room", Json.array("general"))});
        cases.forEach((label, call) -> assertEquals(map("error", "invalid arguments"),
                alice.ack((String) call[0], java.util.Arrays.copyOfRange(call, 1, call.length)), label));
        assertTrue(alice.client().connected(), "still connected after all that");
    }

    // --- the bridge with the seed's page -------------------------------------------------

    @Test
    void aSeedMessageStillReachesTheSeedsPageAndReachesGeneralFromGuest() {
        TestClient seed = server.seedClient();
        TestClient seedReader = server.seedClient();
        Events seedMessages = seedReader.record("chat message");
        ChatClient alice = user(nick("Alice"));
        String text = "from the seed " + uid();

        seed.emit("chat message", text);

        seedMessages.nextWithFirst(text);
        Map<String, Object> message = next(alice.chatMessage, m -> text.equals(m.get("text")), "the bridged message");
        assertEquals(map("id", message.get("id"), "room", "general", "from", "guest", "text", text,
                "sentAt", message.get("sentAt"), "clientOffset", message.get("clientOffset")), message);
        assertTrue(String.valueOf(message.get("clientOffset")).startsWith("seed-"), message.toString());
        List<Map<String, Object>> general = last(alice.join("general"));
        assertEquals(message, general.get(general.size() - 1), "stored in #general");
    }

    @Test
    void aChatMessageToGeneralReachesTheSeedsPageAsNicknameColonTextAndOtherRoomsDoNot() {
        TestClient seed = server.seedClient();
        Events seedMessages = seed.record("chat message");
        String alice = nick("Alice");
        ChatClient sender = user(alice);
        String room = room("notbridged");
        sender.join(room);
        String text = "to everyone " + uid();

        sender.say("general", text, offset());
        seedMessages.nextWithFirst(alice + ": " + text);

        String hidden = "only the room " + uid();
        long since = System.nanoTime();
        sender.say(room, hidden, offset());
        sender.tell(nick("Nobody"), hidden, offset());
        seedMessages.none(args -> String.valueOf(args[0]).contains(hidden), since);
    }

    // --- helpers -------------------------------------------------------------------------

    /** A user of a browser of its own, connected. */
    private ChatClient user(String nickname) {
        return tab(nickname, UUID.randomUUID().toString());
    }

    /** A tab of a browser (the userId), connected. */
    private ChatClient tab(String nickname, String userId) {
        return server.client(auth("nickname", nickname, "userId", userId)).connect();
    }

    /**
     * Emits every 200 ms until the notice arrives: typing notices are volatile, dropped by the
     * server when the receiver's connection is busy writing (as on a loaded test machine).
     */
    private static Map<String, Object> untilReceived(Runnable emit, Events events, Predicate<Map<String, Object>> where,
            String what) {
        ScheduledExecutorService repeat = Executors.newSingleThreadScheduledExecutor();
        try {
            repeat.scheduleWithFixedDelay(emit, 0, 200, TimeUnit.MILLISECONDS);
            return next(events, where, what);
        } finally {
            repeat.shutdownNow();
        }
    }

    /** Waits until {@code witness} hears that {@code nickname} left: the server has seen its last tab go. */
    private static void awaitGone(ChatClient witness, String nickname) {
        next(witness.userLeft, m -> nickname.equals(m.get("nickname")), nickname + " left");
    }

    private static Map<String, Object> auth(Object... keysAndValues) {
        return Json.map(keysAndValues);
    }

    private static String nameOf(ChatClient client) {
        return String.valueOf(client.awaitSession().get("nickname"));
    }

    /** A nickname unique to this test: at most 15 characters of {@code base}, a dash and 8 more. */
    static String nick(String base) {
        return base + "-" + uid();
    }

    /** A room name unique to this test, in lower case. */
    static String room(String base) {
        return (base + "-" + uid()).toLowerCase();
    }

    static String offset() {
        return "c-" + UUID.randomUUID();
    }

    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> last(Map<String, Object> joinAck) {
        assertEquals(true, joinAck.get("ok"), joinAck.toString());
        return (List<Map<String, Object>>) joinAck.get("history");
    }

    private static List<Long> ids(List<Map<String, Object>> messages) {
        List<Long> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(((Number) m.get("id")).longValue()));
        return ids;
    }

    private static List<Object> texts(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> m.get("text")).toList();
    }

    private static void assertAscending(List<Map<String, Object>> messages) {
        List<Long> ids = ids(messages);
        assertEquals(ids.stream().sorted().toList(), ids, "oldest first");
        assertFalse(ids.isEmpty(), "some history");
    }
}
