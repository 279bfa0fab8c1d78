package io.jakartio.jsr356;

import io.jakartio.engine.WebSocketHandshake;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Objects;

/**
 * Hands a WebSocket handshake that the engine accepted in front of the container (a servlet
 * filter before the container's own WebSocket filter) to the endpoint's configurator, which the
 * container calls on the same thread while that filter's chain runs. The configurator then adds
 * the engine's headers (the session cookie) to the {@code 101} response and opens the session
 * under the id the engine chose, without asking the engine again.
 *
 * <pre>{@code
 * AcceptedHandshake.during(accepted, () -> chain.doFilter(request, response));
 * }</pre>
 */
public final class AcceptedHandshake {

    /** What {@link #during} runs: the rest of the filter chain. */
    @FunctionalInterface
    public interface Chain {
        /**
         * @throws IOException as {@code FilterChain.doFilter}
         * @throws ServletException as {@code FilterChain.doFilter}
         */
        void proceed() throws IOException, ServletException;
    }

    // A thread-local, not shared state: it only carries the handshake from the filter to the
    // configurator on the thread serving that one request, and is cleared when the chain returns.
    private static final ThreadLocal<WebSocketHandshake.Accepted> CURRENT = new ThreadLocal<>();

    private AcceptedHandshake() {
    }

    /**
     * Runs the filter chain with {@code accepted} waiting for the configurator.
     *
     * @param accepted the engine's acceptance of the handshake being served
     * @param chain the rest of the chain (the container's WebSocket filter)
     * @throws IOException when the chain throws it
     * @throws ServletException when the chain throws it
     */
    public static void during(WebSocketHandshake.Accepted accepted, Chain chain) throws IOException, ServletException {
        CURRENT.set(Objects.requireNonNull(accepted, "accepted"));
        try {
            chain.proceed();
        } finally {
            CURRENT.remove();
        }
    }

    /** @return the handshake accepted in front of the container on this thread, once; or {@code null} */
    static WebSocketHandshake.Accepted take() {
        WebSocketHandshake.Accepted accepted = CURRENT.get();
        CURRENT.remove();
        return accepted;
    }
}
