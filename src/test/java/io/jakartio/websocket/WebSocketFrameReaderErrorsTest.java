package io.jakartio.websocket;

import static io.jakartio.websocket.ClientFrames.BINARY;
import static io.jakartio.websocket.ClientFrames.CLOSE;
import static io.jakartio.websocket.ClientFrames.CONTINUATION;
import static io.jakartio.websocket.ClientFrames.NO_LIMIT;
import static io.jakartio.websocket.ClientFrames.PING;
import static io.jakartio.websocket.ClientFrames.PONG;
import static io.jakartio.websocket.ClientFrames.SEED;
import static io.jakartio.websocket.ClientFrames.TEXT;
import static io.jakartio.websocket.ClientFrames.ascii;
import static io.jakartio.websocket.ClientFrames.assertRejected;
import static io.jakartio.websocket.ClientFrames.assertRejectedWithLimit;
import static io.jakartio.websocket.ClientFrames.bytes;
import static io.jakartio.websocket.ClientFrames.concat;
import static io.jakartio.websocket.ClientFrames.feed;
import static io.jakartio.websocket.ClientFrames.hex;
import static io.jakartio.websocket.ClientFrames.pattern;
import static io.jakartio.websocket.ClientFrames.readAll;
import static io.jakartio.websocket.ClientFrames.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of {@link WebSocketFrameReader} rejecting protocol errors with the right close code. */
class WebSocketFrameReaderErrorsTest {

    /** Mask keys and splits; a new instance (same seed) for every test. */
    private final ClientFrames client = new ClientFrames(SEED);

    // ---------------------------------------------------------------- protocol errors

    @Test
    void rejectsAnUnmaskedFrame() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, 0, TEXT, false, ascii("4hello")));
    }

    @Test
    void rejectsAnUnmaskedFrameFromItsFirstTwoBytes() {
        byte[] frame = client.frame(true, 0, TEXT, false, ascii("4hello"));

        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, slice(frame, 0, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4, 0x2, 0x1, 0x7})
    void rejectsAFrameWithAReservedBitSet(int rsv) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, rsv, TEXT, true, ascii("4hello")));
    }

    @Test
    void rejectsAControlFrameWithAReservedBitSet() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, 0x4, PING, true, ascii("x")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void rejectsAnUnknownOpcode(int opcode) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, 0, opcode, true, ascii("x")));
    }

    @Test
    void rejectsAContinuationWithoutAMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(true, 0, CONTINUATION, true, ascii("x")));
    }

    @Test
    void rejectsAContinuationAfterAFinishedFragmentedMessage() {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, ascii("a")),
                client.frame(true, 0, CONTINUATION, true, ascii("b")),
                client.frame(true, 0, CONTINUATION, true, ascii("c")));

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> feed(reader, stream));

        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of("text:ab"), recorder.events, "the finished message was delivered");
    }

    @Test
    void rejectsANewTextFrameInsideAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR,
                client.frame(false, 0, TEXT, true, ascii("4a")),
                client.frame(true, 0, TEXT, true, ascii("4b")));
    }

    @Test
    void rejectsANewBinaryFrameInsideAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR,
                client.frame(false, 0, BINARY, true, new byte[] {1}),
                client.frame(false, 0, BINARY, true, new byte[] {2}));
    }

    @Test
    void rejectsAControlFrameWithA126BytePayload() {
        byte[] frame = client.frame(true, 0, PING, true, ascii(pattern(126)));
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");

        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame);
    }

    @Test
    void rejectsACloseFrameWithA126BytePayload() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.close(1000, pattern(124)));
    }

    @ParameterizedTest
    @ValueSource(ints = {PING, PONG, CLOSE})
    void rejectsAFragmentedControlFrame(int opcode) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, client.frame(false, 0, opcode, true, new byte[] {0x03, (byte) 0xE8}));
    }

    @Test
    void rejectsANegative64BitLength() {
        byte[] header = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};

        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, header);
    }

    @Test
    void rejectsAMessageOverTheLimit() {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(10, recorder);

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> feed(reader, client.text("01234567890")));

        assertEquals(WebSocketProtocol.CLOSE_TOO_BIG, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of(), recorder.events, "no events");
    }

    @Test
    void rejectsABinaryMessageOverTheLimit() {
        assertRejectedWithLimit(10, WebSocketProtocol.CLOSE_TOO_BIG, client.frame(true, 0, BINARY, true, new byte[11]));
    }

    @Test
    void rejectsAMessageOverTheLimitOnceItsHeaderArrived() {
        byte[] frame = client.text(pattern(70_000));
        byte[] header = slice(frame, 0, 14);

        assertRejectedWithLimit(65_536, WebSocketProtocol.CLOSE_TOO_BIG, header);
    }

    @Test
    void rejectsAFrameLongerThanAnArrayCanHoldWithoutAllocatingIt() {
        // 2^32 bytes announced; the reader's limit would allow it
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4};

        assertRejectedWithLimit(Long.MAX_VALUE, WebSocketProtocol.CLOSE_TOO_BIG, header);
    }

    @Test
    void rejectsAFragmentedMessageWhoseTotalExceedsTheLimit() {
        assertRejectedWithLimit(10, WebSocketProtocol.CLOSE_TOO_BIG,
                client.frame(false, 0, TEXT, true, ascii("012345")),
                client.frame(false, 0, CONTINUATION, true, ascii("")),
                client.frame(true, 0, CONTINUATION, true, ascii("67890")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c328",         // a two-byte lead followed by an ASCII byte
        "c0af",         // overlong '/'
        "e080af",       // overlong '/' in three bytes
        "eda080",       // a UTF-16 surrogate (U+D800)
        "f4908080",     // above U+10FFFF
        "80",           // a lone continuation byte
        "ff",           // never valid
        "34e282",       // a character cut at the end of the message
    })
    void rejectsInvalidUtf8(String hex) {
        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, client.frame(true, 0, TEXT, true, hex(hex)));
    }

    @Test
    void rejectsInvalidUtf8InAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD,
                client.frame(false, 0, TEXT, true, hex("34c3")),
                client.frame(true, 0, CONTINUATION, true, hex("28")));
    }

    @Test
    void acceptsInvalidUtf8InABinaryMessage() throws Exception {
        assertEquals(List.of("binary:2"), readAll(client.frame(true, 0, BINARY, true, hex("c0af"))), "events");
    }

    @Test
    void deliversTheFramesBeforeAnErrorInTheSameBuffer() {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] stream = concat(client.text("4ok"), client.frame(true, 0, TEXT, false, ascii("4bad")), client.text("4never"));

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> feed(reader, stream));

        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of("text:4ok"), recorder.events, "events before the error");
    }

    @Test
    void ignoresInputAfterAnException() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        assertThrows(WebSocketProtocolException.class, () -> feed(reader, client.frame(true, 0, TEXT, false, ascii("4bad"))));

        assertTrue(reader.isDone(), "done after an error");
        feed(reader, client.text("4later"));
        feed(reader, client.frame(true, 0, TEXT, false, ascii("unmasked again")));

        assertEquals(List.of(), recorder.events, "no events after the error");
        assertTrue(reader.isDone(), "still done");
    }

    @Test
    void ignoresInputAfterAnExceptionThrownMidPayload() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] invalid = client.frame(true, 0, TEXT, true, hex("c0af"));
        assertThrows(WebSocketProtocolException.class, () -> feed(reader, invalid));

        feed(reader, client.text("4later"));

        assertEquals(List.of(), recorder.events, "no events after the error");
    }

    @Test
    void isNotDoneBeforeAnythingArrived() {
        assertFalse(new WebSocketFrameReader(NO_LIMIT, new RecordingFrameListener()).isDone(), "a new reader is not done");
    }
}
