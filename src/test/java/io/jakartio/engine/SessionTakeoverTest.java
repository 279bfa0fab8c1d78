package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone who learnt a live session's {@code sid} presents it on another connection while the
 * session is on WebSocket (opened directly, or upgraded): refused — a poll or a POST with 400, a
 * WebSocket closed as it opens (as Node does, and as the official protocol suite expects) — and
 * the session does not notice: its frames keep flowing both ways, none lost, none twice.
 */
class SessionTakeoverTest {

    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();
    private final RecordingListener listener = new RecordingListener();

    /** A WebSocket-only session with the listener registered; returns its client's WebSocket. */
    private FakeWebSocket webSocketVictim() {
        engine.server().addListener(listener);
        return engine.webSocketSession();
    }

    /** A session upgraded from polling, with the listener registered. */
    private FakeWebSocket upgradedVictim(String sid) {
        engine.server().addListener(listener);
        return engine.upgrade(sid);
    }

    /** The session still works both ways, in order, exactly once. */
    private void assertUndisturbed(String sid, FakeWebSocket victim, String tag) {
        EngineSocket socket = engine.socket(sid);
        assertTrue(socket.isOpen());
        assertEquals(TransportType.WEBSOCKET, socket.transport());
        engine.send(sid, tag + "-1", tag + "-2");
        victim.assertFrames("4" + tag + "-1", "4" + tag + "-2");
        victim.receive("4" + tag + "-up");
        engine.handler.assertMessage(socket, tag + "-up");
        assertFalse(victim.isClosed());
    }

    /**
     * A binding asks about the handshake, and the engine lets the upgrade happen (the official
     * protocol suite expects a WebSocket, then its close, as Node does); opening it closes it
     * with 1008 and reports the refusal once.
     */
    private FakeWebSocket assertClosedAsItOpens(WebSocketHandshake handshake, String name, String sid) {
        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class, handshake);
        listener.assertNoErrors();
        FakeWebSocket intruder = new FakeWebSocket(engine.violations);
        intruder.bind(engine.server().openVerifiedWebSocket(accepted.request(), intruder));
        assertEquals(1008, intruder.closeCode());
        intruder.assertFrames();
        ConnectionError error = listener.assertOneError(3);
        assertEquals(Map.of("name", name, "sid", sid), error.context());
        return intruder;
    }

    @Test
    void aSecondWebSocketForAWebSocketOnlySessionIsClosedAsItOpens() {
        FakeWebSocket victim = webSocketVictim();
        String sid = engine.handler.lastOpened().id();

        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket().sid(sid));

        FakeWebSocket intruder = assertClosedAsItOpens(handshake, "ALREADY_UPGRADED", sid);
        intruder.receive("2probe");
        intruder.receive("5");
        intruder.receive("4evil");
        intruder.clientClose();
        assertUndisturbed(sid, victim, "after");
    }

    @Test
    void aSecondWebSocketTheContainerAlreadyAcceptedIsClosedAndWhatItSendsIsIgnored() {
        FakeWebSocket victim = webSocketVictim();
        String sid = engine.handler.lastOpened().id();
        engine.send(sid, "before");
        victim.assertFrames("4before");

        FakeWebSocket intruder = engine.webSocket(FakeRequest.webSocket().sid(sid));
        intruder.receive("2probe");
        intruder.receive("5");
        intruder.receive("4evil");
        intruder.receive("1");
        intruder.clientClose();

        assertEquals(1008, intruder.closeCode());
        intruder.assertFrames();
        assertEquals("ALREADY_UPGRADED", listener.assertOneError(3).context().get("name"));
        assertUndisturbed(sid, victim, "after");
    }

    @Test
    void aSecondWebSocketForAnUpgradedSessionIsRefusedAndTheSessionGoesOn() {
        String sid = engine.handshake();
        FakeWebSocket victim = upgradedVictim(sid);

        assertClosedAsItOpens(engine.handshakeWebSocket(FakeRequest.webSocket().sid(sid)), "ALREADY_UPGRADED", sid);
        FakeWebSocket intruder = engine.webSocket(FakeRequest.webSocket().sid(sid));
        intruder.receive("2probe");
        intruder.receive("5");

        assertEquals(1008, intruder.closeCode());
        listener.assertOneError(3);
        assertUndisturbed(sid, victim, "after");
    }

    @Test
    void aWebSocketArrivingDuringAnUpgradeIsRefusedAndTheUpgradeCompletes() {
        String sid = engine.handshake();
        engine.server().addListener(listener);
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket probe = engine.webSocket(FakeRequest.webSocket().sid(sid));
        probe.receive("2probe");
        probe.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");

        assertClosedAsItOpens(engine.handshakeWebSocket(FakeRequest.webSocket().sid(sid)), "ALREADY_UPGRADING", sid);
        FakeWebSocket intruder = engine.webSocket(FakeRequest.webSocket().sid(sid));
        intruder.receive("5"); // would complete the upgrade, were it the probe
        assertEquals(1008, intruder.closeCode());
        listener.assertOneError(3);

        probe.receive("5");
        assertUndisturbed(sid, probe, "upgraded");
    }

    @Test
    void pollsAndPostsPresentingTheIdOfASessionOnWebSocketAreRefusedAndTakeNothing() {
        FakeWebSocket victim = webSocketVictim();
        String sid = engine.handler.lastOpened().id();

        RecordingExchange poll = engine.get(sid);
        engine.send(sid, "for the victim");
        RecordingExchange post = engine.post(sid, "4forged");

        poll.assertError(400, BAD_REQUEST);
        post.assertError(400, BAD_REQUEST);
        victim.assertFrames("4for the victim");
        for (ConnectionError error : List.of(listener.errors.get(0), listener.errors.get(1))) {
            assertEquals(Map.of("name", "TRANSPORT_MISMATCH", "transport", "polling", "previousTransport", "websocket",
                    "sid", sid), error.context());
        }
        listener.errors.clear();
        assertUndisturbed(sid, victim, "after");
    }

    @Test
    void pollsAndPostsForAnUpgradedSessionAreRefusedAndTakeNothing() {
        String sid = engine.handshake();
        FakeWebSocket victim = upgradedVictim(sid);

        RecordingExchange poll = engine.get(sid);
        engine.send(sid, "for the victim");
        RecordingExchange post = engine.post(sid, "4forged");

        poll.assertError(400, BAD_REQUEST);
        post.assertError(400, BAD_REQUEST);
        victim.assertFrames("4for the victim");
        assertEquals(2, listener.errors.size());
        listener.errors.clear();
        assertUndisturbed(sid, victim, "after");
    }

    @Test
    void framesInFlightToTheVictimWhileIntrudersKnockArriveOnceAndInOrder() {
        FakeWebSocket victim = webSocketVictim();
        victim.holdSends();
        String sid = engine.handler.lastOpened().id();

        for (int i = 0; i < 50; i++) {
            engine.send(sid, "m" + i);
            WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) engine.handshakeWebSocket(
                    FakeRequest.webSocket().sid(sid));
            FakeWebSocket intruder = new FakeWebSocket(engine.violations);
            intruder.bind(engine.server().openVerifiedWebSocket(accepted.request(), intruder));
            intruder.receive("5");
            engine.get(sid);
            if (i % 10 == 0 && victim.hasHeldSend()) {
                victim.completeNext();
            }
        }
        victim.completeAll();

        List<String> frames = victim.takeFrames();
        assertEquals(50, frames.size(), () -> "frames " + frames);
        for (int i = 0; i < 50; i++) {
            assertEquals("4m" + i, frames.get(i));
        }
        assertEquals(100, listener.errors.size(), "each intruding WebSocket and poll reported once");
        listener.errors.clear();
        victim.completeInline();
        assertUndisturbed(sid, victim, "after");
    }
}
