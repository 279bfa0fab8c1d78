package io.jakartio.jmh;

import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.Scheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.InMemoryWebConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code io.emit("chat message", text)} to N sockets on Jakartio's own WebSocket
 * ({@code jakartio.websocket=native}), down to the servlet output stream: as
 * {@link BroadcastBenchmark}, plus the native WebSocket's write path (its lock and state, the
 * shared frame written to the stream, the flush once the transport's queue ran dry). The stream
 * is in memory and always ready; divide by N for the cost per recipient.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NativeWebSocketBenchmark {

    /** A client's masked text frame {@code 40} (CONNECT to "/"), with an all-zero mask. */
    private static final byte[] CONNECT = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'};

    @Param({"100", "1000"})
    public int sockets;

    private Server io;
    private List<InMemoryWebConnection> connections;

    @Setup(Level.Trial)
    public void connect() throws IOException {
        // one write lane: the benchmark thread writes every recipient, so the time measured is
        // a broadcast's whole CPU (with more lanes, writer threads would take lanes off the clock)
        io = new Server(ServerOptions.builder().engine(engine -> engine.writeLanes(1)).build(), new NoTimers());
        connections = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            RequestSnapshot request = RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket")
                    .remoteAddress("127.0.0.1")
                    .build();
            InMemoryWebConnection connection = InMemoryWebConnection.open(io.engine(), request);
            connection.receive(CONNECT);
            connections.add(connection);
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
        blackhole.consume(connections.get(0).bytesWritten());
    }

    /** Heartbeats and timeouts never fire during a measurement. */
    private static final class NoTimers implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return Cancellable.NONE;
        }
    }
}
