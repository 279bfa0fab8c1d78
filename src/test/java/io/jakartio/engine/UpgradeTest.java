package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UpgradeTest {

    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private FakeWebSocket probe(String sid) {
        return engine.webSocket(FakeRequest.webSocket().sid(sid));
    }

    /** Asserts the session still works over polling. */
    private void assertStillPolling(String sid) {
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
        RecordingExchange poll = engine.get(sid);
        engine.send(sid, "still polling");
        poll.assertOk("4still polling");
        engine.post(sid, "4and posting").assertOk("ok");
        engine.handler.assertMessage("and posting");
    }

    @Test
    void probeIsAnsweredAndThePendingGetReleasedWithNoop() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket probe = probe(sid);
        probe.assertFrames(); // the probe says nothing before it is pinged
        assertFalse(poll.isAnswered());

        probe.receive("2probe");

        probe.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
    }

    @Test
    void upgradePacketSwitchesTheSessionToTheWebSocket() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        FakeWebSocket ws = engine.upgrade(sid);

        assertEquals(TransportType.WEBSOCKET, socket.transport());
        engine.send(sid, "over websocket");
        ws.assertFrames("4over websocket");
        ws.receive("4from client");
        engine.handler.assertMessage(socket, "from client");
        assertFalse(ws.isClosed());
        assertTrue(socket.isOpen());
    }

    @Test
    void packetsQueuedDuringTheUpgradeFlowOnTheWebSocketInOrder() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");

        engine.send(sid, "a");
        engine.send(sid, "b", "c");
        ws.assertFrames(); // the probe carries nothing of the session before the upgrade
        ws.receive("5");

        ws.assertFrames("4a", "4b", "4c");
    }

    @Test
    void packetsQueuedBeforeTheProbeReachTheClientByPollingOrWebSocket() {
        String sid = engine.handshake();
        engine.send(sid, "queued");
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");

        // the client polls once more before pausing: it gets what is queued at once
        engine.get(sid).assertOk("4queued");
        ws.receive("5");
        ws.assertFrames();
    }

    @Test
    void postsStillWorkDuringTheUpgrade() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");

        engine.post(sid, "4during upgrade").assertOk("ok");

        engine.handler.assertMessage("during upgrade");
        ws.receive("5");
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
    }

    @Test
    void messagesOfTheLastPostBeforeTheUpgradeAreDelivered() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");
        // The client completes the upgrade as soon as its last POST is answered.
        RecordingExchange post = engine.exchange("last POST").whenAnswered(response -> ws.receive("5"));

        engine.request(FakeRequest.pollingPost().sid(sid).body("4a\u001e4b"), post);

        post.assertOk("ok");
        engine.handler.assertMessage("a");
        engine.handler.assertMessage("b");
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
    }

    @Test
    void getAndPostAfterTheUpgradeAreRefused() {
        String sid = engine.handshake();
        engine.upgrade(sid);

        engine.get(sid).assertError(400, BAD_REQUEST);
        engine.post(sid, "4late").assertError(400, BAD_REQUEST);
        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void secondWebSocketWithTheSameSidIsClosed() {
        String sid = engine.handshake();
        FakeWebSocket first = probe(sid);

        FakeWebSocket during = probe(sid);
        assertEquals(1008, during.closeCode());
        assertFalse(first.isClosed());

        first.receive("2probe");
        first.assertFrames("3probe");
        first.receive("5");
        FakeWebSocket after = probe(sid);
        assertEquals(1008, after.closeCode());
        after.assertFrames();
        assertFalse(first.isClosed());
        engine.send(sid, "x");
        first.assertFrames("4x");
    }

    @Test
    void webSocketOnlySessionCannotBeUpgradedAgain() {
        engine.webSocketSession();
        String sid = engine.handler.lastOpened().id();

        FakeWebSocket second = probe(sid);

        assertEquals(1008, second.closeCode());
        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void upgradesDisabledRefusesTheProbe() {
        engine.options(EngineOptions.builder().allowUpgrades(false).build());
        String sid = engine.handshake();

        FakeWebSocket ws = probe(sid);

        assertEquals(1008, ws.closeCode());
        assertStillPolling(sid);
    }

    @Test
    void upgradeTimeoutClosesTheProbeAndTheSessionStaysOnPolling() {
        engine.options(EngineOptions.builder().upgradeTimeout(Duration.ofSeconds(3)).build());
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");

        engine.scheduler.advance(Duration.ofMillis(2_999));
        assertFalse(ws.isClosed());
        engine.scheduler.advance(Duration.ofMillis(1));

        assertTrue(ws.isClosed());
        ws.receive("5"); // too late
        ws.clientClose();
        assertStillPolling(sid);
    }

    /**
     * Probes an upgrade from inside a POST's delivery that takes 5 s, longer than the 3 s
     * upgrade timeout: the client, paused for the upgrade, can send 5 only once "ok" came.
     */
    private FakeWebSocket probeDuringASlowPost(String sid) {
        FakeWebSocket[] ws = new FakeWebSocket[1];
        engine.handler.whenEvent(event -> {
            if (event.kind() == RecordingHandler.Kind.MESSAGE && ws[0] == null) {
                ws[0] = probe(sid);
                ws[0].receive("2probe");
                ws[0].assertFrames("3probe");
                engine.scheduler.advance(Duration.ofSeconds(5));
                assertFalse(ws[0].isClosed(), "the upgrade timed out while the client could not send 5");
            }
        });
        engine.post(sid, "4slow").assertOk("ok");
        engine.handler.assertMessage("slow");
        return ws[0];
    }

    @Test
    void upgradeTimeoutCountsFromTheAnswerOfAPostThatWasInDelivery() {
        engine.options(EngineOptions.builder().upgradeTimeout(Duration.ofSeconds(3)).build());
        String sid = engine.handshake();
        FakeWebSocket ws = probeDuringASlowPost(sid);

        engine.scheduler.advance(Duration.ofMillis(2_999));
        assertFalse(ws.isClosed());
        ws.receive("5");

        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
        engine.send(sid, "x");
        ws.assertFrames("4x");
    }

    @Test
    void upgradeTimeoutAfterTheAnswerOfAPostThatWasInDeliveryClosesTheProbe() {
        engine.options(EngineOptions.builder().upgradeTimeout(Duration.ofSeconds(3)).build());
        String sid = engine.handshake();
        FakeWebSocket ws = probeDuringASlowPost(sid);

        engine.scheduler.advance(Duration.ofSeconds(3));

        assertTrue(ws.isClosed());
        ws.clientClose();
        assertStillPolling(sid);
    }

    @Test
    void upgradeCompletingWhileItsTimeoutFiresKeepsTheWebSocket() {
        engine.options(EngineOptions.builder().upgradeTimeout(Duration.ofSeconds(3)).build());
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");
        // The timeout task starts (it cancels itself first); the client's UPGRADE arrives on
        // another thread at that very moment.
        engine.scheduler.onNextCancel(() -> ws.receive("5"));

        engine.scheduler.advance(Duration.ofSeconds(3));

        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
        assertFalse(ws.isClosed(), "the upgraded WebSocket was closed by the stale timeout");
        engine.send(sid, "x");
        ws.assertFrames("4x");
    }

    @Test
    void aFreshUpgradeMaySucceedAfterAFailedOne() {
        String sid = engine.handshake();
        FakeWebSocket failed = probe(sid);
        failed.clientClose();

        FakeWebSocket ws = engine.upgrade(sid);

        engine.send(sid, "x");
        ws.assertFrames("4x");
    }

    @Test
    void probeClosingEarlyKeepsPollingAlive() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY);
        poll.assertOk("6");

        ws.clientClose();

        assertStillPolling(sid);
        engine.scheduler.advance(Duration.ofSeconds(10)); // the upgrade timeout is cancelled
        assertFalse(ws.isClosed(), "the client closed it; the engine need not");
    }

    @Test
    void probeFailingKeepsPollingAlive() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);

        ws.fail(new IOException("connection reset"));

        assertStillPolling(sid);
    }

    @Test
    void failureOfAnAbandonedProbeKeepsPollingAlive() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        engine.scheduler.advance(Duration.ofSeconds(10)); // upgrade timeout: the probe is dropped
        assertTrue(ws.isClosed());

        ws.fail(new IOException("connection reset"));

        assertStillPolling(sid);
    }

    @Test
    void nonProbePacketOnTheProbeAbortsTheUpgrade() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);

        ws.receive("4not a probe");

        assertTrue(ws.isClosed());
        ws.assertFrames();
        assertStillPolling(sid);
    }

    @Test
    void secondProbePingAbortsTheUpgrade() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");

        ws.receive("2probe");

        assertTrue(ws.isClosed());
        assertStillPolling(sid);
    }

    @Test
    void invalidFrameOnTheProbeAbortsOnlyTheUpgrade() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);

        ws.receive("x-not-a-packet");

        assertTrue(ws.isClosed());
        assertStillPolling(sid);
    }

    @Test
    void invalidFrameOnAnAbandonedProbeIsIgnored() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("4abort");
        assertTrue(ws.isClosed());

        ws.receive("");

        assertStillPolling(sid);
    }

    @Test
    void tooLargeMessageOnTheProbeAbortsOnlyTheUpgrade() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);

        ws.handler().onError(new PayloadTooLargeException(20));

        assertEquals(1009, ws.closeCode());
        assertStillPolling(sid);
    }

    @Test
    void getDuringProbedUpgradeIsAnsweredWithNoopAfter100Milliseconds() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");

        RecordingExchange poll = engine.get(sid);
        engine.scheduler.advance(Duration.ofMillis(99));
        assertFalse(poll.isAnswered());
        engine.scheduler.advance(Duration.ofMillis(1));

        poll.assertOk("6");
        ws.receive("5");
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
    }

    @Test
    void getDuringProbedUpgradeIsRefusedIfTheUpgradeCompletesFirst() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        RecordingExchange poll = engine.get(sid);

        ws.receive("5");

        poll.assertError(400, BAD_REQUEST);
        engine.scheduler.advance(Duration.ofMillis(100)); // the NOOP check finds nothing to answer
        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void getDuringProbedUpgradeTakesQueuedPacketsAtOnce() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        engine.send(sid, "queued");

        engine.get(sid).assertOk("4queued");
        ws.receive("5");
        ws.assertFrames("3probe");
    }

    @Test
    void getDuringProbedUpgradeTakesPacketsSentWithinTheWindow() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        RecordingExchange poll = engine.get(sid);

        engine.send(sid, "within 100 ms");

        poll.assertOk("4within 100 ms");
        engine.scheduler.advance(Duration.ofMillis(100));
    }

    @Test
    void serverCloseDuringTheUpgradeDropsTheProbe() {
        String sid = engine.handshake();
        FakeWebSocket ws = probe(sid);
        ws.receive("2probe");
        ws.assertFrames("3probe");

        engine.socket(sid).close();

        assertTrue(ws.isClosed());
        ws.receive("5");
        ws.assertFrames();
        engine.get(sid).assertOk("1");
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
    }

    @Test
    void sessionEndingDuringTheUpgradeDropsTheProbe() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket ws = probe(sid);

        engine.post(sid, "1").assertOk("ok");

        poll.assertOk("6");
        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);
        assertTrue(ws.isClosed());
        ws.receive("2probe");
        ws.assertFrames();
    }

    @Test
    void clientClosingTheUpgradedWebSocketEndsTheSession() {
        String sid = engine.handshake();
        FakeWebSocket ws = engine.upgrade(sid);

        ws.clientClose();

        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);
        engine.assertGone(sid);
    }

    @Test
    void errorOfTheLeftBehindPollingTransportIsIgnored() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        Transport polling = socket.currentTransport();
        engine.upgrade(sid);

        socket.onTransportEnd(polling, CloseReason.TRANSPORT_ERROR, new IllegalStateException("late failure"));

        assertTrue(socket.isOpen());
    }

    @Test
    void getReachingTheSessionJustAfterTheUpgradeIsRefusedAtOnce() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        PollingTransport polling = (PollingTransport) socket.currentTransport();
        engine.upgrade(sid);

        RecordingExchange late = new RecordingExchange("late GET", engine.violations);
        polling.onGet(late, Map.of());

        late.assertError(400, BAD_REQUEST);
        assertTrue(socket.isOpen());
    }
}
