package io.jakartio.websocket;

import static io.jakartio.websocket.ClientFrames.BINARY;
import static io.jakartio.websocket.ClientFrames.CONTINUATION;
import static io.jakartio.websocket.ClientFrames.NO_LIMIT;
import static io.jakartio.websocket.ClientFrames.PING;
import static io.jakartio.websocket.ClientFrames.PONG;
import static io.jakartio.websocket.ClientFrames.SEED;
import static io.jakartio.websocket.ClientFrames.TEXT;
import static io.jakartio.websocket.ClientFrames.ascii;
import static io.jakartio.websocket.ClientFrames.bytes;
import static io.jakartio.websocket.ClientFrames.concat;
import static io.jakartio.websocket.ClientFrames.feed;
import static io.jakartio.websocket.ClientFrames.hex;
import static io.jakartio.websocket.ClientFrames.pattern;
import static io.jakartio.websocket.ClientFrames.readAll;
import static io.jakartio.websocket.ClientFrames.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of {@link WebSocketFrameReader} on data frames, frames arriving in pieces and fragmentation. */
class WebSocketFrameReaderTest {

    /** Mask keys and splits; a new instance (same seed) for every test. */
    private final ClientFrames client = new ClientFrames(SEED);

    // ---------------------------------------------------------------- data frames

    @Test
    void readsAMaskedTextFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, client.text("4hello"));

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
        byte[] frame = client.text("4hi");
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
        assertEquals(List.of("text:"), readAll(client.text("")), "events");
    }

    @Test
    void readsAnEmptyBinaryFrame() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), client.frame(true, 0, BINARY, true, new byte[0]));

        assertEquals(List.of("binary:0"), recorder.events, "events");
        assertArrayEquals(new byte[0], recorder.binaries.get(0), "payload");
    }

    @Test
    void readsEmptyFramesBetweenOtherFramesInOneBuffer() throws Exception {
        byte[] stream = concat(client.text(""), client.text("a"), client.frame(true, 0, PING, true, new byte[0]), client.text(""));

        assertEquals(List.of("text:", "text:a", "ping:", "text:"), readAll(stream), "events");
    }

    @Test
    void readsABinaryFrame() throws Exception {
        byte[] data = {0, 1, (byte) 0x80, (byte) 0xFF, 127, -128, 42};
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), client.frame(true, 0, BINARY, true, data));

        assertEquals(List.of("binary:7"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload unmasked");
    }

    @Test
    void readsA16BitLength() throws Exception {
        String message = pattern(300);
        byte[] frame = client.text(message);
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");
        assertEquals(300, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF), "the 16-bit length");

        assertEquals(List.of("text:" + message), readAll(frame), "events");
    }

    @Test
    void readsTheLargest16BitLength() throws Exception {
        byte[] data = client.randomBytes(65_535);
        byte[] frame = client.frame(true, 0, BINARY, true, data);
        assertEquals(126, frame[1] & 0x7F, "the helper used the 16-bit length");
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), frame);

        assertEquals(List.of("binary:65535"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload");
    }

    @Test
    void readsA64BitLength() throws Exception {
        String message = pattern(70_000);
        byte[] frame = client.text(message);
        assertEquals(127, frame[1] & 0x7F, "the helper used the 64-bit length");

        assertEquals(List.of("text:" + message), readAll(frame), "events");
    }

    @Test
    void readsA64BitLengthBinaryFrameArrivingInRandomPieces() throws Exception {
        byte[] data = client.randomBytes(70_000);
        byte[] frame = client.frame(true, 0, BINARY, true, data);
        RecordingFrameListener recorder = new RecordingFrameListener();

        client.feedInRandomPieces(new WebSocketFrameReader(NO_LIMIT, recorder), frame, 5000);

        assertEquals(List.of("binary:70000"), recorder.events, "events");
        assertArrayEquals(data, recorder.binaries.get(0), "payload, unmasked across chunk growth");
    }

    @Test
    void readsAMessageOfExactlyTheLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(10, recorder), client.text("0123456789"));

        assertEquals(List.of("text:0123456789"), recorder.events, "a message of the limit is accepted");
    }

    @Test
    void readsAFragmentedMessageOfExactlyTheLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, ascii("01234")),
                client.frame(true, 0, CONTINUATION, true, ascii("56789")));

        feed(new WebSocketFrameReader(10, recorder), stream);

        assertEquals(List.of("text:0123456789"), recorder.events, "a message of the limit is accepted");
    }

    @Test
    void doesNotCountControlFramesTowardsTheMessageLimit() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, ascii("01234")),
                client.frame(true, 0, PING, true, ascii(pattern(125))),
                client.frame(true, 0, CONTINUATION, true, ascii("56789")));

        feed(new WebSocketFrameReader(10, recorder), stream);

        assertEquals(List.of("ping:" + pattern(125), "text:0123456789"), recorder.events, "events");
    }

    @Test
    void deliversBinaryArraysThatLaterFramesDoNotOverwrite() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

        feed(reader, client.frame(true, 0, BINARY, true, new byte[] {1, 2, 3}));
        feed(reader, client.frame(true, 0, BINARY, true, new byte[] {4, 5, 6}));
        feed(reader, concat(client.frame(false, 0, BINARY, true, new byte[] {7}),
                client.frame(true, 0, CONTINUATION, true, new byte[] {8, 9})));

        assertEquals(List.of("binary:3", "binary:3", "binary:3"), recorder.events, "events");
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0), "first message");
        assertArrayEquals(new byte[] {4, 5, 6}, recorder.binaries.get(1), "second message");
        assertArrayEquals(new byte[] {7, 8, 9}, recorder.binaries.get(2), "fragmented message");
    }

    // ---------------------------------------------------------------- pieces

    @Test
    void deliversTheSameEventsWhenFedOneByteAtATime() throws Exception {
        byte[] stream = client.mixedStream();
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
        byte[] stream = client.mixedStream();
        List<String> whole = readAll(stream);
        assertEquals(10, whole.size(), "the stream's events: " + whole);

        for (int round = 0; round < 50; round++) {
            RecordingFrameListener recorder = new RecordingFrameListener();
            WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);
            client.feedInRandomPieces(reader, stream, round % 2 == 0 ? 7 : 20_000);
            assertEquals(whole, recorder.events, "events of random pieces, round " + round);
        }
    }

    @Test
    void deliversTheSameEventsWhateverTheSplitPointOfTwoPieces() throws Exception {
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, bytes("é€")),
                client.frame(true, 0, PING, true, ascii("p")),
                client.frame(true, 0, CONTINUATION, true, bytes("😀")),
                client.text(pattern(130)),
                client.close(1000, "bye"));
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
            int messages = 1 + client.random().nextInt(6);
            for (int m = 0; m < messages; m++) {
                boolean isText = client.random().nextBoolean();
                int target = lengths[client.random().nextInt(lengths.length)];
                byte[] payload;
                if (isText) {
                    StringBuilder text = new StringBuilder();
                    int utf8Length = 0;
                    while (utf8Length < target) {
                        int codePoint = codePoints[client.random().nextInt(codePoints.length)];
                        text.appendCodePoint(codePoint);
                        utf8Length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                    }
                    payload = bytes(text.toString());
                    expected.add("text:" + text);
                } else {
                    payload = client.randomBytes(target);
                    expected.add("binary:" + target);
                }
                int fragments = 1 + client.random().nextInt(4);
                int[] cuts = new int[fragments + 1];
                cuts[fragments] = payload.length;
                for (int f = 1; f < fragments; f++) {
                    cuts[f] = client.random().nextInt(payload.length + 1);
                }
                Arrays.sort(cuts, 1, fragments);
                List<String> controls = new ArrayList<>();
                for (int f = 0; f < fragments; f++) {
                    frames.add(client.frame(f == fragments - 1, 0, f == 0 ? (isText ? TEXT : BINARY) : CONTINUATION, true,
                            slice(payload, cuts[f], cuts[f + 1])));
                    if (f < fragments - 1 && client.random().nextBoolean()) {
                        String data = pattern(client.random().nextInt(126));
                        boolean ping = client.random().nextBoolean();
                        frames.add(client.frame(true, 0, ping ? PING : PONG, true, ascii(data)));
                        controls.add((ping ? "ping:" : "pong:") + data);
                    }
                }
                expected.addAll(expected.size() - 1, controls);
            }
            int code = 1000 + client.random().nextInt(4);
            frames.add(client.close(code, "end " + round));
            expected.add("close:" + code + ":end " + round);
            byte[] stream = concat(frames.toArray(new byte[0][]));
            RecordingFrameListener recorder = new RecordingFrameListener();
            WebSocketFrameReader reader = new WebSocketFrameReader(NO_LIMIT, recorder);

            client.feedInRandomPieces(reader, stream, 1 + client.random().nextInt(3000));

            assertEquals(expected, recorder.events, "events of round " + round);
            assertTrue(reader.isDone(), "done after the close frame, round " + round);
        }
    }

    @Test
    void acceptsReadsOfZeroBytes() throws Exception {
        byte[] frame = client.text("4x");
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
                client.frame(false, 0, TEXT, true, ascii("4hel")),
                client.frame(false, 0, CONTINUATION, true, ascii("lo ")),
                client.frame(true, 0, PING, true, ascii("are you there")),
                client.frame(true, 0, CONTINUATION, true, ascii("world")));

        assertEquals(List.of("ping:are you there", "text:4hello world"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedBinaryMessageAndReportsAPongBetweenFragmentsFirst() throws Exception {
        RecordingFrameListener recorder = new RecordingFrameListener();
        byte[] stream = concat(
                client.frame(false, 0, BINARY, true, new byte[] {1, 2}),
                client.frame(true, 0, PONG, true, ascii("pong")),
                client.frame(false, 0, CONTINUATION, true, new byte[0]),
                client.frame(true, 0, CONTINUATION, true, new byte[] {3}));

        feed(new WebSocketFrameReader(NO_LIMIT, recorder), stream);

        assertEquals(List.of("pong:pong", "binary:3"), recorder.events, "events");
        assertArrayEquals(new byte[] {1, 2, 3}, recorder.binaries.get(0), "joined payload");
    }

    @Test
    void joinsAFragmentedMessageWhoseFirstFragmentIsEmpty() throws Exception {
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, new byte[0]),
                client.frame(false, 0, CONTINUATION, true, new byte[0]),
                client.frame(true, 0, CONTINUATION, true, ascii("4x")));

        assertEquals(List.of("text:4x"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedMessageOfOnlyEmptyFragments() throws Exception {
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, new byte[0]),
                client.frame(true, 0, CONTINUATION, true, new byte[0]));

        assertEquals(List.of("text:"), readAll(stream), "events");
    }

    @Test
    void joinsAFragmentedMessageLargerThanAFirstChunk() throws Exception {
        String first = pattern(40_000);
        String second = pattern(33_333);
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, ascii(first)),
                client.frame(true, 0, CONTINUATION, true, ascii(second)));

        assertEquals(List.of("text:" + first + second), readAll(stream), "events");
    }

    @Test
    void readsAnotherMessageAfterAFragmentedOne() throws Exception {
        byte[] stream = concat(
                client.frame(false, 0, TEXT, true, ascii("4a")),
                client.frame(true, 0, CONTINUATION, true, ascii("b")),
                client.frame(false, 0, BINARY, true, new byte[] {1}),
                client.frame(true, 0, CONTINUATION, true, new byte[] {2}),
                client.text("4c"));

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
                        client.frame(false, 0, TEXT, true, slice(utf8, 0, first)),
                        client.frame(false, 0, CONTINUATION, true, slice(utf8, first, second)),
                        client.frame(true, 0, CONTINUATION, true, slice(utf8, second, utf8.length)));
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
            stream.writeBytes(client.frame(i == utf8.length - 1, 0, i == 0 ? TEXT : CONTINUATION, true,
                    new byte[] {utf8[i]}));
        }

        assertEquals(List.of("text:" + message), readAll(stream.toByteArray()), "events");
    }
}
