package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.parser.EnginePacket;
import io.jakartio.testing.ManualScheduler;
import io.jakartio.websocket.MessageDeflater;
import io.jakartio.websocket.MessageInflater;
import io.jakartio.websocket.PerMessageDeflate;
import io.jakartio.websocket.WebSocketFrameWriter;
import io.jakartio.websocket.WebSocketProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A native WebSocket with permessage-deflate agreed ({@link WebSocketSession} over a sink that
 * keeps the written arrays): a broadcast compressed once and its frame shared, the threshold,
 * the {@code compress} flag, per-connection compression with context takeover, compressed
 * client messages and the size limit on what they inflate to.
 */
class WebSocketSessionDeflateTest {

    /** Two kilobytes of seeded random letters: long enough to compress, too random to shrink much alone. */
    private static final String LONG = "2[\"chat\",\"" + letters(2_000) + "\"]";

    private final ManualScheduler clock = new ManualScheduler();

    @Test
    void aBroadcastIsCompressedOnceAndTheSameFrameWrittenToEveryConnection() throws Exception {
        List<RawSink> sinks = new ArrayList<>();
        EnginePacket broadcast = EnginePacket.message(LONG);
        for (int i = 0; i < 5; i++) {
            RawSink sink = new RawSink();
            open(sink, agreed(PerMessageDeflateOptions.defaults())).send(broadcast, error -> { });
            sinks.add(sink);
        }

        byte[] frame = sinks.get(0).frames.get(0);
        for (RawSink sink : sinks) {
            assertSame(frame, sink.frames.get(0), "one compressed frame for every recipient");
        }
        assertEquals(0xC1, frame[0] & 0xFF, "FIN, RSV1, text");
        assertTrue(frame.length < LONG.length(), "compressed to " + frame.length + " bytes");
        assertEquals("4" + LONG, inflate(frame, new MessageInflater(false)));
    }

    @Test
    void aMessageUnderTheThresholdIsSentUncompressed() {
        RawSink sink = new RawSink();

        open(sink, agreed(PerMessageDeflateOptions.defaults())).send(EnginePacket.message("2[\"hi\"]"), error -> { });

        assertEquals(0x81, sink.frames.get(0)[0] & 0xFF, "FIN, text, no RSV1");
    }

    @Test
    void aPacketWithItsCompressFlagOffIsSentUncompressedAndShared() {
        EnginePacket packet = EnginePacket.message(LONG).uncompressed();
        RawSink first = new RawSink();
        RawSink second = new RawSink();

        open(first, agreed(PerMessageDeflateOptions.defaults())).send(packet, error -> { });
        open(second, agreed(PerMessageDeflateOptions.defaults())).send(packet, error -> { });

        assertEquals(0x81, first.frames.get(0)[0] & 0xFF, "no RSV1");
        assertSame(first.frames.get(0), second.frames.get(0), "the uncompressed frame is shared as before");
    }

    @Test
    void withContextTakeoverEachConnectionCompressesInItsOwnContext() throws Exception {
        PerMessageDeflate takeover = agreed(PerMessageDeflateOptions.defaults().withServerNoContextTakeover(false));
        EnginePacket broadcast = EnginePacket.message(LONG);
        RawSink first = new RawSink();
        RawSink second = new RawSink();
        WebSocketSession one = open(first, takeover);
        open(second, takeover).send(broadcast, error -> { });

        one.send(broadcast, error -> { });
        one.send(EnginePacket.message(LONG), error -> { });

        assertNotSame(first.frames.get(0), second.frames.get(0), "compressed per connection");
        assertTrue(first.frames.get(1).length < first.frames.get(0).length / 4,
                "the second message refers to the first: " + first.frames.get(1).length + " bytes");
        MessageInflater client = new MessageInflater(false);
        assertEquals("4" + LONG, inflate(first.frames.get(0), client));
        assertEquals("4" + LONG, inflate(first.frames.get(1), client));
    }

    @Test
    void aCompressedClientMessageReachesTheEngineInflated() {
        RawSink sink = new RawSink();
        RecordingWebSocketHandler engine = new RecordingWebSocketHandler();
        WebSocketSession session = new WebSocketSession(sink, clock, 100_000, agreed(PerMessageDeflateOptions.defaults()));
        session.open(engine);
        byte[] message = ("4" + LONG).getBytes(StandardCharsets.UTF_8);

        byte[] frame = clientFrame(MessageDeflater.deflateAlone(message, 0, message.length));
        session.receive(frame, 0, frame.length);

        assertEquals(List.of("text:4" + LONG), engine.events());
    }

    @Test
    void aClientMessageInflatingPastMaxHttpBufferSizeClosesWith1009() {
        RawSink sink = new RawSink();
        RecordingWebSocketHandler engine = new RecordingWebSocketHandler();
        WebSocketSession session = new WebSocketSession(sink, clock, 10_000, agreed(PerMessageDeflateOptions.defaults()));
        session.open(engine);
        byte[] zeros = new byte[1_000_000];

        byte[] frame = clientFrame(MessageDeflater.deflateAlone(zeros, 0, zeros.length));
        session.receive(frame, 0, frame.length);

        byte[] close = sink.frames.get(0);
        assertEquals(0x88, close[0] & 0xFF, "a close frame");
        assertEquals(1009, ((close[2] & 0xFF) << 8) | (close[3] & 0xFF), "message too big");
        assertEquals(List.of("error:PayloadTooLargeException", "close"), engine.events(), "dropped once the close frame is flushed");
    }

    // ---------------------------------------------------------------- helpers

    private static String letters(int length) {
        Random random = new Random(7692);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static PerMessageDeflate agreed(PerMessageDeflateOptions options) {
        return options.negotiate(List.of("permessage-deflate; client_max_window_bits")).orElseThrow();
    }

    private WebSocketSession open(RawSink sink, PerMessageDeflate deflate) {
        WebSocketSession session = new WebSocketSession(sink, clock, 1_000_000, deflate);
        session.open(new RecordingWebSocketHandler());
        return session;
    }

    private static String inflate(byte[] frame, MessageInflater inflater) throws WebSocketProtocolException {
        int offset = WebSocketFrameWriter.payloadOffset(frame);
        return new String(inflater.inflate(frame, offset, frame.length - offset, 10_000_000), StandardCharsets.UTF_8);
    }

    /** A masked, compressed, final text frame as a client sends it. */
    private static byte[] clientFrame(byte[] deflated) {
        byte[] unmasked = WebSocketFrameWriter.compressed(false, deflated);
        int offset = WebSocketFrameWriter.payloadOffset(unmasked);
        byte[] mask = new byte[4];
        new Random(7).nextBytes(mask);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(unmasked[0]);
        out.write(unmasked[1] | 0x80);
        out.write(unmasked, 2, offset - 2);
        out.writeBytes(mask);
        for (int i = offset; i < unmasked.length; i++) {
            out.write(unmasked[i] ^ mask[(i - offset) & 3]);
        }
        return out.toByteArray();
    }

    /** Keeps the arrays written, to tell a shared frame from a copy. */
    private static final class RawSink implements FrameSink {
        final List<byte[]> frames = new ArrayList<>();

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void write(byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
