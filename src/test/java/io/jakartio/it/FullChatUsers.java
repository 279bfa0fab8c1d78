package io.jakartio.it;

import io.jakartio.chat.FullChat;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;

/**
 * The official Java clients of one full chat, wherever it runs: users of {@code /chat}, who join
 * with {@code auth} {nickname, userId}, and clients of the seed's chat on {@code /}; each over
 * WebSocket, without reconnection, on a Manager of its own. {@link FullChatServer} has one for
 * its embedded Tomcat; the container tests ({@code io.jakartio.container.ChatIT}) one for the
 * chat WAR deployed in a real server.
 *
 * <pre>{@code
 * try (FullChatUsers users = new FullChatUsers(URI.create("http://127.0.0.1:8080/"))) {
 *     ChatClient alice = users.user("Alice");
 *     long id = ChatClient.id(alice.say("general", "hello", "c-1"));
 * }
 * }</pre>
 */
public final class FullChatUsers implements AutoCloseable {

    private final URI root;
    private final OkHttpClient http = new OkHttpClient();
    private final List<TestClient> clients = new CopyOnWriteArrayList<>();

    /** @param root where the chat's Socket.IO server answers, e.g. {@code http://127.0.0.1:8080/} */
    public FullChatUsers(URI root) {
        this.root = root;
    }

    /**
     * @param auth the CONNECT packet's {@code auth}: strings, numbers, {@code org.json} arrays
     * @return a client of the full chat, not yet connecting, recording the chat's events
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ChatClient client(Map<String, Object> auth) {
        IO.Options options = options();
        // the Java client declares Map<String, String> but sends new JSONObject(auth): any JSON value goes
        options.auth = (Map) auth;
        return new ChatClient(track(IO.socket(root.resolve(FullChat.NAMESPACE), options), FullChat.NAMESPACE));
    }

    /** @return a user of a browser of its own (a new userId), connected */
    public ChatClient user(String nickname) {
        return tab(nickname, UUID.randomUUID().toString());
    }

    /** @return a tab of the browser {@code userId}, connected */
    public ChatClient tab(String nickname, String userId) {
        return client(Map.of("nickname", nickname, "userId", userId)).connect();
    }

    /** @return a client of the seed's chat on {@code /}, connected */
    TestClient seedClient() {
        TestClient client = track(IO.socket(root.resolve("/"), options()), "/");
        return client.open().awaitConnected();
    }

    private TestClient track(Socket socket, String namespace) {
        TestClient client = new TestClient(socket, namespace, new EngineProbe(socket.io()), null, null);
        clients.add(client);
        return client;
    }

    private IO.Options options() {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = new String[] {"websocket"};
        options.callFactory = http;
        options.webSocketFactory = http;
        return options;
    }

    /** Disconnects every client made so far. */
    public void disconnectClients() {
        clients.forEach(TestClient::close);
        clients.clear();
    }

    /** Disconnects every client and stops the HTTP client's threads. */
    @Override
    public void close() {
        try {
            disconnectClients();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
