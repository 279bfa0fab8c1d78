package io.jakartio.jmh;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.HttpResponse;
import io.jakartio.engine.PollingExchange;
import io.jakartio.engine.Scheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * {@code io.emit("chat message", text)} to N long-polling sockets, without a container: each
 * socket has a GET pending, the broadcast answers them all, and every socket then sends its next
 * GET, which waits. One operation is the engine's and Socket.IO's own part of N HTTP cycles
 * (the broadcast, N responses built, N GETs handled); divide by N for one delivery.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PollingBroadcastBenchmark {

    @Param({"1000"})
    public int sockets;

    private Server io;
    private String[] sids;
    private long answered;

    @Setup(Level.Trial)
    public void connect() {
        // one write lane: the benchmark thread writes every recipient, so the time measured is
        // a broadcast's whole CPU (with more lanes, writer threads would take lanes off the clock)
        io = new Server(ServerOptions.builder().engine(engine -> engine.writeLanes(1)).build(), new NoTimers());
        sids = new String[sockets];
        for (int i = 0; i < sockets; i++) {
            Exchange open = new Exchange();
            io.engine().handlePolling(new Request("GET", null, null), open);
            String body = open.text();
            int start = body.indexOf("\"sid\":\"") + 7;
            String sid = body.substring(start, body.indexOf('"', start));
            sids[i] = sid;
            io.engine().handlePolling(new Request("POST", sid, "40"), new Exchange());
            Exchange connected = new Exchange();
            io.engine().handlePolling(new Request("GET", sid, null), connected);
            if (!connected.text().startsWith("40")) {
                throw new IllegalStateException("no CONNECT for " + sid + ": " + connected.text());
            }
            io.engine().handlePolling(new Request("GET", sid, null), new Exchange());
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
    public void emitToEveryPoller(Blackhole blackhole) {
        long before = answered;
        io.emit("chat message", "hello everyone, this is a typical chat line");
        if (answered - before != sockets) {
            throw new IllegalStateException((answered - before) + " of " + sockets + " polls answered");
        }
        for (String sid : sids) {
            io.engine().handlePolling(new Request("GET", sid, null), new Exchange());
        }
        blackhole.consume(answered);
    }

    /** A pending request: keeps its response and counts it. */
    private final class Exchange implements PollingExchange {
        private HttpResponse response;

        @Override
        public void respond(HttpResponse response) {
            this.response = response;
            answered++;
        }

        @Override
        public void onAbort(Runnable onAbort) {
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
    }

    /** Heartbeats and timeouts never fire during a measurement. */
    private static final class NoTimers implements Scheduler {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return Cancellable.NONE;
        }
    }

    /** A polling request as a browser sends it (the headers a client library sets). */
    private static final class Request implements EngineRequest {
        private static final Map<String, List<String>> HEADERS = Map.of(
                "host", List.of("127.0.0.1:3000"), "accept", List.of("*/*"),
                "accept-encoding", List.of("gzip, deflate"), "connection", List.of("keep-alive"));

        private final String method;
        private final Map<String, List<String>> query;
        private final String url;
        private final byte[] body;

        Request(String method, String sid, String body) {
            this.method = method;
            Map<String, List<String>> q = sid == null
                    ? Map.of("EIO", List.of("4"), "transport", List.of("polling"))
                    : Map.of("EIO", List.of("4"), "transport", List.of("polling"), "sid", List.of(sid));
            this.query = q;
            this.url = "/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
            this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public Map<String, List<String>> queryParameters() {
            return query;
        }

        @Override
        public Map<String, List<String>> headers() {
            return HEADERS;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public byte[] body(long limit) {
            return body;
        }
    }
}
