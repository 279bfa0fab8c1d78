package io.jakartio.chat.web;

import io.jakartio.chat.FullChat;
import io.jakartio.server.ServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The chat WAR's Socket.IO options: {@link FullChat#serverOptions()}, that is the defaults with
 * connection state recovery on, as the Socket.IO tutorial's chat has it
 * ({@code new Server(server, { connectionStateRecovery: {} })}). The library takes an
 * application's produced {@link ServerOptions} as its base; every {@code jakartio.*} key that is
 * set still wins, so {@code -Djakartio.connectionStateRecovery=false} turns recovery off.
 *
 * <pre>{@code
 * @Produces
 * ServerOptions options() {
 *     return FullChat.serverOptions().build();
 * }
 * }</pre>
 */
@ApplicationScoped
public class ChatServerOptions {

    /** @return the options the chat's server is made from */
    @Produces
    ServerOptions options() {
        return FullChat.serverOptions().build();
    }
}
