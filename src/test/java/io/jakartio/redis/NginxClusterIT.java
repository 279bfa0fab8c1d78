package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.engine.TransportType;
import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.Ack;
import io.jakartio.server.Handshake;
import io.jakartio.server.Socket;
import io.socket.client.IO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Jakartio nodes on the Redis adapter, each running the chat ({@code chat message} →
 * {@code io.emit}), behind Debian's nginx running the documented
 * {@code server-config/nginx/jakartio.conf}. The official Java client connects through nginx
 * only, from loopback addresses of its own (127.0.0.2, 127.0.0.3...): the configuration's
 * {@code hash $remote_addr consistent} keeps each address on one node, and the test picks
 * addresses that land on different nodes, proven by asking each node which clients it holds.
 * nginx's access log tells which node served each request of a session. The cookie variant of
 * {@code server-config/nginx/README.md} runs in a second nginx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxClusterIT {

    private static final String CHAT = "chat message";
    private final Map<String, Handshake> handshakes = new ConcurrentHashMap<>();
    private final List<ClusterClient> clients = new CopyOnWriteArrayList<>();
    private final List<OkHttpClient> httpClients = new CopyOnWriteArrayList<>();
    private RedisCluster cluster;
    private Node a;
    private Node b;
    private Nginx nginx;

    @BeforeAll
    void startTwoChatNodesBehindNginx() {
        if (!Nginx.installed()) {
            return; // each test then skips, or fails on CI, saying so
        }
        cluster = new RedisCluster();
        // frequent pings: every 300 ms a poll is answered and the PONG posted, many requests quickly
        a = chat(cluster.start(options -> options.engine(engine -> engine
                .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofSeconds(5)))), "a");
        b = chat(cluster.start(options -> options.engine(engine -> engine
                .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofSeconds(5)))), "b");
        cluster.awaitServers("/", 2);
        nginx = Nginx.start(List.of(a.url(), b.url()));
    }

    private Node chat(Node node, String name) {
        node.io().on("connection", socket -> {
            handshakes.put(socket.id(), socket.handshake());
            socket.on(CHAT, args -> node.io().emit(CHAT, args[0]));
            socket.on("whoami", args -> ((Ack) args[args.length - 1]).call(name));
        });
        return node;
    }

    @BeforeEach
    void requireNginx() {
        Nginx.requireNginx();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ClusterClient::close);
        clients.clear();
    }

    @AfterAll
    void stop() {
        closeClients();
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            for (OkHttpClient http : httpClients) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    @Test
    void aPollingClientAndAWebSocketClientOnTwoNodesChatWithEachOtherThroughNginx() {
        ClusterClient polling = connect("127.0.0.2", "polling");
        Node pollingNode = nodeOf(polling);
        ClusterClient webSocket = connectOnOtherNode(pollingNode, "websocket");
        Node webSocketNode = nodeOf(webSocket);

        assertNotEquals(pollingNode, webSocketNode, "the clients are on different nodes");
        assertEquals(name(pollingNode), polling.emitWithAck("whoami").join()[0]);
        assertEquals(name(webSocketNode), webSocket.emitWithAck("whoami").join()[0]);
        assertEquals(TransportType.POLLING, socket(pollingNode, polling).conn().transport());
        assertEquals(TransportType.WEBSOCKET, socket(webSocketNode, webSocket).conn().transport());

        polling.socket().emit(CHAT, "hello from polling");
        webSocket.socket().emit(CHAT, "hello from websocket");

        Set<Object> both = Set.of("hello from polling", "hello from websocket");
        for (ClusterClient client : List.of(polling, webSocket)) {
            List<List<Object>> lines = client.expect(CHAT, 2);
            assertEquals(both, lines.stream().map(line -> line.get(0)).collect(Collectors.toSet()),
                    "each line once, the other's and its own: " + lines);
        }
    }

    @Test
    void aPollingSessionStaysOnItsNodeAcrossManyPolls() {
        ClusterClient polling = connect("127.0.0.2", "polling");
        Node node = nodeOf(polling);
        String sid = socket(node, polling).conn().id();

        for (int i = 0; i < 10; i++) {
            assertEquals(name(node), polling.emitWithAck("whoami").join()[0]);
        }
        eventually(() -> nginx.requests().stream().filter(request -> request.of(sid)).count() >= 30,
                "30 requests of the session through nginx (pings every 300 ms)");

        List<Nginx.Request> requests = nginx.requests().stream().filter(request -> request.of(sid)).toList();
        String upstream = node.url().replace("http://", "");
        for (Nginx.Request request : requests) {
            assertEquals(200, request.status(), () -> "every request of the session succeeds: " + requests);
            assertEquals(upstream, request.upstream(), () -> "every request of the session goes to its node: " + requests);
        }
        assertTrue(polling.isConnected(), "still connected");
        assertEquals(sid, socket(node, polling).conn().id(), "the same Engine.IO session");
        assertEquals(TransportType.POLLING, socket(node, polling).conn().transport());
    }

    @Test
    void aClientUpgradesFromPollingToWebSocketThroughNginx() {
        ClusterClient client = connect("127.0.0.4", "polling", "websocket");
        Node node = nodeOf(client);
        Socket socket = socket(node, client);
        String sid = socket.conn().id();

        eventually(() -> socket.conn().transport() == TransportType.WEBSOCKET, "the session upgraded to WebSocket");
        client.socket().emit(CHAT, "after the upgrade");
        assertEquals(List.of(List.of("after the upgrade")), client.expect(CHAT, 1));
        assertEquals(name(node), client.emitWithAck("whoami").join()[0]);

        client.close();
        String upstream = node.url().replace("http://", "");
        eventually(() -> nginx.requests().stream().anyMatch(request -> request.of(sid) && request.status() == 101),
                "nginx logs the WebSocket (101) of the session once it closed");
        List<Nginx.Request> requests = nginx.requests().stream().filter(request -> request.of(sid)).toList();
        assertTrue(requests.stream().allMatch(request -> request.upstream().equals(upstream)),
                () -> "the polling requests and the WebSocket of the session went to one node: " + requests);
    }

    @Test
    void theNodesSeeTheBrowsersOriginAndTheClientsAddressThroughNginx() {
        // the client sends Origin: <nginx's URL>, as a browser on the page served through nginx does;
        // Jakartio refuses a foreign origin, so connecting proves the Host it was told is nginx's
        ClusterClient client = connect("127.0.0.5", "polling");

        Handshake handshake = handshakes.get(client.id());
        assertNotNull(handshake, "the node saw the handshake");
        assertEquals(nginx.url(), handshake.header("origin"));
        assertEquals(nginx.url().replace("http://", ""), handshake.header("host"));
        assertEquals(nginx.url().replace("http://", ""), handshake.header("x-forwarded-host"));
        assertEquals("http", handshake.header("x-forwarded-proto"));
        assertEquals("127.0.0.5", handshake.header("x-forwarded-for"));
    }

    @Test
    void theCookieVariantSpreadsTheClientsOfOneAddressAndKeepsEachSessionOnItsNode() throws IOException {
        String readme = Files.readString(Path.of("server-config/nginx/README.md"));
        for (String snippet : List.of(Nginx.COOKIE_MAP, Nginx.COOKIE_HASH, Nginx.COOKIE_HEADER)) {
            assertTrue(readme.contains(snippet), () -> "server-config/nginx/README.md shows the variant as this test runs it: " + snippet);
        }
        try (Nginx cookies = Nginx.startCookieVariant(List.of(a.url(), b.url()))) {
            Map<Node, ClusterClient> onEachNode = new HashMap<>();
            for (int i = 0; i < 30 && onEachNode.size() < 2; i++) {
                ClusterClient client = connect(cookies, new OkHttpClient.Builder().socketFactory(new SourceAddressSockets("127.0.0.2"))
                        .cookieJar(new CookieKeeper()), "polling");
                onEachNode.putIfAbsent(nodeOf(client), client);
            }
            assertEquals(Set.of(a, b), onEachNode.keySet(), "clients of one address on both nodes: the cookie chose");

            for (Map.Entry<Node, ClusterClient> entry : onEachNode.entrySet()) {
                Node node = entry.getKey();
                ClusterClient client = entry.getValue();
                String sid = socket(node, client).conn().id();
                for (int i = 0; i < 5; i++) {
                    assertEquals(name(node), client.emitWithAck("whoami").join()[0]);
                }
                eventually(() -> cookies.requests().stream().filter(request -> request.of(sid)).count() >= 15,
                        "15 requests of the session through nginx");
                List<Nginx.Request> requests = cookies.requests().stream().filter(request -> request.of(sid)).toList();
                String upstream = node.url().replace("http://", "");
                assertTrue(requests.stream().allMatch(request -> request.status() == 200 && request.upstream().equals(upstream)),
                        () -> "every request of the session went to its node and succeeded: " + requests);
                assertTrue(client.isConnected());
            }
            closeClients();
        }
    }

    /** Connects through nginx from {@code source}, a loopback address, on {@code transports}. */
    private ClusterClient connect(String source, String... transports) {
        return connect(nginx, new OkHttpClient.Builder().socketFactory(new SourceAddressSockets(source)), transports);
    }

    private ClusterClient connect(Nginx through, OkHttpClient.Builder builder, String... transports) {
        OkHttpClient http = builder.readTimeout(1, TimeUnit.MINUTES).build();
        httpClients.add(http);
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = transports;
        options.callFactory = http;
        options.webSocketFactory = http;
        options.extraHeaders = Map.of("Origin", List.of(through.url()));
        ClusterClient client = ClusterClient.connect(through.url(), options);
        clients.add(client);
        return client;
    }

    /** A client from the first of 127.0.0.10, .11... that nginx sends to the other node than {@code taken}. */
    private ClusterClient connectOnOtherNode(Node taken, String... transports) {
        for (int host = 10; host < 60; host++) {
            ClusterClient client = connect("127.0.0." + host, transports);
            if (nodeOf(client) != taken) {
                return client;
            }
            client.close();
        }
        return fail("50 client addresses all hashed to " + name(taken) + ": nginx does not balance");
    }

    private Node nodeOf(ClusterClient client) {
        boolean onA = a.io().sockets().sockets().containsKey(client.id());
        boolean onB = b.io().sockets().sockets().containsKey(client.id());
        assertNotEquals(onA, onB, () -> client.id() + " should be on exactly one node");
        return onA ? a : b;
    }

    private String name(Node node) {
        return node == a ? "a" : "b";
    }

    private static Socket socket(Node node, ClusterClient client) {
        Socket socket = node.io().sockets().sockets().get(client.id());
        assertNotNull(socket, () -> client.id() + " is not connected to " + node.url());
        return socket;
    }

    private void eventually(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + ClusterClient.WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for: " + what + "; nginx: " + nginx.logs());
            }
            RedisCluster.sleep(20);
        }
    }
}
