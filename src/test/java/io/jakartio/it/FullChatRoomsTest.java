package io.jakartio.it;

import static io.jakartio.it.ChatClient.next;
import static io.jakartio.it.ChatClient.none;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The full chat's rooms: joining (and creating), leaving, for every tab of a user; typing notices
 * to the other members.
 */
class FullChatRoomsTest extends FullChatScenarios {

    @EveryDatabase
    void joiningANewRoomCreatesItForEveryoneAndEveryTabOfTheUserJoins(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient tab1 = chat.tab(alice, browser);
        ChatClient tab2 = chat.tab(alice, browser);
        ChatClient carol = chat.user(nick("Carol"));
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

    @EveryDatabase
    void leavingARoomTakesEveryTabOutButGeneralCannotBeLeft(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient tab1 = chat.tab(alice, browser);
        ChatClient tab2 = chat.tab(alice, browser);
        ChatClient bob = chat.user(nick("Bob"));
        String room = room("leave");
        tab1.join(room);
        bob.join(room);

        assertEquals(map("ok", true, "room", room), tab2.ack("leave room", Json.object("room", room)));

        String offset = offset();
        bob.say(room, "after alice left", offset);
        long since = System.nanoTime();
        none(tab1.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        none(tab2.chatMessage, m -> offset.equals(m.get("clientOffset")), since);
        none(bob.rooms, m -> List.of("general").equals(m.get("rooms")), since); // alice's rooms are alice's
        assertEquals(map("error", "you are not in #" + room), tab1.say(room, "still here?", offset()));
        assertEquals(map("error", "cannot leave general"), tab1.ack("leave room", Json.object("room", "General")));
        assertEquals(true, tab1.say("general", "still in general", offset()).get("ok"));
    }

    @EveryDatabase
    void everyTabOfTheUserGetsItsRoomsGeneralFirstThenSortedAfterAJoinAndALeave(ChatDatabase database) {
        FullChatServer chat = chat(database);
        String alice = nick("Alice");
        String browser = UUID.randomUUID().toString();
        ChatClient tab1 = chat.tab(alice, browser);
        ChatClient tab2 = chat.tab(alice, browser);
        String zeta = room("zeta");
        String alpha = room("alpha");

        tab1.join(zeta);
        assertEquals(map("rooms", List.of("general", zeta)), next(tab2.rooms, m -> true, "rooms after joining #zeta"));
        tab1.join(alpha);
        List<String> both = List.of("general", alpha, zeta);
        assertEquals(map("rooms", both), next(tab2.rooms, m -> true, "rooms after joining #alpha"));
        tab2.ack("leave room", Json.object("room", zeta));
        assertEquals(map("rooms", List.of("general", alpha)), next(tab2.rooms, m -> true, "rooms after leaving #zeta"));

        // the acting tab too, each time
        assertEquals(map("rooms", List.of("general", zeta)), next(tab1.rooms, m -> true, "rooms after joining #zeta"));
        assertEquals(map("rooms", both), next(tab1.rooms, m -> true, "rooms after joining #alpha"));
        assertEquals(map("rooms", List.of("general", alpha)), next(tab1.rooms, m -> true, "rooms after leaving #zeta"));
    }

    @EveryDatabase
    void badRoomNamesAreRefused(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));

        assertEquals(map("error", "invalid room name"), alice.join("two words"));
        assertEquals(map("error", "invalid room name"), alice.join("r".repeat(33)));
        assertEquals(map("error", "invalid room name"), alice.ack("leave room", Json.object("room", "")));
        assertEquals(map("error", "invalid room name"), alice.say("<b>", "hi", offset()));
    }

    @EveryDatabase
    void typingReachesTheOtherMembersOfTheRoomOnly(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        ChatClient carol = chat.user(nick("Carol"));
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

    @EveryDatabase
    void typingInARoomOneIsNotInOrWithBadArgumentsIsIgnored(ChatDatabase database) {
        FullChatServer chat = chat(database);
        ChatClient alice = chat.user(nick("Alice"));
        ChatClient bob = chat.user(nick("Bob"));
        ChatClient carol = chat.user(nick("Carol"));
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
}
