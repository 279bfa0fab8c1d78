package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.CloseReason;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.SessionHandler;
import io.jakartio.testing.ManualScheduler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSR-356 path checks {@code maxHttpBufferSize} once, in {@link WebSocketBridge}, as the
 * container hands over the parts of a message: in bytes (the UTF-8 encoding of text), for whole
 * messages and assembled ones alike. A message over the limit closes the WebSocket with 1009
 * and ends the session with {@code transport error}, as on the native WebSocket. The container
 * is a recording {@link Session}; the engine is real.
 */
class WebSocketBridgeSizeLimitTest {

    private static final int LIMIT = 10;

    private final List<Object> received = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();
    private final RecordingSession container = new RecordingSession();
    private WebSocketBridge bridge;

    @BeforeEach
    void open() {
        EngineServer engine = new EngineServer(EngineOptions.builder().maxHttpBufferSize(LIMIT).build(),
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
                });
        bridge = new WebSocketBridge(engine);
        bridge.open(container.session(), RecordingSession.config(), false);
    }

    @Test
    void aTextMessageOfTheLimitInUtf8BytesIsDelivered() {
        bridge.text("4\u00e9\u00e9\u00e9\u00e9x", true); // 1 + 4 x 2 + 1 = 10 bytes

        assertEquals(List.of("\u00e9\u00e9\u00e9\u00e9x"), received);
        assertTrue(container.closes.isEmpty());
    }

    @Test
    void aTextMessageOverTheLimitInUtf8BytesClosesWith1009AndEndsWithTransportError() {
        bridge.text("4\u00e9\u00e9\u00e9\u00e9\u00e9", true); // 6 characters, 11 bytes

        assertEquals(List.of(), received);
        assertEquals(1, container.closes.size());
        assertEquals(1009, container.closes.get(0).getCloseCode().getCode());
        assertEquals(List.of(CloseReason.TRANSPORT_ERROR), closes);
    }

    @Test
    void partsCountAsTheyArriveAndASurrogatePairSplitBetweenThemIsFourBytes() {
        bridge.text("4abcde", false);
        bridge.text("\ud83d", false);
        bridge.text("\ude00", true); // 6 + 4 = 10 bytes

        assertEquals(List.of("abcde\ud83d\ude00"), received);
        assertTrue(container.closes.isEmpty());
    }

    @Test
    void theMessageIsRefusedAtThePartThatCrossesTheLimitAndTheRestIsDropped() {
        bridge.text("4abcdefgh", false);
        bridge.text("ij", false); // 11 bytes
        bridge.text("k", true);
        bridge.text("4next", true);

        assertEquals(List.of(), received);
        assertEquals(1, container.closes.size());
        assertEquals(1009, container.closes.get(0).getCloseCode().getCode());
        assertEquals(List.of(CloseReason.TRANSPORT_ERROR), closes);
    }

    @Test
    void binaryMessagesAreLimitedWholeOrInParts() {
        bridge.binary(ByteBuffer.wrap(new byte[LIMIT]), true);
        bridge.binary(ByteBuffer.wrap(new byte[6]), false);
        bridge.binary(ByteBuffer.wrap(new byte[4]), true);
        assertEquals(List.of("10 bytes", "10 bytes"), received);
        assertTrue(container.closes.isEmpty());

        bridge.binary(ByteBuffer.wrap(new byte[6]), false);
        bridge.binary(ByteBuffer.wrap(new byte[5]), true);

        assertEquals(2, received.size());
        assertEquals(1009, container.closes.get(0).getCloseCode().getCode());
        assertEquals(List.of(CloseReason.TRANSPORT_ERROR), closes);
    }

    @Test
    void utf8LengthCountsBytesNotCharacters() {
        assertFalse(Utf8.lengthExceeds("a".repeat(10), 10));
        assertTrue(Utf8.lengthExceeds("a".repeat(11), 10));
        assertFalse(Utf8.lengthExceeds("\u00e9".repeat(5), 10), "5 x 2 bytes");
        assertTrue(Utf8.lengthExceeds("\u00e9".repeat(6), 10), "6 x 2 bytes");
        assertTrue(Utf8.lengthExceeds("\u20ac".repeat(4), 10), "4 x 3 bytes");
        assertFalse(Utf8.lengthExceeds("\ud83d\ude00\ud83d\ude00", 8), "2 x 4 bytes");
        assertTrue(Utf8.lengthExceeds("\ud83d\ude00\ud83d\ude00x", 8));
        assertEquals(3, Utf8.length("\ud83d"), "a lone surrogate");
    }
}
