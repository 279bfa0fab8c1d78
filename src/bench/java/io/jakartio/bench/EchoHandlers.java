package io.jakartio.bench;

import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;

/**
 * Benchmark handlers added to the chat in the bench WAR: {@code echo} acknowledges with all its
 * arguments, or emits them back when no acknowledgement was asked for (the echo-with-ack
 * scenario). {@link BenchChatHandlers} serves the fan-out scenario.
 */
@ApplicationScoped
public class EchoHandlers {

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, Server io) {
        io.on("connection", socket -> socket.on("echo", args -> {
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                ack.call(Arrays.copyOf(args, args.length - 1));
            } else {
                socket.emit("echo", args);
            }
        }));
    }
}
