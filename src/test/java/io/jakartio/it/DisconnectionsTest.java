package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

/** Server-side disconnect (kick), a closed transport (drop), a client's own disconnect, and "user left". */
class DisconnectionsTest extends ClientScenarios {

    @EverySetup
    void kickDisconnectsTheClientWithIoServerDisconnectWithoutReconnectingAndOthersSeeUserLeft(Setup setup) {
        Clients clients = clients(setup);
        List<TestClient> witnesses = clients.connectMany(2);
        // reconnection on purpose: a server-side disconnect must not trigger it
        TestClient kicked = clients.connect("/", options -> {
            options.reconnection = true;
            options.reconnectionDelay = 50;
        });
        String kickedId = kicked.id();
        List<Events> userLeft = witnesses.stream().map(w -> w.record("user left")).toList();

        kicked.emit("kick");

        assertEquals("io server disconnect", kicked.disconnects().next()[0]);
        for (Events events : userLeft) {
            events.nextWithFirst(kickedId);
        }
        kicked.connects().next(); // the first connection
        kicked.connects().none(args -> true, System.nanoTime()); // and no reconnection
        assertFalse(kicked.connected(), "a kicked client stays disconnected");
    }

    @EverySetup
    void dropClosesTheTransportAndOthersSeeUserLeft(Setup setup) {
        Clients clients = clients(setup);
        List<TestClient> pair = clients.connectMany(2);
        TestClient dropped = pair.get(0);
        String droppedId = dropped.id();
        Events userLeft = pair.get(1).record("user left");

        dropped.emit("drop");

        userLeft.nextWithFirst(droppedId);
        if (setup.transport().equals("websocket")) {
            Object[] close = dropped.closeFrames().next();
            assertEquals(1000, close[0], "the server closes the WebSocket normally: " + close[1]);
            // The Java client (engine.io-client 2.1.0) does not answer a server's Close frame, so it
            // reports no disconnect until its heartbeat times out: see HeartbeatTest.
        } else {
            assertEquals("transport close", dropped.disconnects().next()[0]);
        }
    }

    @EverySetup
    void aClientDisconnectingItselfSeesIoClientDisconnectAndOthersSeeUserLeft(Setup setup) {
        List<TestClient> clients = clients(setup).connectMany(3);
        TestClient leaver = clients.get(0);
        String leaverId = leaver.id();
        List<Events> userLeft = clients.subList(1, 3).stream().map(c -> c.record("user left")).toList();

        leaver.close();

        assertEquals("io client disconnect", leaver.disconnects().next()[0]);
        for (Events events : userLeft) {
            events.nextWithFirst(leaverId);
        }
    }
}
