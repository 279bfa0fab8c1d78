package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Engine.IO v3 heartbeat (allowEIO3): the client pings, the server answers PONG at once and
 * closes a session that has not pinged for {@code pingInterval + pingTimeout}; it never pings
 * itself. A v4 session keeps the server-driven heartbeat ({@link HeartbeatTest}).
 */
class Eio3HeartbeatTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder()
            .allowEIO3(true)
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(200))
            .build());

    private void advance(long millis) {
        engine.scheduler.advanceMillis(millis);
    }

    private FakeWebSocket v3Session() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));
        assertTrue(ws.takeFrames().get(0).startsWith("0{\"sid\":"));
        EngineSocket socket = engine.handler.assertOpen();
        assertEquals(3, socket.protocol());
        return ws;
    }

    @Test
    void theServerNeverPingsAV3Client() {
        FakeWebSocket ws = v3Session();

        advance(499);

        ws.assertFrames();
        assertTrue(engine.handler.lastOpened().isOpen());
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        FakeWebSocket ws = v3Session();

        ws.receive("2");

        ws.assertFrames("3");
    }

    @Test
    void noPingWithinPingIntervalPlusPingTimeoutClosesTheSession() {
        FakeWebSocket ws = v3Session();
        EngineSocket socket = engine.handler.lastOpened();

        advance(499);
        assertTrue(socket.isOpen());
        advance(1);

        engine.handler.assertClose(socket, CloseReason.PING_TIMEOUT);
        assertEquals("ping timeout", ws.closeReason());
        engine.assertGone(socket.id());
    }

    @Test
    void eachPingGivesTheClientAnotherIntervalPlusTimeout() {
        FakeWebSocket ws = v3Session();
        EngineSocket socket = engine.handler.lastOpened();

        for (int round = 0; round < 5; round++) {
            advance(450);
            ws.receive("2");
            ws.assertFrames("3");
        }
        advance(499);
        assertTrue(socket.isOpen());
        advance(1);

        engine.handler.assertClose(socket, CloseReason.PING_TIMEOUT);
    }

    @Test
    void aPongFromAV3ClientIsTheWrongDirectionAndClosesTheSession() {
        FakeWebSocket ws = v3Session();
        EngineSocket socket = engine.handler.lastOpened();

        ws.receive("3");

        engine.handler.assertClose(socket, CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aPingOverPollingIsAnsweredOnTheNextPoll() {
        String sid = Eio3TransportsTest.handshake(engine, "");

        engine.request(FakeRequest.pollingPost().query("EIO", "3").sid(sid).body("1:2")).assertOk("ok");

        engine.request(FakeRequest.pollingGet().query("EIO", "3").sid(sid)).assertOk("1:3");
        advance(499);
        assertTrue(engine.socket(sid).isOpen());
        advance(1);
        engine.handler.assertClose(CloseReason.PING_TIMEOUT);
    }

    @Test
    void aV4SessionBesideItKeepsTheServerDrivenHeartbeat() {
        FakeWebSocket v3 = v3Session();
        FakeWebSocket v4 = engine.webSocketSession();
        EngineSocket v4Socket = engine.handler.lastOpened();
        assertEquals(4, v4Socket.protocol());

        advance(300);

        v4.assertFrames("2");
        v3.assertFrames();
        v4.receive("2"); // a PING from a v4 client is still the wrong direction
        engine.handler.assertClose(v4Socket, CloseReason.TRANSPORT_ERROR);
    }
}
