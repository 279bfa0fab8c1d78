package io.jakartio.websocket;

import static io.jakartio.websocket.ClientFrames.CLOSE;
import static io.jakartio.websocket.ClientFrames.CONTINUATION;
import static io.jakartio.websocket.ClientFrames.NO_LIMIT;
import static io.jakartio.websocket.ClientFrames.PING;
import static io.jakartio.websocket.ClientFrames.PONG;
import static io.jakartio.websocket.ClientFrames.SEED;
import static io.jakartio.websocket.ClientFrames.TEXT;
import static io.jakartio.websocket.ClientFrames.ascii;
import static io.jakartio.websocket.ClientFrames.assertRejected;
import static io.jakartio.websocket.ClientFrames.concat;
import static io.jakartio.websocket.ClientFrames.feed;
import static io.jakartio.websocket.ClientFrames.pattern;
import static io.jakartio.websocket.ClientFrames.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of {@link WebSocketFrameReader} reading control frames: ping, pong and close. */
class WebSocketFrameReaderControlTest {

    /** Mask keys and splits; a new instance (same seed) for every test. */
    private final ClientFrames client = new ClientFrames(SEED);

    // ---------------------------------------------------------------- control frames

    @Test
    void reportsPingAndPongData() throws Exception {
        byte[] data = {0, (byte) 0xFF, 7};
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), concat(
                client.frame(true, 0, PING, true, data),
                client.frame(true, 0, PONG, true, ascii("ok"))));

        assertEquals(2, recorder.events.size(), "events: " + recorder.events);
        assertArrayEquals(data, recorder.pings.get(0), "ping data to echo");
        assertEquals("pong:ok", recorder.events.get(1), "pong");
    }

    @Test
    void acceptsAControlFrameOf125Bytes() throws Exception {
        String data = pattern(125);

        assertEquals(List.of("ping:" + data), readAll(client.frame(true, 0, PING, true, ascii(data))), "events");
    }

    @Test
    void ignoresPongsWithTheListenersDefaultMethod() throws Exception {
        List<String> texts = new ArrayList<>();
        WebSocketFrameReader.Listener listener = new WebSocketFrameReader.Listener() {
            @Override
            public void onText(String message) {
                texts.add(message);
            }

            @Override
            public void onBinary(byte[] message) {
            }

            @Override
            public void onPing(byte[] data) {
            }

            @Override
            public void onClose(int code, String reason) {
            }
        };
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, listener);

        feed(reader, concat(client.frame(true, 0, PONG, true, ascii("x")), client.text("4after")));

        assertEquals(List.of("4after"), texts, "a pong is ignored by default");
    }

    // ---------------------------------------------------------------- close frames

    @Test
    void reportsACloseFrameWithCodeAndReason() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, client.close(1000, "bye"));

        assertEquals(List.of("close:1000:bye"), recorder.events, "events");
        assertTrue(reader.isDone(), "a close frame finishes the reader");
    }

    @Test
    void reportsACloseFrameWithAMultiByteReason() throws Exception {
        assertEquals(List.of("close:1001:adiós €"), readAll(client.close(1001, "adiós €")), "events");
    }

    @Test
    void reportsAnEmptyCloseFrameAsNoStatus() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, client.frame(true, 0, CLOSE, true, new byte[0]));

        assertEquals(List.of("close:1005:"), recorder.events, "events");
        assertTrue(reader.isDone(), "an empty close frame finishes the reader");
    }

    @Test
    void reportsACloseFrameWithCodeButNoReason() throws Exception {
        assertEquals(List.of("close:1001:"), readAll(client.close(1001, "")), "events");
    }

    @Test
    void rejectsACloseFrameOfOneByte() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, 0, CLOSE, true, new byte[] {0x03}));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void rejectsACloseCodeThatMayNotBeSentOnTheWire(int code) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.close(code, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void acceptsAValidCloseCode(int code) throws Exception {
        assertEquals(List.of("close:" + code + ":why"), readAll(client.close(code, "why")), "events");
    }

    @Test
    void rejectsACloseReasonThatIsNotUtf8() {
        byte[] payload = {0x03, (byte) 0xE8, (byte) 0xC3, 0x28};

        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, client.frame(true, 0, CLOSE, true, payload));
    }

    @Test
    void acceptsACloseFrameOf125Bytes() throws Exception {
        String reason = pattern(123);

        assertEquals(List.of("close:1000:" + reason), readAll(client.close(1000, reason)), "events");
    }

    @Test
    void ignoresInputAfterACloseFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, concat(client.text("4before"), client.close(1000, "bye"), client.text("4same buffer")));
        feed(reader, client.text("4later"));
        feed(reader, client.frame(true, 0x4, 0x3, false, ascii("garbage: unmasked, reserved bit, bad opcode")));

        assertEquals(List.of("text:4before", "close:1000:bye"), recorder.events, "events");
        assertTrue(reader.isDone(), "done after the close frame");
    }

    @Test
    void ignoresInputAfterACloseFrameInsideAFragmentedMessage() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, concat(client.frame(false, 0, TEXT, true, ascii("4a")), client.close(1001, "")));
        feed(reader, client.frame(true, 0, CONTINUATION, true, ascii("b")));

        assertEquals(List.of("close:1001:"), recorder.events, "the unfinished message is dropped");
        assertTrue(reader.isDone(), "done after the close frame");
    }
}
