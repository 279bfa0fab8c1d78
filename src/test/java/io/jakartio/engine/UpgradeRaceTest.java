package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A polling GET racing the upgrade (issue 14, point 6): the official engine.io suite's "ignores
 * HTTP requests with same sid after upgrade" sends {@code 5} on the WebSocket and a GET right
 * after it reads {@code 3probe}. Each test plays one interleaving of the engine's threads exactly.
 */
class UpgradeRaceTest {

    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    /**
     * Opens the probe of {@code sid}; the client sends a GET as soon as it reads {@code 3probe},
     * while the engine's thread is still writing it. Returns the probe; the GET lands in {@code poll}.
     */
    private FakeWebSocket probeAnsweredWithAGetAtOnce(String sid, AtomicReference<RecordingExchange> poll) {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().sid(sid));
        ws.onSend("3probe", () -> poll.set(engine.get(sid)));
        ws.receive("2probe");
        ws.assertFrames("3probe");
        assertNotNull(poll.get(), "the client's GET was not sent");
        return ws;
    }

    @Test
    void getSentRightAfterTheProbeWaitsForTheUpgradeAndIsRefusedWhenItCompletes() {
        String sid = engine.handshake();
        AtomicReference<RecordingExchange> poll = new AtomicReference<>();
        // the probe is answered; the client's 5 is not yet read; its GET arrives
        FakeWebSocket ws = probeAnsweredWithAGetAtOnce(sid, poll);
        assertFalse(poll.get().isAnswered(), "the GET was answered before the upgrade ended");

        ws.receive("5"); // then the 5 is read

        poll.get().assertError(400, BAD_REQUEST);
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
        ws.receive("4hello");
        engine.handler.assertMessage("hello");
    }

    @Test
    void getPendingBeforeTheProbeIsReleasedWithNoopAtTheUpgradeCheckAndTheNextOneWaitsForTheUpgrade() {
        String sid = engine.handshake();
        RecordingExchange before = engine.get(sid);
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().sid(sid));
        ws.receive("2probe");
        ws.assertFrames("3probe");
        // not at once: a client that has not read 3probe yet would poll again (a second NOOP)
        assertFalse(before.isAnswered(), "the GET was released before the client could pause polling");

        engine.scheduler.advance(Upgrade.RELEASE_DELAY);
        before.assertOk("6");
        RecordingExchange after = engine.get(sid);
        assertFalse(after.isAnswered());
        ws.receive("5");
        after.assertError(400, BAD_REQUEST);
    }

    @Test
    void getSentRightAfterTheProbeIsServedWhenTheUpgradeFails() {
        String sid = engine.handshake();
        AtomicReference<RecordingExchange> poll = new AtomicReference<>();
        FakeWebSocket ws = probeAnsweredWithAGetAtOnce(sid, poll);

        ws.receive("4not an upgrade"); // the upgrade fails: the probe is dropped

        assertTrue(ws.isClosed());
        assertFalse(poll.get().isAnswered(), "an ordinary poll now: it waits for packets");
        engine.scheduler.advance(Duration.ofMillis(100)); // no NOOP check once the upgrade ended
        assertFalse(poll.get().isAnswered());
        engine.send(sid, "served");
        poll.get().assertOk("4served");
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
    }

    @Test
    void getSentRightAfterTheProbeIsServedWhenTheProbeCloses() {
        String sid = engine.handshake();
        AtomicReference<RecordingExchange> poll = new AtomicReference<>();
        FakeWebSocket ws = probeAnsweredWithAGetAtOnce(sid, poll);

        ws.clientClose();

        engine.send(sid, "served");
        poll.get().assertOk("4served");
        assertTrue(engine.socket(sid).isOpen());
    }

    @Test
    void getHeldByAProbedUpgradeIsReleasedWithNoopIfNoUpgradeCameWithin100Milliseconds() {
        // A client that polled before reading 3probe waits for that poll before sending 5.
        String sid = engine.handshake();
        AtomicReference<RecordingExchange> poll = new AtomicReference<>();
        FakeWebSocket ws = probeAnsweredWithAGetAtOnce(sid, poll);

        engine.scheduler.advance(Duration.ofMillis(100));

        poll.get().assertOk("6");
        ws.receive("5");
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
    }
}
