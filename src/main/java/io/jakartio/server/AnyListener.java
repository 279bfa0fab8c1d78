package io.jakartio.server;

/**
 * Sees every event of a socket, with its name: {@code socket.onAny(...)} for incoming events,
 * {@code socket.onAnyOutgoing(...)} for emitted ones.
 *
 * <pre>{@code
 * socket.onAny((event, args) -> log.info("got " + event));
 * }</pre>
 */
@FunctionalInterface
public interface AnyListener {

    /**
     * @param event the event name
     * @param args its arguments
     */
    void call(String event, Object... args);
}
