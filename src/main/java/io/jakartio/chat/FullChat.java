package io.jakartio.chat;

import io.jakartio.chat.store.ChatStore;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.Namespace;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import java.time.Duration;

/**
 * The full chat (issue 15) on namespace {@value #NAMESPACE}: nicknames checked at connection,
 * presence, rooms, direct messages, typing, messages stored once per client offset, history
 * and missed messages on reconnection, limits; and the bridge with the seed's chat on
 * {@code /}. The wire contract is docs/CHAT.md.
 *
 * <pre>{@code
 * Server io = new Server(FullChat.serverOptions().build()); // connection state recovery on
 * FullChat.install(io, new ChatStore(dataSource)); // creates the tables if missing
 * SocketIoRegistration.register(servletContext, io);
 * // browser: io("/chat", { auth: { nickname: "Alice", userId } })
 * }</pre>
 *
 * <p>Threads: every handler runs on the Socket.IO listener thread of its socket (one event of a
 * socket at a time) and makes short blocking JDBC calls there; what follows a cluster question
 * ({@code fetchSockets}: the connection middleware, the session, direct messages) runs on the
 * thread that completes it, which is the same thread with the in-memory adapter. The grace
 * before {@code user left} is timed on the server's scheduler ({@code io.engine().scheduler()}).
 */
public final class FullChat {

    /** The full chat's namespace. */
    public static final String NAMESPACE = "/chat";

    /**
     * How long a user whose last tab left stays online before {@code user left} is announced: a
     * reload or a short network drop within it announces neither {@code user left} nor
     * {@code user joined}. 2 s.
     */
    public static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private final ChatContext context;

    private FullChat(ChatContext context) {
        this.context = context;
    }

    /**
     * The server options the full chat is meant for: the defaults with connection state recovery
     * on (the reference server's settings: 2 minutes, middlewares skipped), so a client that lost
     * its connection gets its socket back, its rooms and the events it missed, without asking
     * the database; a client that could not recover gets what it missed from the database
     * ({@code auth.serverOffset}). The chat WAR's server is made from these
     * ({@code io.jakartio.chat.web.ChatServerOptions}); {@code jakartio.*} keys still win.
     *
     * <pre>{@code
     * Server io = new Server(FullChat.serverOptions().adapter(redisAdapter).build());
     * FullChat.install(io, store);
     * }</pre>
     *
     * @return a builder of those options, for more settings
     */
    public static ServerOptions.Builder serverOptions() {
        return ServerOptions.builder().connectionStateRecovery(ConnectionStateRecovery.defaults());
    }

    /**
     * Installs the full chat with its rate limit of 20 messages per 10 s per user and the grace
     * of {@link #LEAVE_GRACE} before {@code user left}.
     *
     * @param io the server
     * @param store where messages and rooms are kept; its tables are created if missing
     * @return the installed chat
     */
    public static FullChat install(Server io, ChatStore store) {
        return install(io, store, RateLimiter.chatDefault());
    }

    /**
     * Installs the full chat with the grace of {@link #LEAVE_GRACE} before {@code user left}.
     *
     * @param io the server
     * @param store where messages and rooms are kept; its tables are created if missing
     * @param limiter how many messages a user may send
     * @return the installed chat
     */
    public static FullChat install(Server io, ChatStore store, RateLimiter limiter) {
        return install(io, store, limiter, LEAVE_GRACE);
    }

    /**
     * Installs the full chat.
     *
     * <pre>{@code
     * FullChat.install(io, store, RateLimiter.chatDefault(), Duration.ofMillis(300)); // a test's short grace
     * }</pre>
     *
     * @param io the server
     * @param store where messages and rooms are kept; its tables are created if missing
     * @param limiter how many messages a user may send
     * @param leaveGrace how long a user whose last tab (on this server) left stays online before
     *     {@code user left}; zero announces it at once
     * @return the installed chat
     * @throws IllegalArgumentException if {@code leaveGrace} is negative
     */
    public static FullChat install(Server io, ChatStore store, RateLimiter limiter, Duration leaveGrace) {
        ChatContext context = new ChatContext(io, io.of(NAMESPACE), store, limiter,
                new Presence(io.engine().scheduler(), leaveGrace));
        store.createSchema();
        context.chat().use(new ChatAuth(context.chat(), context.presence()));
        context.chat().on("connection", socket -> new ChatConnection(context, socket).start());
        SeedBridge.install(context);
        return new FullChat(context);
    }

    /** @return the namespace the chat is installed on, {@code io.of("/chat")} */
    public Namespace namespace() {
        return context.chat();
    }
}
