package io.jakartio.jmh;

import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.EngineCodec;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketDecoder;
import io.jakartio.parser.SocketPacketEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The packet codecs on the hot path: encoding a chat event (text) and an event with a 1 KB
 * binary attachment, decoding both, and framing/unframing a long-polling payload of 10 packets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {

    private final SocketPacketEncoder encoder = new SocketPacketEncoder(null);
    private SocketPacket chatEvent;
    private SocketPacket binaryEvent;
    private String chatText;
    private String binaryHeader;
    private byte[] attachment;
    private List<EnginePacket> tenPackets;
    private String tenPacketPayload;

    @Setup
    public void prepare() {
        chatEvent = SocketPacket.event("/", "chat message", "hello everyone, this is a typical chat line \u2713");
        attachment = new byte[1024];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) i;
        }
        binaryEvent = SocketPacket.event("/", "upload", Map.of("name", "file.bin", "data", attachment));
        chatText = encoder.encode(chatEvent).text();
        binaryHeader = encoder.encode(binaryEvent).text();
        tenPackets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenPackets.add(EnginePacket.message(chatText));
        }
        tenPacketPayload = EngineCodec.encodePayload(tenPackets);
    }

    @Benchmark
    public EncodedPacket encodeTextEvent() {
        return encoder.encode(chatEvent);
    }

    @Benchmark
    public EncodedPacket encodeBinaryEvent() {
        return encoder.encode(binaryEvent);
    }

    @Benchmark
    public SocketPacket decodeTextEvent() throws PacketParseException {
        return new SocketPacketDecoder(10).decode(chatText);
    }

    @Benchmark
    public SocketPacket decodeBinaryEvent() throws PacketParseException {
        SocketPacketDecoder decoder = new SocketPacketDecoder(10);
        decoder.decode(binaryHeader);
        return decoder.decode(attachment);
    }

    @Benchmark
    public String framePollingPayloadOfTenPackets() {
        // Fresh packets: their polling text would otherwise be cached across calls.
        List<EnginePacket> packets = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            packets.add(EnginePacket.message(chatText));
        }
        return EngineCodec.encodePayload(packets);
    }

    @Benchmark
    public List<EnginePacket> unframePollingPayloadOfTenPackets() throws PacketParseException {
        return EngineCodec.decodePayload(tenPacketPayload);
    }
}
