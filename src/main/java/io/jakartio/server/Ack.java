package io.jakartio.server;

/**
 * An acknowledgement, both ways, as in the official Java client: when a client emits with an
 * ack, the listener's last argument is an {@code Ack} to call with the reply; when the server
 * emits, an {@code Ack} passed as the last argument receives the client's reply.
 *
 * <pre>{@code
 * socket.on("echo", args -> {
 *     Ack ack = (Ack) args[args.length - 1];
 *     ack.call("got it");
 * });
 * socket.emit("question", "ready?", (Ack) reply -> System.out.println(reply[0]));
 * }</pre>
 */
@FunctionalInterface
public interface Ack {

    /**
     * Sends (or receives) the acknowledgement.
     *
     * @param args the acknowledgement's arguments
     */
    void call(Object... args);
}
