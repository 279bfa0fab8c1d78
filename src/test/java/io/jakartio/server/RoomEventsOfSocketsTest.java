package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.AdapterListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A socket's life seen through its namespace adapter's room events, as Node's adapter tells it:
 * connecting creates and joins its own room; {@code join} and {@code leave}; disconnecting
 * leaves every room, deleting those it was the last in.
 */
class RoomEventsOfSocketsTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<String> events = new CopyOnWriteArrayList<>();

    private final AdapterListener recorder = new AdapterListener() {
        @Override
        public void onCreateRoom(String room) {
            events.add("create " + room);
        }

        @Override
        public void onDeleteRoom(String room) {
            events.add("delete " + room);
        }

        @Override
        public void onJoinRoom(String room, String id) {
            events.add("join " + room + " " + id);
        }

        @Override
        public void onLeaveRoom(String room, String id) {
            events.add("leave " + room + " " + id);
        }
    };

    @Test
    void aSocketsConnectionJoinsLeavesAndDisconnectionAreTold() {
        Server io = harness.server();
        io.sockets().adapter().addListener(recorder);
        io.on("connection", socket -> {
            socket.join("lobby");
            socket.on("leave lobby", args -> socket.leave("lobby"));
        });

        FakeClient alice = harness.open();
        String a = alice.connect();
        assertEquals(List.of("create " + a, "join " + a + " " + a, "create lobby", "join lobby " + a), events);
        events.clear();

        FakeClient bob = harness.open();
        String b = bob.connect();
        alice.send("2[\"leave lobby\"]");
        assertEquals(List.of("create " + b, "join " + b + " " + b, "join lobby " + b, "leave lobby " + a), events);
        events.clear();

        bob.send("1"); // bob leaves the namespace: his rooms in any order, each left then deleted
        assertEquals(Set.of("leave " + b + " " + b, "delete " + b, "leave lobby " + b, "delete lobby"), Set.copyOf(events));
        assertEquals(4, events.size(), events::toString);
        assertTrue(events.indexOf("leave " + b + " " + b) < events.indexOf("delete " + b), events::toString);
        assertTrue(events.indexOf("leave lobby " + b) < events.indexOf("delete lobby"), events::toString);
    }
}
