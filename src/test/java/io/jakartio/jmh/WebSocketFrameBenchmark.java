package io.jakartio.jmh;

import io.jakartio.engine.PacketFrames;
import io.jakartio.parser.EnginePacket;
import io.jakartio.websocket.WebSocketFrameReader;
import io.jakartio.websocket.WebSocketFrameWriter;
import io.jakartio.websocket.WebSocketProtocolException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Jakartio's own WebSocket framing on the hot path: building the server frame of a chat event
 * (once per broadcast, then shared by every recipient) and reading a client's masked frame of
 * the same size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WebSocketFrameBenchmark {

    private static final String CHAT_EVENT = "42[\"chat message\",\"hello everyone, this is a typical chat line \u2713\"]";

    private byte[] maskedClientFrame;
    private WebSocketFrameReader reader;
    private Blackhole sink;

    @Setup
    public void prepare(Blackhole blackhole) {
        sink = blackhole;
        byte[] frame = WebSocketFrameWriter.text(CHAT_EVENT);
        int length = frame.length - 2; // a short frame: 2-byte header
        byte[] mask = new byte[4];
        new Random(7).nextBytes(mask);
        maskedClientFrame = new byte[2 + 4 + length];
        maskedClientFrame[0] = frame[0];
        maskedClientFrame[1] = (byte) (0x80 | length);
        System.arraycopy(mask, 0, maskedClientFrame, 2, 4);
        for (int i = 0; i < length; i++) {
            maskedClientFrame[6 + i] = (byte) (frame[2 + i] ^ mask[i & 3]);
        }
        reader = new WebSocketFrameReader(1_000_000, new WebSocketFrameReader.Listener() {
            @Override
            public void onText(String message) {
                sink.consume(message);
            }

            @Override
            public void onBinary(byte[] message) {
                sink.consume(message);
            }

            @Override
            public void onPing(byte[] data) {
                sink.consume(data);
            }

            @Override
            public void onClose(int code, String reason) {
                sink.consume(code);
            }
        });
    }

    /** The frame a broadcast builds once: header + UTF-8 payload of a fresh packet. */
    @Benchmark
    public byte[] frameAChatEventForABroadcast() {
        return PacketFrames.of(EnginePacket.message(CHAT_EVENT.substring(1)));
    }

    /** A client's masked text frame, unmasked, UTF-8 checked and decoded. */
    @Benchmark
    public void readAMaskedClientFrame() throws WebSocketProtocolException {
        reader.read(maskedClientFrame, 0, maskedClientFrame.length);
    }
}
