package io.jakartio.server;

/**
 * Runs before a socket connects to a namespace ({@code io.use(...)}), typically to
 * authenticate it from {@code socket.handshake().auth()}.
 *
 * <pre>{@code
 * io.of("/admin").use((socket, next) -> {
 *     if ("secret".equals(socket.handshake().auth().get("token"))) {
 *         next.proceed();
 *     } else {
 *         next.fail(new ConnectError("unauthorized", Map.of("reason", "bad token")));
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    /**
     * @param socket the socket about to connect
     * @param next continues or refuses the connection; an exception thrown here refuses it too
     */
    void handle(Socket socket, Next next);
}
