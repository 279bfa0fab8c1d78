package io.jakartio.it;

import static io.jakartio.it.ChatClient.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the full chat's server-side tests (namespace {@code /chat}, docs/CHAT.md): the
 * official Java client against the chat in an embedded Tomcat, once on each database
 * ({@link EveryDatabase}); the clients of a test are disconnected after it. Names and rooms are
 * unique to each test, so tests share a server.
 */
@ExtendWith(FullChatServers.Resolver.class)
abstract class FullChatScenarios {

    private FullChatServers servers;
    private final List<FullChatServer> used = new ArrayList<>();

    @BeforeEach
    void attach(FullChatServers servers) {
        this.servers = servers;
    }

    @AfterEach
    void disconnectClients() {
        used.forEach(FullChatServer::disconnectClients);
        used.clear();
    }

    /** @return the full chat on {@code database}, its clients disconnected after the test */
    FullChatServer chat(ChatDatabase database) {
        FullChatServer server = servers.get(database);
        used.add(server);
        return server;
    }

    /**
     * Emits every 200 ms until the notice arrives: typing notices are volatile, dropped by the
     * server when the receiver's connection is busy writing (as on a loaded test machine).
     */
    static Map<String, Object> untilReceived(Runnable emit, Events events, Predicate<Map<String, Object>> where,
            String what) {
        ScheduledExecutorService repeat = Executors.newSingleThreadScheduledExecutor();
        try {
            repeat.scheduleWithFixedDelay(emit, 0, 200, TimeUnit.MILLISECONDS);
            return next(events, where, what);
        } finally {
            repeat.shutdownNow();
        }
    }

    /** Waits until {@code witness} hears that {@code nickname} left: the server has seen its last tab go. */
    static void awaitGone(ChatClient witness, String nickname) {
        next(witness.userLeft, m -> nickname.equals(m.get("nickname")), nickname + " left");
    }

    static Map<String, Object> auth(Object... keysAndValues) {
        return Json.map(keysAndValues);
    }

    static String nameOf(ChatClient client) {
        return String.valueOf(client.awaitSession().get("nickname"));
    }

    /** A nickname unique to this test: at most 15 characters of {@code base}, a dash and 8 more. */
    static String nick(String base) {
        return base + "-" + uid();
    }

    /** A room name unique to this test, in lower case. */
    static String room(String base) {
        return (base + "-" + uid()).toLowerCase();
    }

    static String offset() {
        return "c-" + UUID.randomUUID();
    }

    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> last(Map<String, Object> joinAck) {
        assertEquals(true, joinAck.get("ok"), joinAck.toString());
        return (List<Map<String, Object>>) joinAck.get("history");
    }

    static List<Long> ids(List<Map<String, Object>> messages) {
        List<Long> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(((Number) m.get("id")).longValue()));
        return ids;
    }

    static List<Object> texts(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> m.get("text")).toList();
    }

    static void assertAscending(List<Map<String, Object>> messages) {
        List<Long> ids = ids(messages);
        assertEquals(ids.stream().sorted().toList(), ids, "oldest first");
        assertFalse(ids.isEmpty(), "some history");
    }
}
