package io.jakartio.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Emits to one socket with flags: returned by {@link Socket#timeout}, {@link Socket#asVolatile}
 * and {@link Socket#compress}. Immutable; each method returns a new emitter.
 *
 * <pre>{@code
 * socket.timeout(Duration.ofSeconds(5)).emit("question", "name?", (AckCallback) (err, args) -> { });
 * socket.asVolatile().emit("position", x, y);
 * socket.compress(false).emit("image", jpegBytes);
 * }</pre>
 */
public final class SocketEmitter {

    private final Socket socket;
    private final boolean volatileSend;
    private final Duration timeout;
    private final boolean compress;

    SocketEmitter(Socket socket, boolean volatileSend, Duration timeout, boolean compress) {
        this.socket = socket;
        this.volatileSend = volatileSend;
        this.timeout = timeout;
        this.compress = compress;
    }

    /** @param value acknowledgement timeout @return a copy with that timeout */
    public SocketEmitter timeout(Duration value) {
        return new SocketEmitter(socket, volatileSend, value, compress);
    }

    /** @return a copy that drops events the connection cannot send right now */
    public SocketEmitter asVolatile() {
        return new SocketEmitter(socket, true, timeout, compress);
    }

    /**
     * @param value whether the event may be compressed (see {@link Socket#compress})
     * @return a copy with that flag
     */
    public SocketEmitter compress(boolean value) {
        return new SocketEmitter(socket, volatileSend, timeout, value);
    }

    /**
     * Emits an event; see {@link Socket#emit}. With a timeout, the last argument must be an
     * {@link AckCallback}.
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     */
    public boolean emit(String event, Object... args) {
        return socket.send(event, args, volatileSend, timeout, compress);
    }

    /**
     * Emits an event and returns the first argument of the acknowledgement, failing with
     * {@link AckTimeoutException} after the timeout.
     *
     * @param event the event name
     * @param args the arguments
     * @return the acknowledgement's first argument
     */
    public CompletableFuture<Object> emitWithAck(String event, Object... args) {
        return socket.withAck(event, args, volatileSend, timeout, compress);
    }
}
