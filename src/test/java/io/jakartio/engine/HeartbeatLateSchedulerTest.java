package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The heartbeat's deadline does not depend on how late the scheduler's thread runs (the official
 * engine.io suite's "closes the session upon ping timeout" polls exactly pingInterval +
 * pingTimeout after the handshake, and failed about once in ten runs on a loaded machine).
 */
class HeartbeatLateSchedulerTest {

    private static final String UNKNOWN_SID = "{\"code\":1,\"message\":\"Session ID unknown\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder()
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(200))
            .build());

    @Test
    void aPollAfterTheDeadlineFindsTheSessionGoneThoughTheTimeoutTaskHasNotRunYet() {
        String sid = engine.handshake();
        engine.scheduler.advanceMillis(300); // the PING is queued
        engine.scheduler.moveWithoutRunning(Duration.ofMillis(200)); // the timeout task is late

        engine.get(sid).assertError(400, UNKNOWN_SID);

        engine.handler.assertClose(CloseReason.PING_TIMEOUT);
        engine.assertGone(sid);
        engine.scheduler.advanceMillis(1); // the late task finds it closed
    }

    @Test
    void aPingSentLateStillExpiresPingIntervalPlusPingTimeoutAfterTheHandshake() {
        String sid = engine.handshake();
        engine.scheduler.moveWithoutRunning(Duration.ofMillis(350)); // the PING task runs 50 ms late
        engine.scheduler.advanceMillis(0);
        engine.get(sid).assertOk("2");

        engine.scheduler.advanceMillis(149);
        assertTrue(engine.socket(sid).isOpen());
        engine.scheduler.advanceMillis(1);

        engine.handler.assertClose(CloseReason.PING_TIMEOUT);
        engine.assertGone(sid);
    }

    @Test
    void aPollBeforeTheDeadlineTakesThePing() {
        String sid = engine.handshake();
        engine.scheduler.advanceMillis(300);
        engine.scheduler.moveWithoutRunning(Duration.ofMillis(199));

        engine.get(sid).assertOk("2");

        assertTrue(engine.socket(sid).isOpen());
        engine.post(sid, "3").assertOk("ok");
        engine.scheduler.advanceMillis(1);
        assertTrue(engine.socket(sid).isOpen());
        assertFalse(engine.socket(sid).transport() != TransportType.POLLING);
    }
}
