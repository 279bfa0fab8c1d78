package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The official Java client (io.socket 2.1.2) on one node of a cluster, over WebSocket, recording
 * every event it receives so that a test can count deliveries: each broadcast must arrive
 * exactly once.
 */
final class ClusterClient implements AutoCloseable {

    /** How long a test waits for an event that must come. */
    static final long WAIT_MILLIS = 5_000;
    /** How long a test waits for a duplicate or a stray event that must not come. */
    static final long QUIET_MILLIS = 300;

    private final Socket socket;
    private final Map<String, List<List<Object>>> received = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

    private ClusterClient(Socket socket) {
        this.socket = socket;
        socket.onAnyIncoming(args -> received.computeIfAbsent(String.valueOf(args[0]), e -> new CopyOnWriteArrayList<>())
                .add(Arrays.asList(args).subList(1, args.length)));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(null));
    }

    static ClusterClient connect(String url) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = new String[] {"websocket"};
        return connect(url, options);
    }

    /** Connects with options of the caller's (transports, HTTP client...), and waits until connected. */
    static ClusterClient connect(String url, IO.Options options) {
        Socket socket = IO.socket(URI.create(url), options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new IllegalStateException("connect_error: " + Arrays.toString(args))));
        ClusterClient client = new ClusterClient(socket);
        socket.connect();
        connected.orTimeout(WAIT_MILLIS, TimeUnit.MILLISECONDS).join();
        return client;
    }

    String id() {
        return socket.id();
    }

    Socket socket() {
        return socket;
    }

    /** Answers every {@code event} the server sends with an acknowledgement, with {@code reply(args)}. */
    ClusterClient answer(String event, Function<Object[], Object> reply) {
        socket.on(event, args -> {
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                ack.call(reply.apply(args));
            }
        });
        return this;
    }

    /** Emits and returns the server's acknowledgement. */
    CompletableFuture<Object[]> emitWithAck(String event, Object... args) {
        CompletableFuture<Object[]> reply = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) reply::complete;
        socket.emit(event, withAck);
        return reply.orTimeout(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** @return the arguments of every {@code event} received so far */
    List<List<Object>> received(String event) {
        return new ArrayList<>(received.getOrDefault(event, List.of()));
    }

    /** Waits until {@code event} arrived {@code count} times, then a little more: fails if it came more often. */
    List<List<Object>> expect(String event, int count) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (received(event).size() < count && System.currentTimeMillis() < deadline) {
            RedisCluster.sleep(10);
        }
        if (received(event).size() < count) {
            fail(id() + " received \"" + event + "\" " + received(event).size() + " times, expected " + count
                    + "; all it received: " + received);
        }
        RedisCluster.sleep(QUIET_MILLIS);
        List<List<Object>> all = received(event);
        assertEquals(count, all.size(), () -> id() + " received \"" + event + "\" more than " + count + " times: " + all);
        return all;
    }

    /** Fails if {@code event} arrives within a short while (after the others were awaited). */
    void expectNone(String event) {
        RedisCluster.sleep(QUIET_MILLIS);
        assertEquals(List.of(), received(event), () -> id() + " should not have received \"" + event + "\"");
    }

    /** Waits until the server disconnects this client. */
    void awaitDisconnect() {
        disconnected.orTimeout(WAIT_MILLIS, TimeUnit.MILLISECONDS).join();
    }

    boolean isConnected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.close();
    }
}
