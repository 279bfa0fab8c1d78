package io.jakartio.server;

import io.jakartio.adapter.SocketDetails;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A snapshot of a socket returned by {@code fetchSockets()}, possibly living on another server
 * of the cluster. Its methods act on the real socket, wherever it is.
 *
 * <pre>{@code
 * io.in("room1").fetchSockets().thenAccept(sockets -> {
 *     for (RemoteSocket socket : sockets) {
 *         socket.emit("hello");
 *         socket.join("room2");
 *     }
 * });
 * }</pre>
 */
public final class RemoteSocket {

    private final Namespace nsp;
    private final String id;
    private final Handshake handshake;
    private final Set<String> rooms;
    private final Map<String, Object> data;

    /** The acknowledgement timeout of {@link #emit}, or {@code null}. */
    private final Duration timeout;

    RemoteSocket(Namespace nsp, SocketDetails details) {
        this.nsp = nsp;
        this.id = details.id();
        this.handshake = Handshake.fromMap(details.handshake());
        this.rooms = details.rooms();
        this.data = details.data();
        this.timeout = null;
    }

    private RemoteSocket(RemoteSocket other, Duration timeout) {
        this.nsp = other.nsp;
        this.id = other.id;
        this.handshake = other.handshake;
        this.rooms = other.rooms;
        this.data = other.data;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** @return the socket id */
    public String id() {
        return id;
    }

    /** @return the socket's handshake */
    public Handshake handshake() {
        return handshake;
    }

    /** @return the rooms the socket was in when fetched */
    public Set<String> rooms() {
        return rooms;
    }

    /** @return the socket's application data when fetched */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * Emits to this socket. With a {@link #timeout}, a last argument that is an
     * {@link AckCallback} receives the socket's answer as a socket's own emit does, wherever the
     * socket lives: {@code (null, firstArgument)}, or {@code (AckTimeoutException)} after the
     * timeout ({@code (null, null)} if the socket was gone).
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     * @throws IllegalStateException if an acknowledgement is asked for without a timeout
     */
    public boolean emit(String event, Object... args) {
        BroadcastOperator operator = nsp.operator().to(id);
        if (timeout != null) {
            operator = operator.timeout(timeout);
        }
        if (args.length > 0 && args[args.length - 1] instanceof AckCallback callback) {
            if (timeout == null) {
                throw new IllegalStateException("acknowledgements of a remote socket need a timeout(...)");
            }
            Object[] payload = args.clone();
            payload[args.length - 1] = (AckCallback) (error, responses) -> {
                if (error != null) {
                    callback.call(error);
                } else {
                    List<?> answers = (List<?>) responses[0];
                    callback.call(null, answers.isEmpty() ? null : answers.get(0));
                }
            };
            return operator.emit(event, payload);
        }
        return operator.emit(event, args);
    }

    /**
     * Emits to this socket and returns the first argument of its acknowledgement (Node's
     * {@code remoteSocket.timeout(ms).emitWithAck}).
     *
     * <pre>{@code
     * io.in("room1").fetchSockets().thenAccept(sockets -> sockets.forEach(socket ->
     *     socket.timeout(Duration.ofSeconds(2)).emitWithAck("status?")
     *           .thenAccept(status -> log.info(socket.id() + ": " + status))));
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return the answer; fails with {@link AckTimeoutException} after the timeout
     * @throws IllegalStateException without a {@link #timeout}
     */
    public CompletableFuture<Object> emitWithAck(String event, Object... args) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        Object[] withCallback = Arrays.copyOf(args, args.length + 1);
        withCallback[args.length] = (AckCallback) (error, answer) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(answer[0]);
            }
        };
        emit(event, withCallback);
        return future;
    }

    /**
     * @param value how long to wait for the socket's acknowledgement, on whichever server it lives
     * @return a copy of this snapshot whose {@link #emit} and {@link #emitWithAck} wait that long
     */
    public RemoteSocket timeout(Duration value) {
        return new RemoteSocket(this, value);
    }

    /** @param newRooms rooms the socket joins */
    public void join(String... newRooms) {
        nsp.operator().in(id).socketsJoin(newRooms);
    }

    /** @param oldRooms rooms the socket leaves */
    public void leave(String... oldRooms) {
        nsp.operator().in(id).socketsLeave(oldRooms);
    }

    /** @param close also close the socket's underlying connection */
    public void disconnect(boolean close) {
        nsp.operator().in(id).disconnectSockets(close);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + "]";
    }
}
