package io.jakartio.it;

import static io.jakartio.it.EmitVariantsTest.msgOf;
import static io.jakartio.it.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Rooms: join, room-size, to-room (members, sender included), to-room-others, leave. */
class RoomsTest extends ClientScenarios {

    @EverySetup
    void roomMembersAreCountedAndARoomMessageReachesThemTheSenderIncludedButNoOneElse(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        TestClient carol = clients.get(2);
        String room = "room-" + uid();

        assertEquals(0, alice.ackFirst("room-size", room), "size before anyone joins");
        assertEquals(true, alice.ackFirst("join", room));
        assertEquals(true, bob.ackFirst("join", room));
        assertEquals(2, carol.ackFirst("room-size", room), "size after two joined");

        List<Events> received = clients.stream().map(c -> c.record("room message")).toList();
        String msg = "to the room " + uid();
        alice.emit("to-room", Json.object("room", room, "msg", msg));

        long since = System.nanoTime();
        for (Events events : received.subList(0, 2)) {
            Object[] args = events.next(a -> msg.equals(msgOf(a)), "the room message");
            assertEquals(List.of(map("room", room, "msg", msg, "from", alice.id())), Json.plain(args));
        }
        received.get(2).none(a -> msg.equals(msgOf(a)), since);
    }

    @EverySetup
    void toRoomOthersReachesTheOtherMembersButNotTheSender(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        String room = "room-" + uid();
        assertEquals(true, alice.ackFirst("join", room));
        assertEquals(true, bob.ackFirst("join", room));

        List<Events> received = clients.stream().map(c -> c.record("room message")).toList();
        String msg = "others only " + uid();
        alice.emit("to-room-others", Json.object("room", room, "msg", msg));

        long since = System.nanoTime();
        Object[] args = received.get(1).next(a -> msg.equals(msgOf(a)), "the room message");
        assertEquals(List.of(map("room", room, "msg", msg, "from", alice.id())), Json.plain(args));
        received.get(0).none(a -> msg.equals(msgOf(a)), since);
        received.get(2).none(a -> msg.equals(msgOf(a)), since);
    }

    @EverySetup
    void afterLeavingAClientNoLongerReceivesTheRoomsMessagesAndTheRoomShrinks(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(2);
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        String room = "room-" + uid();
        assertEquals(true, alice.ackFirst("join", room));
        assertEquals(true, bob.ackFirst("join", room));
        assertEquals(2, alice.ackFirst("room-size", room));

        assertEquals(true, alice.ackFirst("leave", room));
        assertEquals(1, alice.ackFirst("room-size", room), "size after leaving");

        Events aliceReceived = alice.record("room message");
        Events bobReceived = bob.record("room message");
        String msg = "after leave " + uid();
        bob.emit("to-room", Json.object("room", room, "msg", msg));

        long since = System.nanoTime();
        Object[] args = bobReceived.next(a -> msg.equals(msgOf(a)), "the room message");
        assertEquals(List.of(map("room", room, "msg", msg, "from", bob.id())), Json.plain(args));
        aliceReceived.none(a -> msg.equals(msgOf(a)), since);
    }

    @EverySetup
    void aDisconnectedClientIsRemovedFromItsRooms(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(2);
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        String room = "room-" + uid();
        assertEquals(true, alice.ackFirst("join", room));
        assertEquals(true, bob.ackFirst("join", room));
        assertEquals(2, bob.ackFirst("room-size", room));
        String aliceId = alice.id();
        Events left = bob.record("user left");

        alice.close();

        left.nextWithFirst(aliceId);
        assertEquals(1, bob.ackFirst("room-size", room), "size after the member disconnected");
    }
}
