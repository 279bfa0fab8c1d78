package io.jakartio.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Builds client frames for {@link WebSocketFrameReader} tests, masked as RFC 6455 section 5.2 lays
 * them out, and feeds them to a reader. The instance methods draw mask keys, random payloads and
 * splits from a seeded {@link Random}; create one instance per test (a field of the test class) so
 * every test sees the same bytes. The static methods are reading, assertion and byte helpers.
 */
final class ClientFrames {

    static final long SEED = 0x6455_f4a3L;
    static final long NO_LIMIT = 100_000_000L;

    static final int CONTINUATION = WebSocketProtocol.OPCODE_CONTINUATION;
    static final int TEXT = WebSocketProtocol.OPCODE_TEXT;
    static final int BINARY = WebSocketProtocol.OPCODE_BINARY;
    static final int CLOSE = WebSocketProtocol.OPCODE_CLOSE;
    static final int PING = WebSocketProtocol.OPCODE_PING;
    static final int PONG = WebSocketProtocol.OPCODE_PONG;

    private final Random random;

    ClientFrames(long seed) {
        this.random = new Random(seed);
    }

    /** The random source of the mask keys, for tests that draw their own random choices. */
    Random random() {
        return random;
    }

    /**
     * A client frame as RFC 6455 section 5.2 lays it out, with the shortest length encoding
     * (7, 16 or 64 bits) and, if masked, a random mask key.
     *
     * @param rsv the three reserved bits, 0 to 7 (RSV1 is 4)
     */
    byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
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

    byte[] text(String message) {
        return frame(true, 0, TEXT, true, bytes(message));
    }

    byte[] close(int code, String reason) {
        byte[] utf8 = bytes(reason);
        byte[] payload = new byte[2 + utf8.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(utf8, 0, payload, 2, utf8.length);
        return frame(true, 0, CLOSE, true, payload);
    }

    /** Text, ping, binary, 16- and 64-bit lengths, a fragmented message, pong and close. */
    byte[] mixedStream() {
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

    static void feed(WebSocketFrameReader reader, byte[] bytes) throws WebSocketProtocolException {
        reader.read(bytes, 0, bytes.length);
    }

    void feedInRandomPieces(WebSocketFrameReader reader, byte[] bytes, int maxPiece)
            throws WebSocketProtocolException {
        int position = 0;
        while (position < bytes.length) {
            int length = Math.min(bytes.length - position, 1 + random.nextInt(maxPiece));
            reader.read(bytes, position, length);
            position += length;
        }
    }

    static List<String> readAll(byte[] bytes) throws WebSocketProtocolException {
        RecordingFrameListener recorder = new RecordingFrameListener();
        feed(new WebSocketFrameReader(NO_LIMIT, recorder), bytes);
        return recorder.events;
    }

    static void assertRejected(int closeCode, byte[]... frames) {
        assertRejectedWithLimit(NO_LIMIT, closeCode, frames);
    }

    static void assertRejectedWithLimit(long limit, int closeCode, byte[]... frames) {
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
    static String pattern(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + (i * 7 + i / 95) % 94));
        }
        return text.toString();
    }

    byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
