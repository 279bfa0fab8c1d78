package io.jakartio.server;

/**
 * Handles an event sent by a client. The arguments are the event's arguments as plain values
 * ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code null},
 * {@code List}, {@code Map}, {@code byte[]}); if the client asked for an acknowledgement, the
 * last argument is an {@link Ack}.
 *
 * <pre>{@code
 * socket.on("chat message", msg -> io.emit("chat message", msg));
 * }</pre>
 *
 * <p>Listeners of one socket are called one at a time, in arrival order, on a container thread;
 * they must not block for long.
 */
@FunctionalInterface
public interface EventListener {

    /** @param args the event's arguments (possibly ending with an {@link Ack}) */
    void call(Object... args);
}
