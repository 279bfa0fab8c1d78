package io.jakartio.container.shop;

import io.jakartio.cdi.OnConnect;
import io.jakartio.cdi.OnEvent;
import io.jakartio.cdi.SocketNamespace;
import io.jakartio.server.Ack;
import io.jakartio.server.AckCallback;
import io.jakartio.server.Server;
import io.jakartio.server.Socket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.CompletionStage;

/**
 * The one class of {@code LibraryIT}'s application, written as a user of the library writes
 * handlers (the README's "Use it in your own application" shows it): annotated methods on the
 * main namespace, and the same server used as Node's {@code io.on("connection", ...)}.
 */
@ApplicationScoped
@SocketNamespace("/")
public class Rooms {

    /** A line said in a room: JSON-B binds the client's {@code {room, text}} object to it. */
    public record Line(String room, String text) { }

    @Inject
    Server io;

    /** @param event the application started: the Node-style handlers go on the server */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        io.on("connection", socket -> {
            socket.on("whoami", args -> {
                Ack ack = (Ack) args[args.length - 1];
                ack.call(socket.id(), socket.handshake().address());
            });
            // a handler that blocks, as one waiting on a database does, for the milliseconds asked
            socket.on("block", args -> {
                Ack ack = (Ack) args[args.length - 1];
                try {
                    Thread.sleep(((Number) args[0]).longValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ack.call(true);
            });
            // what a handler, and a callback of the scheduler (an acknowledgement's timeout), can
            // use of the application: its class loader as the thread's, its beans by CDI.current(),
            // and its naming context
            socket.on("context", args -> {
                Ack ack = (Ack) args[args.length - 1];
                List<Object> handler = context();
                socket.timeout(Duration.ofMillis(50)).emit("never answered", (AckCallback) (error, none) -> {
                    List<Object> callback = context();
                    ack.call(handler.get(0), handler.get(1), handler.get(2), callback.get(0), callback.get(1), callback.get(2));
                });
            });
        });
    }

    /**
     * @return whether this thread's context class loader is the application's; whether
     *     CDI.current() finds its server; whether it finds its {@code java:comp/env}
     */
    private static List<Object> context() {
        boolean loader = Thread.currentThread().getContextClassLoader() == Rooms.class.getClassLoader();
        Object beans;
        try {
            beans = CDI.current().select(Server.class).get() != null;
        } catch (RuntimeException e) {
            beans = e.toString();
        }
        return List.of(loader, beans, naming());
    }

    /** @return whether this thread finds the application's {@code java:comp/env}, else why not */
    private static Object naming() {
        try {
            new InitialContext().lookup("java:comp/env");
            return true;
        } catch (NamingException e) {
            return e.toString();
        }
    }

    /** @param socket a new client, welcomed with its own id */
    @OnConnect
    void welcome(Socket socket) {
        socket.emit("welcome", socket.id());
    }

    /**
     * @param socket the client joining
     * @param room the room it joins; its members hear {@code "joined"}
     * @return the acknowledgement, once known: how many sockets the room holds
     */
    @OnEvent("join")
    CompletionStage<Integer> join(Socket socket, String room) {
        socket.join(room);
        io.to(room).emit("joined", room, socket.id());
        return io.in(room).fetchSockets().thenApply(List::size);
    }

    /**
     * @param line said to everyone in its room, its author included if a member
     * @return the acknowledgement: {@code true}
     */
    @OnEvent("say")
    boolean say(Line line) {
        io.to(line.room()).emit("said", line);
        return true;
    }
}
