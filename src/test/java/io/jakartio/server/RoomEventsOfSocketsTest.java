package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.RecordingAdapterListener;
import java.util.List;
import java.util.Set;
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


    private final RecordingAdapterListener recorder = new RecordingAdapterListener();
    private final List<String> events = recorder.events();

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
