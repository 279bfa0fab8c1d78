package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node's {@code initialPacket}: a MESSAGE every new session gets right after its OPEN packet. */
class InitialPacketTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private void initialPacket(String value) {
        engine.options(EngineOptions.builder().initialPacket(value).build());
        engine.handler.whenOpened(socket -> socket.send(List.of(EnginePacket.message("from onOpen")), false));
    }

    @Test
    void aPollingHandshakeCarriesItRightAfterTheOpenPacketBeforeWhatOnOpenSends() {
        initialPacket("2[\"welcome\"]");

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet());

        assertTrue(exchange.body().startsWith("0{\"sid\":"), exchange.body());
        assertTrue(exchange.body().endsWith("}\u001e42[\"welcome\"]\u001e4from onOpen"), exchange.body());
        engine.handler.assertOpen();
    }

    @Test
    void aWebSocketOnlySessionGetsItAsItsSecondFrame() {
        initialPacket("hello");

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        List<String> frames = ws.takeFrames();
        assertEquals(3, frames.size(), frames::toString);
        assertTrue(frames.get(0).startsWith("0{\"sid\":"), frames::toString);
        assertEquals(List.of("4hello", "4from onOpen"), frames.subList(1, 3));
        engine.handler.assertOpen();
    }

    @Test
    void anUpgradeSendsItNoMoreAndTheDefaultIsNone() {
        initialPacket("hello");
        RecordingExchange handshake = engine.request(FakeRequest.pollingGet());
        String sid = EngineHarness.sidOf(handshake.body());
        engine.handler.assertOpen();

        FakeWebSocket probe = engine.upgrade(sid);
        engine.send(sid, "after");

        probe.assertFrames("4after");
        assertEquals(null, EngineOptions.defaults().initialPacket());
    }
}
