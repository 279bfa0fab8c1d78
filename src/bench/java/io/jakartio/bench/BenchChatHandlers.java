package io.jakartio.bench;

import io.jakartio.server.Server;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * The chat of the benchmark, handler for handler the Node baseline's
 * ({@code bench/node-server/server.js}): {@code chat message} is sent to everyone with
 * {@code io.emit}. The bench WARs leave out the application's {@code ChatHandlers}, whose
 * {@code socket.broadcast().emit("hi")} on every connection (the seed's greeting) would make
 * connecting N clients cost N² deliveries that the baseline does not pay, and whose log line
 * per message the baseline does not write.
 */
@ApplicationScoped
public class BenchChatHandlers {

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, Server io) {
        io.on("connection", socket -> socket.on("chat message", args -> io.emit("chat message", args)));
    }
}
