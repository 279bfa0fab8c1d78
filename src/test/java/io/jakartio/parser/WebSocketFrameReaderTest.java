package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketFrameReaderTest {

    private static final long SEED = 0x6455_f4a3L;
    private static final long NO_LIMIT = 100_000_000L;

    private static final int CONTINUATION = WebSocketProtocol.OPCODE_CONTINUATION;
    private static final int TEXT = WebSocketProtocol.OPCODE_TEXT;
    private static final int BINARY = WebSocketProtocol.OPCODE_BINARY;
    private static final int CLOSE = WebSocketProtocol.OPCODE_CLOSE;
    private static final int PING = WebSocketProtocol.OPCODE_PING;
    private static final int PONG = WebSocketProtocol.OPCODE_PONG;

    /** Mask keys and splits; a new instance (same seed) for every test. */
    private final Random random = new Random(SEED);

    // ---------------------------------------------------------------- data frames

    @Test
    void readsAMaskedTextFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, text("4hello"));

        assertEquals(List.of("text:4hello"), recorder.events, "events");
        assertFalse(reader.isDone(), "a text frame does not finish the reader");
    }

    @Test
    void readsTheFrameFromTheRFCExampleWithItsFixedMask() throws Exception {
        // RFC 6455 section 5.7: "A single-frame masked text message" containing "Hello"
        byte[] frame = hex("818537fa213d7f9f4d5158");

        assertEquals(List.of("text:Hello"), readAll(frame), "events");
    }

    @Test
    void readsOnlyTheBytesBetweenOffsetAndLength() throws Exception {
        byte[] frame = text("4hi");
        byte[] buffer = new byte[frame.length + 10];
        buffer[0] = (byte) 0xFF;
        buffer[1] = (byte) 0xFF;
        buffer[2] = (byte) 0xFF;
        System.arraycopy(frame, 0, buffer, 3, frame.length);
        for (int i = 3 + frame.length; i < buffer.length; i++) {
            buffer[i] = (byte) 0xFF; // garbage that would be an unmasked, reserved-bit frame
        }
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        reader.read(buffer, 3, frame.length);

        assertEquals(List.of("text:4hi"), recorder.events, "events");
    }

    @Test
    void readsAnEmptyTextFrame() throws Exception {
        assertEquals(List.of("text:"), readAll(text("")), "events");
    }

    @Test
    void readsAnEmptyBinaryFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), frame(true, 0, BINARY, true, new byte[0]));

        assertEquals(List.of("binary:0"), recorder.events, "events");
        assertArrayEquals(new byte[0], recorder.binaries.get(0), "payload");
    }

    @Test
    void readsEmptyFramesBetweenOtherFramesInOneBuffer() throws Exception {
        byte[] stream = concat(text(""), text("a"), frame(true, 0, PING, true, new byte[0]), text(""));

        assertEquals(List.of("text:", "text:a", "ping:", "text:"), readAll(stream), "events");
    }

    @Test
    void readsABinaryFrame() throws Exception {
        byte[] data = {0, 1, (byte) 0x80, (byte) 0xFF, 127, -128, 42};
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), frame(true, 0, BINARY, true, data));

        assertEquals(List.of("binary:7"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload unmasked");
    }

    @Test
    void readsA16BitLength() throws Exception {
        String message = pattern(300);
        byte[] frame = text(message);
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");
        assertEquals(300, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF), "the 16-bit length");

        assertEquals(List.of("text:" + message), readAll(frame), "events");
    }

    @Test
    void readsTheLargest16BitLength() throws Exception {
        byte[] data = randomBytes(65_535);
        byte[] frame = frame(true, 0, BINARY, true, data);
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), frame);

        assertEquals(List.of("binary:65535"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload");
    }

    @Test
    void readsA64BitLength() throws Exception {
        String message = pattern(70_000);
        byte[] frame = text(message);
        assertEquals(127, frame[1] & 0x7F, "the helper used the 64-bit length");

        assertEquals(List.of("text:" + message), readAll(frame), "events");
    }

    @Test
    void readsA64BitLengthBinaryFrameArrivingInRandomPieces() throws Exception {
        byte[] data = randomBytes(70_000);
        byte[] frame = frame(true, 0, BINARY, true, data);
        RecordingFrameListener recorder = new RecordingFrameListener();

        feedInRandomPieces(new WebSocketFrameReader(NO_LIMIT, recorder), frame, 5000);

        assertEquals(List.of("binary:70000"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload, unmasked across chunk growth");
    }

    @Test
    void readsAMessageOfExactlyTheLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(10, recorder), text("0123456789"));

        assertEquals(List.of("text:0123456789"), recorder.events, "a message of the limit is accepted");
    }

    @Test
    void readsAFragmentedMessageOfExactlyTheLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii("01234")),
                frame(true, 0, CONTINUATION, true, ascii("56789")));

        feed(new WebSocketFrameReader(10, recorder), stream);

        assertEquals(List.of("text:0123456789"), recorder.events, "a message of the limit is accepted");
    }

    @Test
    void doesNotCountControlFramesTowardsTheMessageLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii("01234")),
                frame(true, 0, PING, true, ascii(pattern(125))),
                frame(true, 0, CONTINUATION, true, ascii("56789")));

        feed(new WebSocketFrameReader(10, recorder), stream);

        assertEquals(List.of("ping:" + pattern(125), "text:0123456789"), recorder.events, "events");
    }

    @Test
    void deliversBinaryArraysThatLaterFramesDoNotOverwrite() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, frame(true, 0, BINARY, true, new byte[] {1, 2, 3}));
        feed(reader, frame(true, 0, BINARY, true, new byte[] {4, 5, 6}));
        feed(reader, concat(frame(false, 0, BINARY, true, new byte[] {7}),
                frame(true, 0, CONTINUATION, true, new byte[] {8, 9})));

        assertEquals(List.of("binary:3", "binary:3", "binary:3"), recorder.events, "events");
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0), "first message");
        assertArrayEquals(new byte[] {4, 5, 6}, recorder.binaries.get(1), "second message");
        assertArrayEquals(new byte[] {7, 8, 9}, recorder.binaries.get(2), "fragmented message");
    }

    // ---------------------------------------------------------------- pieces

    @Test
    void deliversTheSameEventsWhenFedOneByteAtATime() throws Exception {
        byte[] stream = mixedStream();
        List<String> whole = readAll(stream);
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        for (int i = 0; i < stream.length; i++) {
            reader.read(stream, i, 1);
        }

        assertEquals(whole, recorder.events, "events of single bytes");
        assertTrue(reader.isDone(), "the stream ends with a close frame");
    }

    @Test
    void deliversTheSameEventsWhenFedInRandomPieces() throws Exception {
        byte[] stream = mixedStream();
        List<String> whole = readAll(stream);
        assertEquals(10, whole.size(), "the stream's events: " + whole);

        for (int round = 0; round < 50; round++) {
            RecordingFrameListener recorder = new RecordingFrameListener();
            WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
            feedInRandomPieces(reader, stream, round % 2 == 0 ? 7 : 20_000);
            assertEquals(whole, recorder.events, "events of random pieces, round " + round);
        }
    }

    @Test
    void deliversTheSameEventsWhateverTheSplitPointOfTwoPieces() throws Exception {
        byte[] stream = concat(
                frame(false, 0, TEXT, true, bytes("é€")),
                frame(true, 0, PING, true, ascii("p")),
                frame(true, 0, CONTINUATION, true, bytes("😀")),
                text(pattern(130)),
                close(1000, "bye"));
        List<String> whole = readAll(stream);

        for (int split = 0; split <= stream.length; split++) {
            RecordingFrameListener recorder = new RecordingFrameListener();
            WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
            reader.read(stream, 0, split);
            reader.read(stream, split, stream.length - split);
            assertEquals(whole, recorder.events, "events split at " + split);
        }
    }

    @Test
    void readsRandomValidStreamsArrivingInRandomPieces() throws Exception {
        int[] lengths = {0, 1, 2, 3, 4, 5, 125, 126, 127, 1000, 65_535, 65_536, 70_001};
        int[] codePoints = {'a', '4', 'é', '€', 0x1F600, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
        for (int round = 0; round < 40; round++) {
            List<byte[]> frames = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            int messages = 1 + random.nextInt(6);
            for (int m = 0; m < messages; m++) {
                boolean isText = random.nextBoolean();
                int target = lengths[random.nextInt(lengths.length)];
                byte[] payload;
                if (isText) {
                    StringBuilder text = new StringBuilder();
                    int utf8Length = 0;
                    while (utf8Length < target) {
                        int codePoint = codePoints[random.nextInt(codePoints.length)];
                        text.appendCodePoint(codePoint);
                        utf8Length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                    }
                    payload = bytes(text.toString());
                    expected.add("text:" + text);
                } else {
                    payload = randomBytes(target);
                    expected.add("binary:" + target);
                }
                int fragments = 1 + random.nextInt(4);
                int[] cuts = new int[fragments + 1];
                cuts[fragments] = payload.length;
                for (int f = 1; f < fragments; f++) {
                    cuts[f] = random.nextInt(payload.length + 1);
                }
                Arrays.sort(cuts, 1, fragments);
                List<String> controls = new ArrayList<>();
                for (int f = 0; f < fragments; f++) {
                    frames.add(frame(f == fragments - 1, 0, f == 0 ? (isText ? TEXT : BINARY) : CONTINUATION, true,
                            slice(payload, cuts[f], cuts[f + 1])));
                    if (f < fragments - 1 && random.nextBoolean()) {
                        String data = pattern(random.nextInt(126));
                        boolean ping = random.nextBoolean();
                        frames.add(frame(true, 0, ping ? PING : PONG, true, ascii(data)));
                        controls.add((ping ? "ping:" : "pong:") + data);
                    }
                }
                expected.addAll(expected.size() - 1, controls);
            }
            int code = 1000 + random.nextInt(4);
            frames.add(close(code, "end " + round));
            expected.add("close:" + code + ":end " + round);
            byte[] stream = concat(frames.toArray(new byte[0][]));
            RecordingFrameListener recorder = new RecordingFrameListener();
            WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

            feedInRandomPieces(reader, stream, 1 + random.nextInt(3000));

            assertEquals(expected, recorder.events, "events of round " + round);
            assertTrue(reader.isDone(), "done after the close frame, round " + round);
        }
    }

    @Test
    void acceptsReadsOfZeroBytes() throws Exception {
        byte[] frame = text("4x");
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        reader.read(frame, 0, 0);
        reader.read(frame, 0, 3);
        reader.read(frame, 3, 0);
        reader.read(frame, 3, frame.length - 3);
        reader.read(frame, frame.length, 0);

        assertEquals(List.of("text:4x"), recorder.events, "events");
    }

    // ---------------------------------------------------------------- fragmentation

    @Test
    void joinsAFragmentedTextMessageAndReportsAPingBetweenFragmentsFirst() throws Exception {
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii("4hel")),
                frame(false, 0, CONTINUATION, true, ascii("lo ")),
                frame(true, 0, PING, true, ascii("are you there")),
                frame(true, 0, CONTINUATION, true, ascii("world")));

        assertEquals(List.of("ping:are you there", "text:4hello world"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedBinaryMessageAndReportsAPongBetweenFragmentsFirst() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                frame(false, 0, BINARY, true, new byte[] {1, 2}),
                frame(true, 0, PONG, true, ascii("pong")),
                frame(false, 0, CONTINUATION, true, new byte[0]),
                frame(true, 0, CONTINUATION, true, new byte[] {3}));

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), stream);

        assertEquals(List.of("pong:pong", "binary:3"), recorder.events, "events");
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0), "joined payload");
    }

    @Test
    void joinsAFragmentedMessageWhoseFirstFragmentIsEmpty() throws Exception {
        byte[] stream = concat(
                frame(false, 0, TEXT, true, new byte[0]),
                frame(false, 0, CONTINUATION, true, new byte[0]),
                frame(true, 0, CONTINUATION, true, ascii("4x")));

        assertEquals(List.of("text:4x"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedMessageOfOnlyEmptyFragments() throws Exception {
        byte[] stream = concat(
                frame(false, 0, TEXT, true, new byte[0]),
                frame(true, 0, CONTINUATION, true, new byte[0]));

        assertEquals(List.of("text:"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedMessageLargerThanAFirstChunk() throws Exception {
        String first = pattern(40_000);
        String second = pattern(33_333);
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii(first)),
                frame(true, 0, CONTINUATION, true, ascii(second)));

        assertEquals(List.of("text:" + first + second), readAll(stream), "events");
    }

    @Test
    void readsAnotherMessageAfterAFragmentedOne() throws Exception {
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii("4a")),
                frame(true, 0, CONTINUATION, true, ascii("b")),
                frame(false, 0, BINARY, true, new byte[] {1}),
                frame(true, 0, CONTINUATION, true, new byte[] {2}),
                text("4c"));

        assertEquals(List.of("text:4ab", "binary:2", "text:4c"), readAll(stream), "events");
    }

    @Test
    void joinsMultiByteUtf8SplitAcrossFragmentsInsideACharacter() throws Exception {
        String message = "é€😀";
        byte[] utf8 = bytes(message);
        assertEquals(9, utf8.length, "2 + 3 + 4 bytes");

        for (int first = 0; first <= utf8.length; first++) {
            for (int second = first; second <= utf8.length; second++) {
                byte[] stream = concat(
                        frame(false, 0, TEXT, true, slice(utf8, 0, first)),
                        frame(false, 0, CONTINUATION, true, slice(utf8, first, second)),
                        frame(true, 0, CONTINUATION, true, slice(utf8, second, utf8.length)));
                assertEquals(List.of("text:" + message), readAll(stream),
                        "fragments split at " + first + " and " + second);
            }
        }
    }

    @Test
    void joinsMultiByteUtf8SentOneByteAFragment() throws Exception {
        String message = "é€😀";
        byte[] utf8 = bytes(message);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < utf8.length; i++) {
            stream.writeBytes(frame(i == utf8.length - 1, 0, i == 0 ? TEXT : CONTINUATION, true,
                    new byte[] {utf8[i]}));
        }

        assertEquals(List.of("text:" + message), readAll(stream.toByteArray()), "events");
    }

    // ---------------------------------------------------------------- control frames

    @Test
    void reportsPingAndPongData() throws Exception {
        byte[] data = {0, (byte) 0xFF, 7};
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), concat(
                frame(true, 0, PING, true, data),
                frame(true, 0, PONG, true, ascii("ok"))));

        assertEquals(2, recorder.events.size(), "events: " + recorder.events);
        assertArrayEquals(data, recorder.pings.get(0), "ping data to echo");
        assertEquals("pong:ok", recorder.events.get(1), "pong");
    }

    @Test
    void acceptsAControlFrameOf125Bytes() throws Exception {
        String data = pattern(125);

        assertEquals(List.of("ping:" + data), readAll(frame(true, 0, PING, true, ascii(data))), "events");
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

        feed(reader, concat(frame(true, 0, PONG, true, ascii("x")), text("4after")));

        assertEquals(List.of("4after"), texts, "a pong is ignored by default");
    }

    // ---------------------------------------------------------------- close frames

    @Test
    void reportsACloseFrameWithCodeAndReason() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, close(1000, "bye"));

        assertEquals(List.of("close:1000:bye"), recorder.events, "events");
        assertTrue(reader.isDone(), "a close frame finishes the reader");
    }

    @Test
    void reportsACloseFrameWithAMultiByteReason() throws Exception {
        assertEquals(List.of("close:1001:adiós €"), readAll(close(1001, "adiós €")), "events");
    }

    @Test
    void reportsAnEmptyCloseFrameAsNoStatus() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, frame(true, 0, CLOSE, true, new byte[0]));

        assertEquals(List.of("close:1005:"), recorder.events, "events");
        assertTrue(reader.isDone(), "an empty close frame finishes the reader");
    }

    @Test
    void reportsACloseFrameWithCodeButNoReason() throws Exception {
        assertEquals(List.of("close:1001:"), readAll(close(1001, "")), "events");
    }

    @Test
    void rejectsACloseFrameOfOneByte() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, 0, CLOSE, true, new byte[] {0x03}));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void rejectsACloseCodeThatMayNotBeSentOnTheWire(int code) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, close(code, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void acceptsAValidCloseCode(int code) throws Exception {
        assertEquals(List.of("close:" + code + ":why"), readAll(close(code, "why")), "events");
    }

    @Test
    void rejectsACloseReasonThatIsNotUtf8() {
        byte[] payload = {0x03, (byte) 0xE8, (byte) 0xC3, 0x28};

        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, frame(true, 0, CLOSE, true, payload));
    }

    @Test
    void acceptsACloseFrameOf125Bytes() throws Exception {
        String reason = pattern(123);

        assertEquals(List.of("close:1000:" + reason), readAll(close(1000, reason)), "events");
    }

    @Test
    void ignoresInputAfterACloseFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, concat(text("4before"), close(1000, "bye"), text("4same buffer")));
        feed(reader, text("4later"));
        feed(reader, frame(true, 0x4, 0x3, false, ascii("garbage: unmasked, reserved bit, bad opcode")));

        assertEquals(List.of("text:4before", "close:1000:bye"), recorder.events, "events");
        assertTrue(reader.isDone(), "done after the close frame");
    }

    @Test
    void ignoresInputAfterACloseFrameInsideAFragmentedMessage() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, concat(frame(false, 0, TEXT, true, ascii("4a")), close(1001, "")));
        feed(reader, frame(true, 0, CONTINUATION, true, ascii("b")));

        assertEquals(List.of("close:1001:"), recorder.events, "the unfinished message is dropped");
        assertTrue(reader.isDone(), "done after the close frame");
    }

    // ---------------------------------------------------------------- protocol errors

    @Test
    void rejectsAnUnmaskedFrame() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, 0, TEXT, false, ascii("4hello")));
    }

    @Test
    void rejectsAnUnmaskedFrameFromItsFirstTwoBytes() {
        byte[] frame = frame(true, 0, TEXT, false, ascii("4hello"));

        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, slice(frame, 0, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4, 0x2, 0x1, 0x7})
    void rejectsAFrameWithAReservedBitSet(int rsv) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, rsv, TEXT, true, ascii("4hello")));
    }

    @Test
    void rejectsAControlFrameWithAReservedBitSet() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, 0x4, PING, true, ascii("x")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void rejectsAnUnknownOpcode(int opcode) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, 0, opcode, true, ascii("x")));
    }

    @Test
    void rejectsAContinuationWithoutAMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(true, 0, CONTINUATION, true, ascii("x")));
    }

    @Test
    void rejectsAContinuationAfterAFinishedFragmentedMessage() {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] stream = concat(
                frame(false, 0, TEXT, true, ascii("a")),
                frame(true, 0, CONTINUATION, true, ascii("b")),
                frame(true, 0, CONTINUATION, true, ascii("c")));

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> feed(reader, stream));

        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of("text:ab"), recorder.events, "the finished message was delivered");
    }

    @Test
    void rejectsANewTextFrameInsideAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR,
                frame(false, 0, TEXT, true, ascii("4a")),
                frame(true, 0, TEXT, true, ascii("4b")));
    }

    @Test
    void rejectsANewBinaryFrameInsideAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR,
                frame(false, 0, BINARY, true, new byte[] {1}),
                frame(false, 0, BINARY, true, new byte[] {2}));
    }

    @Test
    void rejectsAControlFrameWithA126BytePayload() {
        byte[] frame = frame(true, 0, PING, true, ascii(pattern(126)));
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");

        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame);
    }

    @Test
    void rejectsACloseFrameWithA126BytePayload() {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, close(1000, pattern(124)));
    }

    @ParameterizedTest
    @ValueSource(ints = {PING, PONG, CLOSE})
    void rejectsAFragmentedControlFrame(int opcode) {
        assertRejected(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, frame(false, 0, opcode, true, new byte[] {0x03, (byte) 0xE8}));
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
                () -> feed(reader, text("01234567890")));

        assertEquals(WebSocketProtocol.CLOSE_TOO_BIG, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of(), recorder.events, "no events");
    }

    @Test
    void rejectsABinaryMessageOverTheLimit() {
        assertRejectedWithLimit(10, WebSocketProtocol.CLOSE_TOO_BIG, frame(true, 0, BINARY, true, new byte[11]));
    }

    @Test
    void rejectsAMessageOverTheLimitOnceItsHeaderArrived() {
        byte[] frame = text(pattern(70_000));
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
                frame(false, 0, TEXT, true, ascii("012345")),
                frame(false, 0, CONTINUATION, true, ascii("")),
                frame(true, 0, CONTINUATION, true, ascii("67890")));
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
        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, frame(true, 0, TEXT, true, hex(hex)));
    }

    @Test
    void rejectsInvalidUtf8InAFragmentedMessage() {
        assertRejected(WebSocketProtocol.CLOSE_INVALID_PAYLOAD,
                frame(false, 0, TEXT, true, hex("34c3")),
                frame(true, 0, CONTINUATION, true, hex("28")));
    }

    @Test
    void acceptsInvalidUtf8InABinaryMessage() throws Exception {
        assertEquals(List.of("binary:2"), readAll(frame(true, 0, BINARY, true, hex("c0af"))), "events");
    }

    @Test
    void deliversTheFramesBeforeAnErrorInTheSameBuffer() {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] stream = concat(text("4ok"), frame(true, 0, TEXT, false, ascii("4bad")), text("4never"));

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> feed(reader, stream));

        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, e.closeCode(), "close code of " + e.getMessage());
        assertEquals(List.of("text:4ok"), recorder.events, "events before the error");
    }

    @Test
    void ignoresInputAfterAnException() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        assertThrows(WebSocketProtocolException.class, () -> feed(reader, frame(true, 0, TEXT, false, ascii("4bad"))));

        assertTrue(reader.isDone(), "done after an error");
        feed(reader, text("4later"));
        feed(reader, frame(true, 0, TEXT, false, ascii("unmasked again")));

        assertEquals(List.of(), recorder.events, "no events after the error");
        assertTrue(reader.isDone(), "still done");
    }

    @Test
    void ignoresInputAfterAnExceptionThrownMidPayload() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
        byte[] invalid = frame(true, 0, TEXT, true, hex("c0af"));
        assertThrows(WebSocketProtocolException.class, () -> feed(reader, invalid));

        feed(reader, text("4later"));

        assertEquals(List.of(), recorder.events, "no events after the error");
    }

    @Test
    void isNotDoneBeforeAnythingArrived() {
        assertFalse(new WebSocketFrameReader(NO_LIMIT, new RecordingFrameListener()).isDone(), "a new reader is not done");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A client frame as RFC 6455 section 5.2 lays it out, with the shortest length encoding
     * (7, 16 or 64 bits) and, if masked, a random mask key.
     *
     * @param rsv the three reserved bits, 0 to 7 (RSV1 is 4)
     */
    private byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        long length = payload.length;
        if (length < 126) {
            out.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >> 8) & 0xFF);
            out.write((int) length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >> shift) & 0xFF);
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            random.nextBytes(key);
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    private byte[] text(String message) {
        return frame(true, 0, TEXT, true, bytes(message));
    }

    private byte[] close(int code, String reason) {
        byte[] utf8 = bytes(reason);
        byte[] payload = new byte[2 + utf8.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(utf8, 0, payload, 2, utf8.length);
        return frame(true, 0, CLOSE, true, payload);
    }

    /** Text, ping, binary, 16- and 64-bit lengths, a fragmented message, pong and close. */
    private byte[] mixedStream() {
        return concat(
                text("4hello"),
                frame(true, 0, PING, true, ascii("p1")),
                text(pattern(300)),
                frame(true, 0, BINARY, true, randomBytes(3)),
                text(""),
                frame(false, 0, TEXT, true, bytes("4é€")),
                frame(true, 0, PING, true, ascii("p2")),
                frame(false, 0, CONTINUATION, true, slice(bytes("😀"), 0, 1)),
                frame(true, 0, CONTINUATION, true, concat(slice(bytes("😀"), 1, 4), bytes("!"))),
                text(pattern(70_000)),
                frame(true, 0, PONG, true, ascii("p3")),
                close(4000, "done"));
    }

    private static void feed(WebSocketFrameReader reader, byte[] bytes) throws WebSocketProtocolException {
        reader.read(bytes, 0, bytes.length);
    }

    private void feedInRandomPieces(WebSocketFrameReader reader, byte[] bytes, int maxPiece)
            throws WebSocketProtocolException {
        int position = 0;
        while (position < bytes.length) {
            int length = Math.min(bytes.length - position, 1 + random.nextInt(maxPiece));
            reader.read(bytes, position, length);
            position += length;
        }
    }

    private static List<String> readAll(byte[] bytes) throws WebSocketProtocolException {
        RecordingFrameListener recorder = new RecordingFrameListener();
        feed(new WebSocketFrameReader(NO_LIMIT, recorder), bytes);
        return recorder.events;
    }

    private static void assertRejected(int closeCode, byte[]... frames) {
        assertRejectedWithLimit(NO_LIMIT, closeCode, frames);
    }

    private static void assertRejectedWithLimit(long limit, int closeCode, byte[]... frames) {
        byte[] stream = concat(frames);
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(limit, recorder);

        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> feed(reader, stream),
                "should reject " + HexFormat.of().formatHex(stream, 0, Math.min(stream.length, 32)));

        assertEquals(closeCode, e.closeCode(), "close code of \"" + e.getMessage() + "\"");
        assertTrue(reader.isDone(), "the reader is done after an error");
        assertEquals(List.of(), recorder.events.stream().filter(ev -> !ev.startsWith("ping:")).toList(),
                "no message delivered for a rejected stream");
    }

    /** Printable ASCII that differs at every position modulo 4, so mask mistakes show. */
    private static String pattern(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + (i * 7 + i / 95) % 94));
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
