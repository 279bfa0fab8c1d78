package io.jakartio.jmh;

import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.Scheduler;
import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.InMemoryWebConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's side of one echo with acknowledgement (bench/'s echo scenario) on Jakartio's own
 * WebSocket, in memory: the client's masked frame {@code 42<id>["echo","<64 chars>"]} read,
 * unmasked, decoded and dispatched to the bench's {@code echo} listener, which acknowledges with
 * its arguments; the {@code 43<id>[…]} packet encoded, framed, written to the servlet stream and
 * flushed. No sockets and no threads: the CPU Jakartio spends per round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EchoAckBenchmark {

    /** A client's masked text frame {@code 40} (CONNECT to "/"), with an all-zero mask. */
    private static final byte[] CONNECT = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'};

    private Server io;
    private InMemoryWebConnection connection;
    /** The frames of 1,000 echo events (ids 1 to 1,000), sent in turn. */
    private byte[][] frames;
    private int next;

    @Setup(Level.Trial)
    public void connect() throws IOException {
        io = new Server(ServerOptions.defaults(), new NoTimers());
        io.on("connection", socket -> socket.on("echo", args -> {
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                ack.call(Arrays.copyOf(args, args.length - 1));
            }
        }));
        RequestSnapshot request = RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket")
                .remoteAddress("127.0.0.1")
                .build();
        connection = InMemoryWebConnection.open(io.engine(), request);
        connection.receive(CONNECT);
        frames = new byte[1000][];
        String payload = "x".repeat(64);
        for (int i = 0; i < frames.length; i++) {
            frames[i] = maskedText("42" + (i + 1) + "[\"echo\",\"" + payload + "\"]");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        io.close();
    }

    @Benchmark
    public long echoWithAck() throws IOException {
        connection.receive(frames[next]);
        next = next == frames.length - 1 ? 0 : next + 1;
        return connection.bytesWritten();
    }

    /** A masked text frame (payload under 126 bytes) with a non-zero mask, as a client sends. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    /** Heartbeats and timeouts never fire during a measurement. */
    private static final class NoTimers implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return Cancellable.NONE;
        }
    }
}
