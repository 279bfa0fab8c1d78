package io.jakartio.server;

/**
 * Called when a socket connects to a namespace, after the middlewares accepted it.
 *
 * <pre>{@code
 * io.on("connection", socket -> socket.broadcast().emit("hi"));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionListener {

    /** @param socket the new socket */
    void onConnection(Socket socket);
}
