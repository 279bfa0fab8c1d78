package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * Clients whose network fails (TCP reset, no WebSocket close frame) while the server is writing
 * to them: the server notices at once, tells the application ({@code disconnect} with
 * {@code transport error}), and keeps serving everyone else. The exact race that made Tomcat
 * spin a container thread per connection for its 20 s blocking-send timeout (a close frame sent
 * from the error callback while a write to the dead peer was in flight) needs the timing of
 * thousands of clients leaving at once: {@code bench/run --scenarios idle} shows it, and
 * {@link SessionConnectionTest} pins the decision that avoids it.
 */
class AbruptDisconnectTest {

    private static final int CLIENTS = 200;

    @ParameterizedTest(name = "WebSocket {0}")
    @EnumSource(WebSocketMode.class)
    @Timeout(60)
    void resetConnectionsDisconnectPromptlyWhileTheServerKeepsServingOthers(WebSocketMode mode) throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler("abrupt-test");
        Server io = new Server(ServerOptions.defaults(), scheduler);
        CountDownLatch connected = new CountDownLatch(CLIENTS + 1);
        ConcurrentHashMap<String, Long> disconnectedAt = new ConcurrentHashMap<>();
        io.on("connection", socket -> {
            socket.on("disconnect", args -> {
                disconnectedAt.put(socket.id(), System.nanoTime());
                io.emit("user left", socket.id()); // to the others, some of them dying too
            });
            socket.on("ping-me", args -> socket.emit("pong-you", args));
            connected.countDown();
        });
        String big = "x".repeat(16 * 1024);
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io, mode))) {
            List<RawClient> doomed = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                doomed.add(RawClient.connect(tomcat.port()));
            }
            RawClient survivor = RawClient.connect(tomcat.port());
            assertTrue(connected.await(10, TimeUnit.SECONDS), "all clients connected");
            // Fill the doomed clients' TCP windows: they never read, so writes stay in flight.
            Thread flood = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    io.except(survivor.socketId()).emit("flood", big);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            flood.start();
            Thread.sleep(1000);
            long resetAt = System.nanoTime();
            for (RawClient client : doomed) {
                client.drop();
            }
            long deadline = resetAt + Duration.ofSeconds(10).toNanos();
            while (disconnectedAt.size() < CLIENTS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            flood.interrupt();
            flood.join();
            assertEquals(CLIENTS, disconnectedAt.size(), "every reset client was disconnected");
            long slowest = disconnectedAt.values().stream().mapToLong(t -> t - resetAt).max().orElseThrow();
            assertTrue(slowest < Duration.ofMillis(1500).toNanos(),
                    "disconnect within 1.5 s of the reset, took " + slowest / 1_000_000 + " ms");

            survivor.send("42[\"ping-me\",1]");
            assertEquals("42[\"pong-you\",1]", survivor.nextMessageStartingWith("42[\"pong-you\""));
            survivor.drop();
        } finally {
            scheduler.close();
        }
    }

    /** A client that sent CONNECT and knows its socket id. */
    private record RawClient(RawWebSocket ws, String socketId) {
        static RawClient connect(int port) throws IOException {
            RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
            ws.nextTextStartingWith("0{");
            ws.sendText("40");
            String connect = ws.nextTextStartingWith("40");
            return new RawClient(ws, connect.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1"));
        }

        void send(String text) throws IOException {
            ws.sendText(text);
        }

        String nextMessageStartingWith(String prefix) throws IOException {
            return ws.nextTextStartingWith(prefix);
        }

        void drop() throws IOException {
            ws.drop();
        }
    }
}
