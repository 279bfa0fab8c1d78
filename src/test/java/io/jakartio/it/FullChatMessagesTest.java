package io.jakartio.it;

import static io.jakartio.it.ChatClient.id;
import static io.jakartio.it.ChatClient.next;
import static io.jakartio.it.ChatClient.none;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The full chat's messages: room messages to members only, direct messages to every tab of both
 * users, each client offset stored once, the limits on texts and on the rate.
 */
class FullChatMessagesTest extends FullChatScenarios {

    @EveryDatabase
    void aRoomMessageIsStoredAndReachesTheRoomsMembersOnlyTheSenderIncluded(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        ChatClient carol = chat.user(nick("Carol"));
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

    @EveryDatabase
    void aMessageToARoomTheSenderIsNotInIsRefused(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        String room = room("elsewhere");
        chat.user(nick("Bob")).join(room);

        assertEquals(map("error", "you are not in #" + room), alice.say(room, "let me in", offset()));
    }

    @EveryDatabase
    void aRetryWithTheSameClientOffsetIsAckedWithTheSameIdAndNotBroadcastAgain(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        String offset = offset();

        long id = id(alice.say("general", "once", offset));
        next(bob.chatMessage, m -> offset.equals(m.get("clientOffset")), "the message");
        long since = System.nanoTime();
        assertEquals(id, id(alice.say("general", "once", offset)));

        none(bob.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        assertEquals(1, last(bob.join("general")).stream().filter(m -> offset.equals(m.get("clientOffset"))).count(),
                "stored once");
    }

    @EveryDatabase
    void aClientOffsetAnotherUserStoredIsRefused(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        String offset = offset();
        alice.say("general", "mine", offset);

        assertEquals(map("error", "clientOffset already used"), bob.say("general", "mine too", offset));
    }

    @EveryDatabase
    void textsAreTrimmedNotEmptyAndAtMost2000Characters(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));

        assertEquals(true, alice.say("general", "x".repeat(2000), offset()).get("ok"));
        assertEquals(map("error", "message too long"), alice.say("general", "x".repeat(2001), offset()));
        assertEquals(map("error", "message empty"), alice.say("general", " \n\t ", offset()));
        assertEquals(map("error", "message too long"), alice.tell(nick("Bob"), "x".repeat(2001), offset()));
    }

    @EveryDatabase
    void moreThan20MessagesIn10SecondsAreRefusedButARetryOfAStoredOneIsStillAcked(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        String first = offset();
        long firstId = id(alice.say("general", "1", first));
        for (int i = 2; i <= 20; i++) {
            assertEquals(true, alice.say("general", String.valueOf(i), offset()).get("ok"), "message " + i);
        }

        assertEquals(map("error", "too many messages"), alice.say("general", "21", offset()));
        assertEquals(map("error", "too many messages"), alice.tell(nameOf(bob), "a DM counts too", offset()));
        assertEquals(firstId, id(alice.say("general", "1", first)), "a retry of a stored message");
    }

    @EveryDatabase
    void aDirectMessageReachesEveryTabOfTheTargetAndOfTheSenderAndNobodyElse(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String bob = nick("Bob");
        String aliceBrowser = UUID.randomUUID().toString();
        String bobBrowser = UUID.randomUUID().toString();
        ChatClient alice1 = chat.tab(alice, aliceBrowser);
        ChatClient alice2 = chat.tab(alice, aliceBrowser);
        ChatClient bob1 = chat.tab(bob, bobBrowser);
        ChatClient bob2 = chat.tab(bob, bobBrowser);
        ChatClient carol = chat.user(nick("Carol"));
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

    @EveryDatabase
    void aDirectMessageToSomeoneOfflineOrToOneselfIsRefused(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        ChatClient sender = chat.user(alice);
        String nobody = nick("Nobody");

        assertEquals(map("error", nobody + " is not online"), sender.tell(nobody, "hello?", offset()));
        assertEquals(map("error", "you cannot message yourself"), sender.tell(alice.toLowerCase(), "me", offset()));
    }

    @EveryDatabase
    void aDirectMessageIsNotBroadcastAgainOnARetry(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        String offset = offset();
        long id = id(alice.tell(nameOf(bob), "once", offset));
        next(bob.privateMessage, m -> offset.equals(m.get("clientOffset")), "the DM");
        long since = System.nanoTime();

        assertEquals(id, id(alice.tell(nameOf(bob), "once", offset)));
        none(bob.privateMessage, m -> offset.equals(m.get("clientOffset")), since);
    }
}
