package io.jakartio.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.server.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventArgsTest {

    private final List<Object> replies = new ArrayList<>();
    private final Ack ack = args -> replies.add(args.length == 1 ? args[0] : List.of(args));

    @Test
    void anObjectAndAnAckAreReadAndTheHandlersResultIsAcked() {
        EventArgs.of(new Object[] {Map.of("room", "general"), ack})
                .run(event -> EventArgs.ok("room", event.field("room")));

        assertEquals(List.of(Map.of("ok", true, "room", "general")), replies);
    }

    @Test
    void everyWrongShapeIsAnsweredInvalidArgumentsNeverAnException() {
        Object[][] shapes = {
            {ack},                                        // no argument
            {"general", ack},                             // a string, not an object
            {List.of("general"), ack},                    // an array
            {null, ack},                                  // null
            {Map.of("room", "general"), "extra", ack},    // one argument too many
        };
        for (Object[] args : shapes) {
            EventArgs.of(args).run(event -> EventArgs.ok("room", event.field("room")));
        }
        assertEquals(shapes.length, replies.size());
        replies.forEach(reply -> assertEquals(Map.of("error", "invalid arguments"), reply));
    }

    @Test
    void aStringFieldMustBeANonBlankStringNoLongerThanItsLimit() {
        List<Map<String, Object>> payloads = List.of(Map.of(), Map.of("clientOffset", 5), Map.of("clientOffset", " "),
                Map.of("clientOffset", "x".repeat(65)));
        for (Map<String, Object> payload : payloads) {
            EventArgs.of(new Object[] {payload, ack}).run(event -> EventArgs.ok("id", event.string("clientOffset", 64)));
        }
        EventArgs.of(new Object[] {Map.of("clientOffset", "x".repeat(64)), ack})
                .run(event -> EventArgs.ok("id", event.string("clientOffset", 64)));

        replies.subList(0, 4).forEach(reply -> assertEquals(Map.of("error", "invalid arguments"), reply));
        assertEquals(Map.of("ok", true, "id", "x".repeat(64)), replies.get(4));
    }

    @Test
    void aChatExceptionIsAckedAsItsMessageAndAnyOtherAsServerError() {
        EventArgs.of(new Object[] {Map.of(), ack}).run(event -> {
            throw new ChatException("message too long");
        });
        EventArgs.of(new Object[] {Map.of(), ack}).run(event -> {
            throw new IllegalStateException("database down");
        });

        assertEquals(List.of(Map.of("error", "message too long"), Map.of("error", "server error")), replies);
    }

    @Test
    void withoutAnAckTheHandlerStillRunsAndNothingIsSent() {
        List<Object> handled = new ArrayList<>();
        EventArgs event = EventArgs.of(new Object[] {Map.of("room", "general")});

        event.run(e -> {
            handled.add(e.field("room"));
            return EventArgs.ok();
        });

        assertFalse(event.hasAck());
        assertEquals(List.of("general"), handled);
        assertTrue(replies.isEmpty());
    }
}
