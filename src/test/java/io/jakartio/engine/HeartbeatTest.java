package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeartbeatTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder()
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(200))
            .build());

    private void advance(long millis) {
        engine.scheduler.advanceMillis(millis);
    }

    @Test
    void pingIsSentAfterPingInterval() {
        FakeWebSocket ws = engine.webSocketSession();

        advance(299);
        ws.assertFrames();
        advance(1);

        ws.assertFrames("2");
    }

    @Test
    void noPongWithinPingTimeoutClosesTheSession() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();
        advance(300);
        ws.assertFrames("2");

        advance(199);
        assertTrue(socket.isOpen());
        advance(1);

        engine.handler.assertClose(socket, CloseReason.PING_TIMEOUT);
        assertEquals(1000, ws.closeCode());
        assertEquals("ping timeout", ws.closeReason());
        engine.assertGone(socket.id());
    }

    @Test
    void pongCancelsTheTimeoutAndTheNextPingComesOneIntervalLater() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();
        advance(300);
        ws.assertFrames("2");
        advance(150);

        ws.receive("3");

        advance(299);
        ws.assertFrames();
        assertTrue(socket.isOpen());
        advance(1);
        ws.assertFrames("2");
        advance(199);
        assertTrue(socket.isOpen());
        advance(1);
        engine.handler.assertClose(socket, CloseReason.PING_TIMEOUT);
    }

    @Test
    void pongKeepsTheSessionAliveOverManyIntervals() {
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket socket = engine.handler.lastOpened();

        for (int round = 0; round < 10; round++) {
            advance(300);
            ws.assertFrames("2");
            advance(199);
            ws.receive("3");
        }

        assertTrue(socket.isOpen());
        advance(299);
        ws.assertFrames();
        advance(1);
        ws.assertFrames("2");
        advance(200);
        engine.handler.assertClose(socket, CloseReason.PING_TIMEOUT);
    }

    @Test
    void nothingFiresAfterTheSessionClosed() {
        FakeWebSocket ws = engine.webSocketSession();
        advance(300);
        ws.assertFrames("2");

        ws.clientClose();
        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);

        assertEquals(List.of(), engine.scheduler.pendingDelays());
        advance(60_000);
        ws.assertFrames();
    }

    @Test
    void clientPingIsTheWrongDirection() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);

        engine.post(sid, "2").assertOk("ok");

        poll.assertOk("1");
        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void pollingPingGoesToThePendingGet() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);

        advance(300);

        poll.assertOk("2");
        engine.post(sid, "3").assertOk("ok");
        advance(299);
        assertTrue(engine.socket(sid).isOpen());
        RecordingExchange next = engine.get(sid);
        advance(1);
        next.assertOk("2");
    }

    @Test
    void pollingPingWaitsForTheNextGet() {
        String sid = engine.handshake();

        advance(300);
        engine.get(sid).assertOk("2");
        engine.post(sid, "3").assertOk("ok");
        advance(200);

        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void pollingPingTimeoutAnswersThePendingGetWithClose() {
        String sid = engine.handshake();
        RecordingExchange first = engine.get(sid);
        advance(300);
        first.assertOk("2");
        RecordingExchange second = engine.get(sid);

        advance(200);

        second.assertOk("1");
        engine.handler.assertClose(CloseReason.PING_TIMEOUT);
        engine.assertGone(sid);
    }

    @Test
    void pingDuringAnUpgradeGoesOutOnTheWebSocketAfterwards() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.get(sid);
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().sid(sid));
        ws.receive("2probe");
        ws.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");

        advance(300);
        ws.receive("5");

        ws.assertFrames("2");
        ws.receive("3");
        advance(299);
        assertTrue(engine.socket(sid).isOpen());
        advance(1);
        ws.assertFrames("2");
    }

    @Test
    void heartbeatTimersStopOnEveryKindOfClose() {
        String polling = engine.handshake();
        engine.socket(polling).close();
        engine.get(polling).assertOk("1");
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
        FakeWebSocket ws = engine.webSocketSession();
        ws.receive("x");
        engine.handler.assertClose(CloseReason.PARSE_ERROR);

        advance(120_000);

        assertEquals(0, engine.scheduler.pendingTasks());
        assertFalse(ws.takeFrames().contains("2"));
    }
}
