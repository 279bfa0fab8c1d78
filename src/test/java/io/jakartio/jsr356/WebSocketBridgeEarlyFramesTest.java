package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.CloseReason;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.SessionHandler;
import io.jakartio.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Some containers (Undertow) read a WebSocket's first frames while the endpoint's open callback
 * has not run yet: {@link WebSocketBridge} keeps them and delivers them, in order, once open. A
 * peer that sends more than it may before that is closed as the session opens (1008), and none
 * of its frames reaches the engine. The container is a recording {@link Session}; the engine is
 * real.
 */
class WebSocketBridgeEarlyFramesTest {

    private final List<String> received = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();
    private final RecordingSession container = new RecordingSession();
    private final WebSocketBridge bridge = new WebSocketBridge(new EngineServer(EngineOptions.defaults(),
            new ManualScheduler(), socket -> new SessionHandler() {
                @Override
                public void onMessage(String text) {
                    received.add(text);
                }

                @Override
                public void onBinary(byte[] data) {
                    received.add(data.length + " bytes");
                }

                @Override
                public void onClose(CloseReason reason) {
                    closes.add(reason);
                }
            }));

    @Test
    void framesBeforeTheOpenCallbackAreDeliveredInOrderOnceOpen() {
        bridge.text("4first", true);
        bridge.text("4sec", false);
        bridge.text("ond", true);

        bridge.open(container.session(), RecordingSession.config(), false);

        assertEquals(List.of("first", "second"), received);
        assertTrue(container.closes.isEmpty());
        assertTrue(container.sent.get(0).startsWith("0{\"sid\":"), "the Engine.IO OPEN packet: " + container.sent);
    }

    @Test
    void aPeerThatFloodsTheSessionBeforeItOpensIsClosedAsItOpensAndNothingIsDelivered() {
        for (int i = 0; i < 100; i++) {
            bridge.text("4flood " + i, true);
        }

        bridge.open(container.session(), RecordingSession.config(), false);
        bridge.text("4after", true);

        assertEquals(1, container.closes.size());
        assertEquals(1008, container.closes.get(0).getCloseCode().getCode());
        assertEquals("too many frames before the session opened", container.closes.get(0).getReasonPhrase());
        assertEquals(List.of(), received);
        assertEquals(List.of(), container.sent, "no session was opened for it");
        assertEquals(List.of(), closes);
    }
}
