package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.json.JSONObject;

/**
 * One official Java client of the full chat ({@code /chat}) with every event the server sends
 * it recorded from the start, so that {@code session} and {@code history}, which come right
 * after the connection, are never missed. Public for the container tests
 * ({@code io.jakartio.container.ChatIT}), which get it from {@link FullChatUsers}.
 *
 * <pre>{@code
 * ChatClient alice = users.user("Alice");
 * long id = ChatClient.id(alice.say("general", "hello", "c-1"));
 * Map<String, Object> seen = bob.nextChatMessage(m -> "hello".equals(m.get("text")), "alice's hello");
 * }</pre>
 */
public final class ChatClient {

    private final TestClient client;
    final Events session;
    final Events history;
    final Events userJoined;
    final Events userLeft;
    final Events chatMessage;
    final Events privateMessage;
    final Events typing;
    final Events stopTyping;
    final Events roomCreated;
    final Events rooms;
    private Map<String, Object> sessionSeen;
    private List<Map<String, Object>> historySeen;

    ChatClient(TestClient client) {
        this.client = client;
        session = client.record("session");
        history = client.record("history");
        userJoined = client.record("user joined");
        userLeft = client.record("user left");
        chatMessage = client.record("chat message");
        privateMessage = client.record("private message");
        typing = client.record("typing");
        stopTyping = client.record("stop typing");
        roomCreated = client.record("room created");
        rooms = client.record("rooms");
    }

    /**
     * Connects and waits for the connection (fails on {@code connect_error}), then for the
     * {@code session} and {@code history}: the server sends them once the socket is in its rooms
     * (CONNECT itself comes before the server's connection handler has run, as in Socket.IO) and
     * has read the database for it.
     */
    public ChatClient connect() {
        client.open().awaitConnected();
        awaitSession();
        awaitHistory();
        return this;
    }

    /** Connects and returns the {@code connect_error}'s message (fails if it connects). */
    public Object refusal() {
        Object error = client.open().awaitConnectError();
        return ((Map<?, ?>) Json.plain(error)).get("message");
    }

    /** @return the {@code session} the server sent (waited for once) */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> awaitSession() {
        if (sessionSeen == null) {
            sessionSeen = (Map<String, Object>) Json.plain(session.next()[0]);
        }
        return sessionSeen;
    }

    /** @return the {@code history} the server sent (waited for once) */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> awaitHistory() {
        if (historySeen == null) {
            historySeen = (List<Map<String, Object>>) Json.plain(history.next()[0]);
        }
        return historySeen;
    }

    /**
     * Emits with an acknowledgement and waits for it.
     *
     * @param event the event
     * @param args its arguments ({@code org.json} values)
     * @return the acknowledgement's first argument, as plain values
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> ack(String event, Object... args) {
        return (Map<String, Object>) Json.plain(client.ackFirst(event, args));
    }

    /** Sends a room message and returns the ack. */
    public Map<String, Object> say(String room, String text, String clientOffset) {
        return ack("chat message", Json.object("room", room, "text", text, "clientOffset", clientOffset));
    }

    /** Sends a direct message and returns the ack. */
    Map<String, Object> tell(String to, String text, String clientOffset) {
        return ack("private message", Json.object("to", to, "text", text, "clientOffset", clientOffset));
    }

    /** Joins a room and returns the ack. */
    Map<String, Object> join(String room) {
        return ack("join room", Json.object("room", room));
    }

    /** Emits without an acknowledgement. */
    void emit(String event, JSONObject payload) {
        client.emit(event, payload);
    }

    /** @return the id the ack of a stored message carries */
    public static long id(Map<String, Object> ack) {
        if (!Boolean.TRUE.equals(ack.get("ok")) || !(ack.get("id") instanceof Number id)) {
            return fail("not an ok ack with an id: " + ack);
        }
        return id.longValue();
    }

    /** @return the first argument of the next occurrence that matches, as plain values */
    @SuppressWarnings("unchecked")
    static Map<String, Object> next(Events events, Predicate<Map<String, Object>> where, String what) {
        Object[] args = events.next(a -> a.length > 0 && Json.plain(a[0]) instanceof Map<?, ?> m
                && where.test((Map<String, Object>) m), what);
        return (Map<String, Object>) Json.plain(args[0]);
    }

    /** Fails if an occurrence matching {@code where} arrived or arrives within the grace period after {@code since}. */
    @SuppressWarnings("unchecked")
    static void none(Events events, Predicate<Map<String, Object>> where, long since) {
        events.none(a -> a.length > 0 && Json.plain(a[0]) instanceof Map<?, ?> m && where.test((Map<String, Object>) m), since);
    }

    /**
     * Waits for a {@code chat message} that matches, skipping others.
     *
     * @param where which message, as plain values ({@code id}, {@code room}, {@code from}, {@code text}, ...)
     * @param what describes it in the failure message
     * @return the message, as plain values
     */
    public Map<String, Object> nextChatMessage(Predicate<Map<String, Object>> where, String what) {
        return next(chatMessage, where, what);
    }

    TestClient client() {
        return client;
    }

    /** Disconnects (no-op if already disconnected). */
    public void close() {
        client.close();
    }
}
