package io.jakartio.it;

import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full chat never throws at a client: arguments of the wrong shape and a failing database are
 * answered with error acknowledgements.
 */
class FullChatRobustnessTest extends FullChatScenarios {

    @EveryDatabase
    void everyEventWithArgumentsOfTheWrongShapeIsAnsweredInvalidArguments(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
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
        cases.put("chat message: no clientOffset", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi")});
        cases.put("chat message: clientOffset a number", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi", "clientOffset", 5)});
        cases.put("chat message: clientOffset of 65", new Object[] {"chat message",
                Json.object("room", "general", "text", "hi", "clientOffset", "o".repeat(65))});
        cases.put("private message: an array", new Object[] {"private message", Json.array("bob", "hi")});
        cases.put("private message: to a number", new Object[] {"private message",
                Json.object("to", 3, "text", "hi", "clientOffset", offset())});
        cases.put("private message: no to", new Object[] {"private message",
                Json.object("text", "hi", "clientOffset", offset())});
        cases.put("private message: no clientOffset", new Object[] {"private message",
                Json.object("to", nameOf(alice) + "x", "text", "hi")});
        cases.put("join room: a string", new Object[] {"join room", "random"});
        cases.put("join room: room a number", new Object[] {"join room", Json.object("room", 42)});
        cases.put("join room: null", new Object[] {"join room", Json.object("room", null)});
        cases.put("leave room: nothing", new Object[] {"leave room"});
        cases.put("leave room: room an array", new Object[] {"leave room", Json.object("room", Json.array("general"))});
        cases.forEach((label, call) -> assertEquals(map("error", "invalid arguments"),
                alice.ack((String) call[0], Arrays.copyOfRange(call, 1, call.length)), label));
        assertTrue(alice.client().connected(), "still connected after all that");
    }

    @EveryDatabase
    void whenTheDatabaseFailsAMessageIsAnsweredServerErrorAndTheConnectionStays(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        chat.database().execute("ALTER TABLE chat_message RENAME TO chat_message_away");
        try {
            assertEquals(map("error", "server error"), alice.say("general", "into the void", offset()));
        } finally {
            chat.database().execute("ALTER TABLE chat_message_away RENAME TO chat_message");
        }
        assertTrue(alice.client().connected());
        assertEquals(true, alice.say("general", "back again", offset()).get("ok"));
    }
}
