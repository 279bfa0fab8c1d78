package io.jakartio.it;

import io.jakartio.chat.ChatUser;
import io.jakartio.chat.FullChat;
import io.jakartio.chat.Nickname;
import io.jakartio.chat.RateLimiter;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.config.WebSocketMode;
import io.jakartio.server.BroadcastOperator;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The full chat in an embedded Tomcat on 127.0.0.1, over a test database, beside the seed's
 * chat on {@code /} (its two handlers as {@code io.jakartio.chat.seed.ChatHandlers} has them), with a
 * short leave grace ({@link #LEAVE_GRACE}), and the official Java clients of a test
 * ({@link FullChatUsers}), disconnected by {@link #disconnectClients()}.
 *
 * <pre>{@code
 * try (FullChatServer server = FullChatServer.start(TestDatabase.h2())) {
 *     ChatClient alice = server.user("Alice");
 * }
 * }</pre>
 */
final class FullChatServer implements AutoCloseable {

    /** The grace before {@code user left} in these tests: short, for tests wait it out. */
    static final Duration LEAVE_GRACE = Duration.ofMillis(300);

    private final TestDatabase database;
    private final Server io;
    private final EmbeddedTomcat tomcat;
    private final FullChatUsers users;

    private FullChatServer(TestDatabase database, Server io, EmbeddedTomcat tomcat) {
        this.database = database;
        this.io = io;
        this.tomcat = tomcat;
        this.users = new FullChatUsers(URI.create(tomcat.url() + "/"));
    }

    /** @param database the chat's database, closed with the server */
    static FullChatServer start(TestDatabase database) {
        Server io = new Server(FullChat.serverOptions().build()); // recovery on, as in the WAR
        io.on("connection", socket -> {
            socket.broadcast().emit("hi");
            socket.on("chat message", args -> io.emit("chat message", args[0]));
        });
        FullChat.install(io, new ChatStore(database.dataSource()), RateLimiter.chatDefault(), LEAVE_GRACE);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(0,
                (context, websocket) -> SocketIoRegistration.register(context, io, WebSocketMode.NATIVE));
        return new FullChatServer(database, io, tomcat);
    }

    /**
     * @param auth the CONNECT packet's {@code auth}: strings, numbers, {@code org.json} arrays
     * @return a client of the full chat, not yet connecting, recording the chat's events
     */
    ChatClient client(Map<String, Object> auth) {
        return users.client(auth);
    }

    /** @return a user of a browser of its own (a new userId), connected */
    ChatClient user(String nickname) {
        return users.user(nickname);
    }

    /** @return a tab of the browser {@code userId}, connected */
    ChatClient tab(String nickname, String userId) {
        return users.tab(nickname, userId);
    }

    /** @return a client of the seed's chat on {@code /}, connected */
    TestClient seedClient() {
        return users.seedClient();
    }

    /**
     * Waits until the server has no socket of {@code nickname} in the user's room: its last tab's
     * disconnection has reached the server (the chat's leave follows within microseconds).
     */
    void awaitNoTabs(String nickname) {
        BroadcastOperator tabs = io.of(FullChat.NAMESPACE).in(ChatUser.room(Nickname.keyOf(nickname)));
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (!tabs.fetchSockets().join().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server still has a socket of " + nickname);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    /** @return the chat's database */
    TestDatabase database() {
        return database;
    }

    void disconnectClients() {
        users.disconnectClients();
    }

    @Override
    public void close() {
        try {
            disconnectClients();
            io.close();
            tomcat.close();
        } finally {
            users.close();
            database.close();
        }
    }
}
