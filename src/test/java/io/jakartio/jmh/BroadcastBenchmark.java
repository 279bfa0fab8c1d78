package io.jakartio.jmh;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.Scheduler;
import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code io.emit("chat message", text)} to N connected sockets, without a network: each
 * socket's WebSocket is a sink that completes sends at once. Measures the server's own cost of a
 * broadcast (one encode, then per recipient: room lookup, queueing, the send call); divide by N
 * for the cost per recipient.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BroadcastBenchmark {

    @Param({"100", "1000"})
    public int sockets;

    private Server io;
    private Sink sink;

    @Setup(Level.Trial)
    public void connect() {
        // one write lane: the benchmark thread writes every recipient, so the time measured is
        // a broadcast's whole CPU (with more lanes, writer threads would take lanes off the clock)
        io = new Server(ServerOptions.builder().engine(engine -> engine.writeLanes(1)).build(), new NoTimers());
        sink = new Sink();
        for (int i = 0; i < sockets; i++) {
            WebSocketHandler handler = io.engine().openWebSocket(new Request(), sink);
            handler.onText("40");
        }
        if (io.sockets().sockets().size() != sockets) {
            throw new IllegalStateException("only " + io.sockets().sockets().size() + " sockets connected");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        io.close();
    }

    @Benchmark
    public void emitToEverySocket(Blackhole blackhole) {
        io.emit("chat message", "hello everyone, this is a typical chat line");
        blackhole.consume(sink.frames);
    }

    /** A WebSocket that accepts every frame at once. */
    private static final class Sink implements WebSocketConnection {
        long frames;

        @Override
        public void sendText(String text, Consumer<Throwable> onComplete) {
            frames++;
            onComplete.accept(null);
        }

        @Override
        public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
            frames++;
            onComplete.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    /** Heartbeats and timeouts never fire during a measurement. */
    private static final class NoTimers implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return Cancellable.NONE;
        }
    }

    private static final class Request implements EngineRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public Map<String, List<String>> queryParameters() {
            return Map.of("EIO", List.of("4"), "transport", List.of("websocket"));
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public String url() {
            return "/socket.io/?EIO=4&transport=websocket";
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public byte[] body(long limit) {
            return new byte[0];
        }
    }
}
