package io.jakartio.server;

import java.util.List;

/**
 * Runs before each incoming event of one socket ({@code socket.use(...)}). Refusing an event
 * drops it and emits the error to the socket's local {@code "error"} listeners.
 *
 * <pre>{@code
 * socket.use((event, next) -> {
 *     if ("admin-only".equals(event.get(0)) && !isAdmin(socket)) {
 *         next.fail(new IllegalStateException("forbidden"));
 *     } else {
 *         next.proceed();
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface SocketMiddleware {

    /**
     * @param event the event name followed by its arguments
     * @param next continues or drops the event
     */
    void handle(List<Object> event, Next next);
}
