package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A handler that blocks its thread (a database call, say) while its client is on HTTP
 * long-polling, with the official Java client (io.socket:socket.io-client 2.1.2) and an embedded
 * Tomcat. The packets of a POST are handled on the POST's thread, and its "ok" goes after them:
 * <ul>
 *   <li>what is sent to the client meanwhile (pings, broadcasts) leaves after at most 100 ms,
 *       not when the handler returns;</li>
 *   <li>an upgrade to WebSocket started meanwhile completes: the client sends its UPGRADE only
 *       once its POST was answered, and the upgrade timeout counts from then (timed out, the
 *       client would stay paused on polling with no transport until the heartbeat failed).</li>
 * </ul>
 */
class BlockingHandlerTest {

    /** Short, so that a handler can block for longer than it without slowing the build. */
    private static final Duration UPGRADE_TIMEOUT = Duration.ofMillis(800);
    private static final long WAIT_SECONDS = 5;

    private static JavaClientServer server;
    private static volatile CountDownLatch blocking = new CountDownLatch(1);
    private static volatile CountDownLatch released = new CountDownLatch(1);

    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = JavaClientServer.start("blocking-handler", scheduler -> handlers(
                new Server(ServerOptions.builder().engine(engine -> engine.upgradeTimeout(UPGRADE_TIMEOUT)).build(), scheduler)));
    }

    private static Server handlers(Server io) {
        io.on("connection", socket -> {
            if (socket.handshake().auth().containsKey("blockFor")) {
                // a slow connection handler: its CONNECT came in a POST, the upgrade's probe meanwhile
                long millis = Long.parseLong(String.valueOf(socket.handshake().auth().get("blockFor")));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
            }
            socket.on("block", args -> {
                blocking.countDown();
                try {
                    released.await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ((Ack) args[args.length - 1]).call("done");
            });
            socket.on("echo", args -> ((Ack) args[args.length - 1]).call(args[0]));
        });
        return io;
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        released.countDown();
        sockets.forEach(Socket::close);
    }

    private Socket socket(String[] transports, Map<String, String> auth) {
        IO.Options options = server.options();
        options.reconnection = false;
        options.transports = transports;
        options.auth = auth;
        Socket socket = IO.socket(URI.create(server.url()), options);
        sockets.add(socket);
        return socket;
    }

    private static void connect(Socket socket) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Object ack(Socket socket, String event, Object arg) throws Exception {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        socket.emit(event, arg, (io.socket.client.Ack) answer -> reply.complete(answer.length > 0 ? answer[0] : null));
        return reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aBroadcastReachesAPollingClientWhileItsHandlerBlocks() throws Exception {
        blocking = new CountDownLatch(1);
        released = new CountDownLatch(1);
        Socket client = socket(new String[] {"polling"}, Map.of());
        connect(client);
        CompletableFuture<Object> news = new CompletableFuture<>();
        client.on("news", args -> news.complete(args[0]));
        CompletableFuture<Object> done = new CompletableFuture<>();
        client.emit("block", "x", (io.socket.client.Ack) answer -> done.complete(answer[0]));
        assertTrue(blocking.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler was called");

        server.io().emit("news", "while blocked");

        assertEquals("while blocked", news.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(done.isDone(), "the handler is still blocked");
        released.countDown();
        assertEquals("done", done.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void anUpgradeStartedWhileAConnectionHandlerBlocksLongerThanTheUpgradeTimeoutCompletes() throws Exception {
        long blockFor = UPGRADE_TIMEOUT.toMillis() * 2;
        Socket client = socket(null, Map.of("blockFor", String.valueOf(blockFor)));
        EngineProbe engine = new EngineProbe(client.io());
        connect(client);

        assertEquals("websocket", engine.awaitUpgrade());
        assertEquals("still here", ack(client, "echo", "still here"));
    }
}
