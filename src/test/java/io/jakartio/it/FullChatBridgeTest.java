package io.jakartio.it;

import static io.jakartio.it.ChatClient.next;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/**
 * The bridge between the seed's page on {@code /} and the full chat's {@code #general}, both ways.
 */
class FullChatBridgeTest extends FullChatScenarios {

    @EveryDatabase
    void aSeedMessageStillReachesTheSeedsPageAndReachesGeneralFromGuest(ChatDatabase database) {
        FullChatServer chat = chat(database);
        TestClient seed = chat.seedClient();
        TestClient seedReader = chat.seedClient();
        Events seedMessages = seedReader.record("chat message");
        ChatClient alice = chat.user(nick("Alice"));
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

    @EveryDatabase
    void aChatMessageToGeneralReachesTheSeedsPageAsNicknameColonTextAndOtherRoomsDoNot(ChatDatabase database) {
        FullChatServer chat = chat(database);
        TestClient seed = chat.seedClient();
        Events seedMessages = seed.record("chat message");
        String alice = nick("Alice");
        ChatClient sender = chat.user(alice);
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
}
