package io.jakartio.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.chat.FullChat;
import io.jakartio.chat.seed.ChatPageServlet;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.chat.web.ChatAppServlet;
import io.jakartio.container.ChromiumBrowser;
import io.jakartio.redis.Nginx;
import io.jakartio.redis.RedisAdapterFactory;
import io.jakartio.redis.RedisAdapterOptions;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.Closing;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The full chat as a cluster, in headless Chromium: two nodes (an embedded Tomcat each, the
 * seed's chat on {@code /} and {@link FullChat} on {@code /chat}, as {@link FullChatBrowserIT}
 * has them) on the Redis adapter (the Redis at 127.0.0.1:6379, a channel prefix of this test's
 * own) and on ONE PostgreSQL schema, behind Debian's nginx running the documented
 * {@code server-config/nginx/jakartio.conf} in its cookie variant. Browsers of one machine share
 * an address, so nginx's cookie routes them: each browser gets the routing cookie of the node it
 * is meant for (as if nginx had drawn that key), and the test asks each node which sockets it
 * holds. Alice and Carol (who joins late) are on node a, Bob on node b; the scenarios run in
 * order on the same chat, the last one stopping node a. Screenshots go to
 * {@code target/screenshots/chat-cluster/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FullChatClusterBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("jakartio.it.chat-cluster-screenshots",
            "target/screenshots/chat-cluster"));
    private static final String REDIS = "redis://127.0.0.1:6379";

    private TestDatabase database;
    private ChatNode a;
    private ChatNode b;
    private Nginx nginx;
    private ChatPage alice;
    private ChatPage bob;
    private ChatPage carol;
    private CompletableFuture<ChatPage> carolStarting;
    private List<ChatPage> opened = List.of();

    @BeforeAll
    void startTwoNodesBehindNginx() throws Exception {
        ChromiumBrowser.requireChromium();
        Nginx.requireNginx();
        database = TestDatabase.postgres();
        RedisAdapterOptions redis = RedisAdapterOptions.builder().uri(REDIS).key("jakartio-test-" + UUID.randomUUID())
                .requestsTimeout(Duration.ofSeconds(2)).build();
        a = ChatNode.start("a", redis, database.dataSource());
        b = ChatNode.start("b", redis, database.dataSource());
        awaitBothNodesOnRedis();
        nginx = Nginx.startCookieVariant(List.of(a.url(), b.url()));
        Map<ChatNode, String> routes = routingKeys();
        // three browsers start together (a few seconds each); Carol's is awaited only when she is needed
        List<CompletableFuture<ChatPage>> starting = List.of(open("alice", routes.get(a)), open("bob", routes.get(b)),
                open("carol", routes.get(a)));
        carolStarting = starting.get(2);
        CompletableFuture.allOf(starting.get(0), starting.get(1)).exceptionally(e -> null).join();
        opened = starting.subList(0, 2).stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join)
                .collect(Collectors.toCollection(CopyOnWriteArrayList::new));
        alice = starting.get(0).join();
        bob = starting.get(1).join();
    }

    /** A browser of its own on the chat through nginx, routed to a node by nginx's cookie. */
    private CompletableFuture<ChatPage> open(String name, String routingKey) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ChatPage page = ChatPage.open(name, chat());
                page.setCookie(Nginx.COOKIE, routingKey);
                page.reload(); // the page has not connected yet: from now on every request brings the key
                return page;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    void stopTheCluster() {
        List<ChatPage> pages = new ArrayList<>(opened);
        if (carol == null && carolStarting != null) { // a failure came before Carol was needed
            pages.add(carolStarting.exceptionally(e -> null).join());
        }
        // the browsers quit together (a second or so each)
        CompletableFuture.allOf(pages.stream().map(page -> CompletableFuture.runAsync(() -> Closing.quietly(page)))
                .toArray(CompletableFuture[]::new)).join();
        Closing.quietly(nginx, a, b, database);
    }

    private URI chat() {
        return URI.create(nginx.url() + "/chat/");
    }

    @Test
    @Order(1)
    void usersOnDifferentNodesSeeEachOtherOnlineAndANicknameOnlineOnTheOtherNodeIsTaken() {
        alice.join("Alice");
        bob.join("Bob");
        alice.awaitJoined();
        bob.awaitJoined();
        assertEquals(a, nodeOf(alice));
        assertEquals(b, nodeOf(bob));
        alice.awaitOnline(List.of("Alice", "Bob"));
        bob.awaitOnline(List.of("Alice", "Bob"));

        carol = carolStarting.join();
        opened.add(carol);
        carol.join(" bob ");
        carol.awaitJoinRefused("nickname taken"); // asked of node a, Bob is on node b
    }

    @Test
    @Order(2)
    void typingOnOneNodeShowsOnTheOther() {
        bob.draft("I am wri");
        alice.awaitTyping("Bob is typing…");
        bob.clearDraft();
    }

    @Test
    @Order(3)
    void generalMessagesCrossTheNodesBothWays() {
        alice.say("hello from node a");
        bob.awaitMessage("Alice: hello from node a");
        bob.say("hello from node b");
        alice.awaitMessage("Bob: hello from node b");
    }

    @Test
    @Order(4)
    void aDirectMessageCrossesTheNodesToEveryTabOfItsTargetAndOfItsSender() {
        ChatPage aliceSecondTab = alice.newTab("alice's second tab", chat()); // the same cookie: node a
        try {
            aliceSecondTab.pressJoin();
            aliceSecondTab.awaitJoined();
            assertEquals(a, nodeOf(aliceSecondTab));

            ChatScenarios.directMessageToEveryTab(bob, alice, aliceSecondTab);
            bob.openRoom("general");
            alice.openRoom("general");
        } finally {
            aliceSecondTab.close();
        }
    }

    @Test
    @Order(5)
    void someoneJoiningLateOnTheOtherNodeGetsTheHistoryFromTheSharedDatabase() {
        carol.join("Carol");
        carol.awaitJoined();
        assertEquals(a, nodeOf(carol));
        // written through node b, read by node a from the database
        carol.awaitMessage("Bob: hello from node b");
        carol.awaitMessage("Alice: hello from node a");
        assertFalse(carol.pageText().contains("psst") || carol.pageText().contains("only you"),
                "someone else's direct messages");
        carol.awaitOnline(List.of("Alice", "Bob", "Carol"));
        bob.waitFor("'Carol joined', from node a", () -> bob.notices().contains("Carol joined"));
    }

    @Test
    @Order(6)
    void aRoomMessageCrossesTheNodesToTheRoomsMembersOnly() throws IOException {
        bob.joinRoom("ops"); // created on node b
        alice.waitFor("#ops in the room list", () -> alice.rooms().contains("ops"));
        alice.openRoom("ops"); // joined on node a
        alice.waitFor("alice in #ops", () -> alice.joined("ops"));
        bob.say("only for ops members");
        alice.awaitMessage("Bob: only for ops members");
        alice.screenshot(SCREENSHOTS.resolve("alice-on-node-a.png"));
        bob.screenshot(SCREENSHOTS.resolve("bob-on-node-b.png"));

        alice.openRoom("general");
        bob.openRoom("general");
        bob.say("back in general");
        carol.awaitMessage("Bob: back in general"); // after the #ops message, from the same node
        assertFalse(carol.joined("ops"));
        assertFalse(carol.pageText().contains("only for ops"), "carol is not in #ops");
    }

    @Test
    @Order(7)
    void theSeedsPageOnOneNodeAndTheFullChatOnTheOtherHearEachOther() {
        ChatPage seed = alice.newTab("the seed's page", URI.create(nginx.url() + "/")); // node a
        try {
            seed.awaitSeedConnected();
            String seedSocket = (String) seed.script("return socket.id");
            assertTrue(a.io.sockets().sockets().containsKey(seedSocket), "the seed's page is on node a");

            seed.seedSay("hello from the tutorial's page");
            bob.awaitMessage("guest: hello from the tutorial's page");
            bob.say("hello, tutorial");
            seed.awaitSeedMessage("Bob: hello, tutorial");
        } finally {
            seed.close();
        }
    }

    @Test
    @Order(8)
    void whenANodeDiesItsUsersComeBackThroughNginxOnTheOtherNodeWithWhatTheyMissed() throws IOException {
        // Alice's page waits 2.5 s before reconnecting (the client's own backoff, without jitter),
        // so that Bob's message is certainly written while she is away; the page records when it
        // loses its connection (with the banner it shows then) and when it is back
        alice.script("var socket = window.jakartioChat.socket; window.connection = [];"
                + " socket.io.reconnectionDelay(2500).randomizationFactor(0);"
                + " socket.on('disconnect', function () { var banner = document.getElementById('banner');"
                + "   connection.push('lost, banner ' + (banner.classList.contains('shown') ? banner.textContent : 'hidden')); });"
                + " socket.on('connect', function () { connection.push('back'); });");
        a.close(); // its Tomcat stops (connections cut), then its server and its Redis connections

        String lost = "lost, banner Connection lost. Reconnecting…";
        alice.waitFor("the connection lost", () -> connection(alice).contains(lost));
        bob.say("while node a was down");
        bob.awaitMessageData("while node a was down", "state", "sent");
        assertEquals(List.of(lost), connection(alice), "Alice away, her banner shown, when Bob's message was stored");

        alice.awaitNoBanner();
        assertEquals(List.of(lost, "back"), connection(alice));
        alice.awaitMessage("Bob: while node a was down"); // from the serverOffset she sent to node b
        carol.awaitMessage("Bob: while node a was down");
        assertEquals(b, nodeOf(alice));
        assertEquals(b, nodeOf(carol));
        alice.say("back, on node b");
        bob.awaitMessage("Alice: back, on node b");
        bob.awaitOnline(List.of("Alice", "Bob", "Carol"));
        List<String> seen = alice.messages();
        assertEquals(seen.stream().distinct().toList(), seen, "alice's messages, each once");
        alice.screenshot(SCREENSHOTS.resolve("alice-after-node-a-died.png"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> connection(ChatPage page) {
        return (List<String>) page.script("return window.connection");
    }

    /** @return the node holding the page's socket on {@code /chat}, which must be on one only */
    private ChatNode nodeOf(ChatPage page) {
        String id = page.socketId();
        assertNotNull(id, "the page's socket is connected");
        boolean onA = a.holds(id);
        boolean onB = b.holds(id);
        assertNotEquals(onA, onB, () -> id + " should be on exactly one node");
        return onA ? a : b;
    }

    /** Waits until both servers are subscribed on Redis for both namespaces. */
    private void awaitBothNodesOnRedis() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String namespace : List.of("/", FullChat.NAMESPACE)) {
            for (ChatNode node : List.of(a, b)) {
                while (node.io.of(namespace).adapter().serverCount().join() != 2) {
                    if (System.nanoTime() > deadline) {
                        fail("node " + node.name + " does not see two servers on " + namespace);
                    }
                    sleep(20);
                }
            }
        }
    }

    /**
     * Finds, for each node, a value of nginx's routing cookie that sends a request there: where a
     * key goes depends on the nodes' addresses (free ports), so nginx's access log tells.
     */
    private Map<ChatNode, String> routingKeys() throws IOException {
        Map<String, String> keyByUpstream = new HashMap<>();
        for (int i = 0; i < 40 && keyByUpstream.size() < 2; i++) {
            String key = "route-" + i;
            HttpURLConnection request = (HttpURLConnection) URI.create(nginx.url() + "/chat/?probe=" + key).toURL()
                    .openConnection();
            request.setRequestProperty("Cookie", Nginx.COOKIE + "=" + key);
            assertEquals(200, request.getResponseCode());
            request.getInputStream().readAllBytes();
            request.disconnect();
            keyByUpstream.putIfAbsent(upstreamOf("probe=" + key), key);
        }
        Map<ChatNode, String> keys = new HashMap<>();
        for (ChatNode node : List.of(a, b)) {
            String key = keyByUpstream.get(node.url().replace("http://", ""));
            assertNotNull(key, () -> "no routing key of 40 reaches node " + node.name + ": " + keyByUpstream);
            keys.put(node, key);
        }
        return keys;
    }

    private String upstreamOf(String query) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (Nginx.Request request : nginx.requests()) {
                if (request.uri().contains(query)) {
                    return request.upstream();
                }
            }
            sleep(10);
        }
        return fail("nginx did not log " + query + ": " + nginx.logs());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One node: both chats on a server with the Redis adapter, in a Tomcat of its own. */
    private static final class ChatNode implements AutoCloseable {
        private final String name;
        private final Server io;
        private final EmbeddedTomcat tomcat;
        private boolean open = true;

        private ChatNode(String name, Server io, EmbeddedTomcat tomcat) {
            this.name = name;
            this.io = io;
            this.tomcat = tomcat;
        }

        static ChatNode start(String name, RedisAdapterOptions redis, DataSource database) {
            Server io = new Server(FullChat.serverOptions().adapter(new RedisAdapterFactory(redis)).build());
            // the seed's chat, as io.jakartio.chat.seed.ChatHandlers has it
            io.on("connection", socket -> {
                socket.broadcast().emit("hi");
                socket.on("chat message", args -> io.emit("chat message", args[0]));
            });
            FullChat.install(io, new ChatStore(database));
            EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, websocket) -> {
                SocketIoRegistration.register(context, io);
                context.addServlet("chat-page", new ChatPageServlet()).addMapping("");
                context.addServlet("chat-app", new ChatAppServlet()).addMapping("/chat", "/chat/*");
            });
            return new ChatNode(name, io, tomcat);
        }

        String url() {
            return tomcat.url();
        }

        boolean holds(String socketId) {
            return io.of(FullChat.NAMESPACE).sockets().containsKey(socketId);
        }

        /**
         * Stops the node as a crash would for its clients: Tomcat first, cutting every connection
         * (closing the server first would tell its clients goodbye), then the server.
         */
        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            try {
                tomcat.close();
            } finally {
                io.close();
            }
        }

        @Override
        public String toString() {
            return "node " + name;
        }
    }
}
