package io.jakartio.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.EmbeddedTomcat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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

    @Test
    @Timeout(60)
    void resetConnectionsDisconnectPromptlyWhileTheServerKeepsServingOthers() throws Exception {
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
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io))) {
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

    /** A minimal WebSocket client over a plain socket, so that it can reset its connection. */
    private static final class RawClient {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private String socketId;

        private RawClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static RawClient connect(int port) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.setReceiveBufferSize(4096);
            RawClient client = new RawClient(socket);
            client.out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            String status = client.readHeaders();
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + status);
            }
            client.nextMessageStartingWith("0{");
            client.send("40");
            String connect = client.nextMessageStartingWith("40");
            client.socketId = connect.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
            return client;
        }

        String socketId() {
            return socketId;
        }

        void send(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[6 + payload.length];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | payload.length); // short frames only
            // mask 0: masked payload equals the payload
            System.arraycopy(payload, 0, frame, 6, payload.length);
            out.write(frame);
            out.flush();
        }

        /** Reads frames until a text message starting with {@code prefix}, answering pings. */
        String nextMessageStartingWith(String prefix) throws IOException {
            while (true) {
                int b0 = readByte();
                int b1 = readByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                String text = new String(payload, StandardCharsets.UTF_8);
                if ((b0 & 0x0f) == 1 && text.equals("2")) {
                    send("3");
                } else if ((b0 & 0x0f) == 1 && text.startsWith(prefix)) {
                    return text;
                }
            }
        }

        /** Closes the TCP connection without a WebSocket close frame, as a killed process does. */
        void drop() throws IOException {
            socket.close();
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            return b;
        }

        private String readHeaders() throws IOException {
            StringBuilder headers = new StringBuilder();
            while (!headers.toString().endsWith("\r\n\r\n")) {
                headers.append((char) readByte());
            }
            return headers.toString();
        }
    }
}
