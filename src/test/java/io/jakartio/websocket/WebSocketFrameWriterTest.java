package io.jakartio.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketFrameWriterTest {

    private static final long SEED = 0x6455_0a1cL;

    private final Random random = new Random(SEED);

    // ---------------------------------------------------------------- header and length

    @ParameterizedTest
    @CsvSource({
        "0,     8200",
        "1,     8201",
        "125,   827d",
        "126,   827e007e",
        "127,   827e007f",
        "65535, 827effff",
        "65536, 827f0000000000010000",
        "70000, 827f0000000000011170",
    })
    void encodesTheLengthWithTheShortestOfItsThreeForms(int length, String header) {
        byte[] payload = randomBytes(length);

        byte[] frame = WebSocketFrameWriter.binary(payload);

        byte[] expectedHeader = HexFormat.of().parseHex(header);
        assertEquals(expectedHeader.length + length, frame.length, "frame length");
        assertEquals(HexFormat.of().formatHex(expectedHeader),
                HexFormat.of().formatHex(frame, 0, expectedHeader.length), "header");
        assertArrayEquals(payload, Arrays.copyOfRange(frame, expectedHeader.length, frame.length), "payload after the header");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void encodesTextFramesOfEveryLengthForm(int length) {
        String text = "x".repeat(length);

        byte[] frame = WebSocketFrameWriter.text(text);

        int headerLength = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        assertEquals(0x81, frame[0] & 0xFF, "final text frame");
        assertEquals(headerLength + length, frame.length, "frame length");
        assertEquals(length, payloadLength(frame), "length field");
        assertEquals(0, frame[1] & 0x80, "server frames are not masked");
        assertEquals(text, new String(frame, headerLength, length, StandardCharsets.UTF_8), "payload");
    }

    @Test
    void setsFinAndTheOpcodeOfEachFrameType() {
        assertEquals(0x81, WebSocketFrameWriter.text("4")[0] & 0xFF, "text");
        assertEquals(0x82, WebSocketFrameWriter.binary(new byte[] {1})[0] & 0xFF, "binary");
        assertEquals(0x8A, WebSocketFrameWriter.pong(new byte[0])[0] & 0xFF, "pong");
        assertEquals(0x88, WebSocketFrameWriter.close(1000, "")[0] & 0xFF, "close");
    }

    @Test
    void encodesTheExampleOfItsDocumentation() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x06, '4', 'h', 'e', 'l', 'l', 'o'},
                WebSocketFrameWriter.text("4hello"), "text frame of 4hello");
    }

    @Test
    void encodesAnEmptyTextFrame() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x00}, WebSocketFrameWriter.text(""), "empty text frame");
    }

    @Test
    void encodesTextAsUtf8() {
        byte[] frame = WebSocketFrameWriter.text("é€😀");

        assertArrayEquals(HexFormat.of().parseHex("8109" + "c3a9" + "e282ac" + "f09f9880"), frame, "UTF-8 payload");
    }

    @Test
    void countsTheLengthOfTextInBytesNotCharacters() {
        String text = "€".repeat(50); // 50 chars, 150 bytes

        byte[] frame = WebSocketFrameWriter.text(text);

        assertEquals(126, frame[1] & 0xFF, "a 16-bit length");
        assertEquals(150, payloadLength(frame), "length in bytes");
        assertEquals(4 + 150, frame.length, "frame length");
    }

    @Test
    void echoesPingDataInAPong() {
        assertArrayEquals(new byte[] {(byte) 0x8A, 0x03, 1, (byte) 0xFF, 0},
                WebSocketFrameWriter.pong(new byte[] {1, (byte) 0xFF, 0}), "pong frame");
        assertArrayEquals(new byte[] {(byte) 0x8A, 0x00}, WebSocketFrameWriter.pong(new byte[0]), "empty pong");
    }

    @Test
    void copiesThePayloadSoLaterChangesDoNotAlterTheFrame() {
        byte[] data = {1, 2, 3};

        byte[] frame = WebSocketFrameWriter.binary(data);
        data[0] = 9;

        assertArrayEquals(new byte[] {(byte) 0x82, 0x03, 1, 2, 3}, frame, "frame unchanged");
    }

    // ---------------------------------------------------------------- close

    @Test
    void encodesACloseFrameWithCodeAndReason() {
        assertArrayEquals(new byte[] {(byte) 0x88, 0x05, 0x03, (byte) 0xE8, 'b', 'y', 'e'},
                WebSocketFrameWriter.close(1000, "bye"), "close frame");
    }

    @Test
    void encodesACloseFrameWithoutAReason() {
        assertArrayEquals(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE9},
                WebSocketFrameWriter.close(1001, ""), "empty reason");
        assertArrayEquals(new byte[] {(byte) 0x88, 0x02, 0x0F, (byte) 0xA0},
                WebSocketFrameWriter.close(4000, null), "null reason");
    }

    @Test
    void keepsACloseReasonOf123Bytes() {
        String reason = "r".repeat(123);

        byte[] frame = WebSocketFrameWriter.close(1000, reason);

        assertEquals(125, frame[1], "the largest control payload");
        assertEquals(reason, new String(frame, 4, 123, StandardCharsets.UTF_8), "whole reason");
    }

    @Test
    void cutsAnAsciiCloseReasonTo123Bytes() {
        byte[] frame = WebSocketFrameWriter.close(1000, "r".repeat(124));

        assertEquals(127, frame.length, "2 header bytes and 125 payload bytes");
        assertEquals(125, frame[1], "the largest control payload");
        assertEquals("r".repeat(123), new String(frame, 4, 123, StandardCharsets.UTF_8), "reason cut");
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀", "a€", "aé", "ab😀", "a😀", "😀é€"})
    void cutsALongCloseReasonWithoutSplittingACharacter(String unit) throws Exception {
        String reason = unit.repeat(200);

        byte[] frame = WebSocketFrameWriter.close(1008, reason);

        assertCutReason(reason, frame, 1008);
    }

    @Test
    void cutsRandomMultiByteCloseReasonsWithoutSplittingACharacter() throws Exception {
        int[] codePoints = {'a', 'é', 'ß', '€', '中', 0x1F600, 0x10FFFF, 0x7FF, 0x800, 0xFFFF};
        for (int round = 0; round < 200; round++) {
            StringBuilder reason = new StringBuilder();
            while (reason.length() < 200) {
                reason.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }

            byte[] frame = WebSocketFrameWriter.close(1000, reason.toString());

            assertCutReason(reason.toString(), frame, 1000);
        }
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void framesReadBackByTheReaderAfterMasking() throws Exception {
        String small = "4hello é€😀";
        String medium = "€".repeat(100);
        String large = "ab€😀".repeat(10_000);
        byte[] binary = randomBytes(65_536);
        List<byte[]> frames = List.of(
                WebSocketFrameWriter.text(small),
                WebSocketFrameWriter.text(""),
                WebSocketFrameWriter.pong("hi".getBytes(StandardCharsets.US_ASCII)),
                WebSocketFrameWriter.text(medium),
                WebSocketFrameWriter.binary(binary),
                WebSocketFrameWriter.text(large),
                WebSocketFrameWriter.close(1000, "bye"));
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(1_000_000, recorder);

        for (byte[] frame : frames) {
            byte[] masked = mask(frame);
            reader.read(masked, 0, masked.length);
        }

        assertEquals(List.of("text:" + small, "text:", "pong:hi", "text:" + medium, "binary:65536",
                "text:" + large, "close:1000:bye"), recorder.events, "events");
        assertArrayEquals(binary, recorder.binaries.get(0), "binary payload");
    }

    @Test
    void cutCloseReasonsAreReadBackByTheReader() throws Exception {
        String reason = "😀é".repeat(100);
        byte[] masked = mask(WebSocketFrameWriter.close(4000, reason));
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(1_000, recorder);

        reader.read(masked, 0, masked.length);

        assertEquals(1, recorder.events.size(), "events: " + recorder.events);
        String event = recorder.events.get(0);
        assertTrue(event.startsWith("close:4000:"), "a close event: " + event);
        assertTrue(reason.startsWith(event.substring("close:4000:".length())), "reason is a prefix: " + event);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertCutReason(String reason, byte[] frame, int code) throws CharacterCodingException {
        assertEquals(0x88, frame[0] & 0xFF, "close frame");
        int payloadLength = frame[1];
        assertTrue(payloadLength <= 125, "control payload too long: " + payloadLength);
        assertEquals(2 + payloadLength, frame.length, "frame length");
        assertEquals(code, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF), "close code");
        int reasonLength = payloadLength - 2;
        assertTrue(reasonLength <= 123, "reason too long: " + reasonLength);

        String cut = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(frame, 4, reasonLength))
                .toString();

        assertTrue(reason.startsWith(cut), "the cut reason is a prefix of the reason: " + cut);
        int next = reason.codePointAt(cut.length());
        int nextBytes = new String(Character.toChars(next)).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(reasonLength + nextBytes > 123,
                "as many whole characters as fit: " + reasonLength + " bytes, next needs " + nextBytes);
    }

    /** Makes a client frame of a server frame: sets the mask bit, adds a key, masks the payload. */
    private byte[] mask(byte[] frame) {
        int length7 = frame[1] & 0x7F;
        int headerLength = length7 < 126 ? 2 : length7 == 126 ? 4 : 10;
        byte[] key = new byte[4];
        random.nextBytes(key);
        byte[] masked = new byte[frame.length + 4];
        System.arraycopy(frame, 0, masked, 0, headerLength);
        masked[1] |= (byte) 0x80;
        System.arraycopy(key, 0, masked, headerLength, 4);
        for (int i = headerLength; i < frame.length; i++) {
            int index = i - headerLength;
            masked[i + 4] = (byte) (frame[i] ^ key[index & 3]);
        }
        return masked;
    }

    private static long payloadLength(byte[] frame) {
        int length7 = frame[1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (frame[2 + i] & 0xFF);
        }
        return value;
    }

    private byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }
}
