package io.jakartio.it;

import io.jakartio.chat.FullChat;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.config.WebSocketMode;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.TestDatabase;
import java.net.URI;
import java.util.Map;

/**
 * The full chat in an embedded Tomcat on 127.0.0.1, over a test database, beside the seed's
 * chat on {@code /} (its two handlers as {@code io.jakartio.chat.ChatHandlers} has them), and
 * the official Java clients of a test ({@link FullChatUsers}), disconnected by
 * {@link #disconnectClients()}.
 *
 * <pre>{@code
 * try (FullChatServer server = FullChatServer.start(TestDatabase.h2())) {
 *     ChatClient alice = server.user("Alice");
 * }
 * }</pre>
 */
final class FullChatServer implements AutoCloseable {

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
        Server io = new Server(ServerOptions.defaults());
        io.on("connection", socket -> {
            socket.broadcast().emit("hi");
            socket.on("chat message", args -> io.emit("chat message", args[0]));
        });
        FullChat.install(io, new ChatStore(database.dataSource()));
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
