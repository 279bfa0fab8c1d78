package io.jakartio.jmh;

import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.Scheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.InMemoryWebConnection;
import io.jakartio.websocket.PerMessageDeflate;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out with permessage-deflate off and on: {@code io.emit("chat message", text)} of 2 KB
 * chat texts (64 different ones, words and numbers) to N native WebSockets, down to the
 * in-memory servlet stream, as {@link NativeWebSocketBenchmark}. {@code deflate}: {@code off}
 * (no extension), {@code shared} (Jakartio's default, server_no_context_takeover: compressed once
 * per broadcast, the frame shared) and {@code perConnection} (context takeover: compressed once
 * per recipient). Time is per broadcast (divide by N for a delivery); the bytes each recipient's stream
 * received per message (the bytes on the wire) are printed once per trial, before measuring.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DeflateFanoutBenchmark {

    private static final byte[] CONNECT = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'};

    @Param({"100"})
    public int sockets;

    @Param({"off", "shared", "perConnection"})
    public String deflate;

    private Server io;
    private List<InMemoryWebConnection> connections;
    private final String[] texts = new String[64];
    private int next;

    @Setup(Level.Trial)
    public void connect() throws IOException {
        // writeLanes 0: the emitting thread writes every frame itself, so the time and the bytes
        // of one broadcast are all measured in its operation
        io = new Server(ServerOptions.builder().engine(engine -> engine.writeLanes(0)).build(), new NoTimers());
        PerMessageDeflateOptions options = PerMessageDeflateOptions.defaults().withServerNoContextTakeover(!"perConnection".equals(deflate));
        PerMessageDeflate agreed = "off".equals(deflate) ? null
                : options.negotiate(List.of("permessage-deflate; client_max_window_bits")).orElseThrow();
        connections = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            RequestSnapshot request = RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket")
                    .remoteAddress("127.0.0.1")
                    .build();
            InMemoryWebConnection connection = InMemoryWebConnection.open(io.engine(), request, agreed);
            connection.receive(CONNECT);
            connections.add(connection);
        }
        Random random = new Random(7692);
        String[] words = {"hello", "everyone", "this", "is", "a", "typical", "chat", "line", "with", "some", "words",
            "and", "numbers", "like", "the", "user", "said", "ok"};
        for (int i = 0; i < texts.length; i++) { // different messages: context takeover cannot just repeat one
            StringBuilder chat = new StringBuilder();
            while (chat.length() < 2_000) {
                chat.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
            }
            texts[i] = chat.toString();
        }
        // the bytes on the wire: every text once, before measuring (the log shows it)
        long before = connections.get(0).bytesWritten();
        for (int i = 0; i < texts.length; i++) {
            emitToEverySocket();
        }
        System.out.printf("%nDeflateFanoutBenchmark deflate=%s: %d bytes per delivery (frames of %d-character texts)%n",
                deflate, (connections.get(0).bytesWritten() - before) / texts.length, texts[0].length());
    }

    @TearDown(Level.Trial)
    public void close() {
        io.close();
    }

    @Benchmark
    public void emitToEverySocket() {
        io.emit("chat message", texts[next++ & (texts.length - 1)]);
    }

    /** Heartbeats and timeouts never fire during a measurement. */
    private static final class NoTimers implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return Cancellable.NONE;
        }
    }
}
