package io.jakartio.chat.seed;

import io.jakartio.cdi.OnConnect;
import io.jakartio.cdi.OnEvent;
import io.jakartio.cdi.SocketNamespace;
import io.jakartio.server.Server;
import io.jakartio.server.Socket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * The server side of the tutorial's chat ({@code index.js}), in Java:
 * <pre>{@code
 * io.on("connection", socket => socket.broadcast.emit("hi"));
 * io.on("connection", socket => socket.on("chat message", msg => { io.emit("chat message", msg); console.log(msg); }));
 * }</pre>
 */
@ApplicationScoped
@SocketNamespace("/")
public class ChatHandlers {

    private static final System.Logger LOG = System.getLogger(ChatHandlers.class.getName());

    @Inject
    Server io;

    /** @param socket the new user: everyone else hears "hi" */
    @OnConnect
    void greet(Socket socket) {
        socket.broadcast().emit("hi");
    }

    /** @param msg a chat line, sent to everyone, its author included */
    @OnEvent("chat message")
    void chat(Object msg) {
        io.emit("chat message", msg);
        LOG.log(Level.INFO, "{0}", msg);
    }
}
