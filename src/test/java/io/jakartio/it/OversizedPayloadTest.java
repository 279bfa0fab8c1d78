package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

/**
 * A message over {@code maxHttpBufferSize} (1 MB by default) closes the connection that sent
 * it (WebSocket close 1009, or HTTP 413 for a polling POST) and nothing else: the other clients
 * keep chatting and the server keeps accepting connections.
 */
class OversizedPayloadTest extends ClientScenarios {

    private static final int TWO_MEGABYTES = 2 * 1024 * 1024;

    @EverySetup
    void aTwoMegabytePayloadClosesItsSendersConnectionWhileOtherClientsKeepChatting(Setup setup) {
        Clients clients = clients(setup);
        List<TestClient> talkers = clients.connectMany(2);
        TestClient alice = talkers.get(0);
        TestClient bob = talkers.get(1);
        TestClient offender = clients.connect();
        String offenderId = offender.id();
        Events aliceHears = alice.record("chat message");
        Events bobHears = bob.record("chat message");
        Events aliceSeesLeaving = alice.record("user left");

        exchange(alice, bob, aliceHears, bobHears, "before");

        offender.emit("chat message", "x".repeat(TWO_MEGABYTES));

        if (setup.transport().equals("websocket")) {
            Object[] close = offender.closeFrames().next();
            assertEquals(1009, close[0], "the server closes the WebSocket with 1009 (message too big): " + close[1]);
            // The Java client (engine.io-client 2.1.0) does not answer a server's Close frame, so it
            // reports no disconnect until its heartbeat times out: see HeartbeatTest.
        } else {
            offender.httpResponses().next(response -> "POST".equals(response[0]) && Integer.valueOf(413).equals(response[1]),
                    "the server's 413 (Payload Too Large) to the POST");
            Object[] reason = offender.disconnects().next();
            assertTrue(Set.of("transport error", "transport close").contains(reason[0]),
                    "the offender's disconnect reason: " + reason[0]);
        }
        aliceSeesLeaving.nextWithFirst(offenderId);

        exchange(alice, bob, aliceHears, bobHears, "after");
        exchange(bob, alice, bobHears, aliceHears, "after, the other way");
        long since = System.nanoTime();
        aliceHears.none(args -> args.length > 0 && args[0] instanceof String text && text.length() >= TWO_MEGABYTES,
                since);
        assertTrue(alice.connected() && bob.connected(), "the other clients stay connected");

        TestClient newcomer = clients.connect();
        assertEquals(newcomer.id(), newcomer.ackFirst("whoami"), "a new client can connect afterwards");
    }

    /** {@code from} says something in the chat; both hear it. */
    private static void exchange(TestClient from, TestClient to, Events fromHears, Events toHears, String when) {
        String text = when + " " + uid();
        from.emit("chat message", text);
        assertEquals(List.of(text), Json.plain(toHears.nextWithFirst(text)), "the other client hears it " + when);
        assertEquals(List.of(text), Json.plain(fromHears.nextWithFirst(text)), "the sender hears it " + when);
    }
}
