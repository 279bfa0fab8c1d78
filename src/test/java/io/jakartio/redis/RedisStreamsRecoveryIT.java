package io.jakartio.redis;

import static io.jakartio.redis.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.redis.RedisCluster.Node;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.Socket;
import io.jakartio.testing.TcpProxy;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connection state recovery across servers on the Redis Streams adapter: a client connected to
 * server A loses its network, broadcasts go on from server B, and the client comes back on B: it
 * gets its socket (same id, rooms, data) and the packets it missed, in order. With the official
 * Node client (socket.io-client 4.8.4, through a proxy of {@code redis-streams-node.mjs} that
 * switches from A to B), and with the official Java client and the application's ten lines that
 * send {@code pid} and {@code offset} back (the Java client has no recovery of its own: see
 * {@code JavaClientRecoveryTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStreamsRecoveryIT {

    private RedisCluster cluster;
    private Node a;
    private Node b;
    private NodeServer roaming;
    private final String roamingKey = "jakartio-test-" + UUID.randomUUID();

    @BeforeAll
    void startTwoServersWithRecovery() {
        cluster = RedisCluster.onStreams();
        a = cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
        b = cluster.start(options -> options.connectionStateRecovery(new ConnectionStateRecovery(Duration.ofMinutes(1), true)));
        cluster.awaitServers("/", 2);
        // the script's own server is on a stream of its own: only its roaming client takes part here
        roaming = NodeServer.script("redis-streams-node.mjs", cluster.uri(), roamingKey);
    }

    @AfterAll
    void stop() {
        if (roaming != null) {
            roaming.close();
            cluster.probe().deleteKeys(roamingKey, roamingKey + ":session:*"); // what the script's own server left
        }
        cluster.close();
    }

    @Test
    void theNodeClientCutFromOneServerResumesOnAnotherWithItsRoomsDataAndMissedPackets() {
        String id = (String) roaming.call("roam", "port", a.port());
        a.socket(id).join("n-room");
        a.socket(id).data().put("user", "ann");
        a.io().to(id).emit("n-before", 0);
        eventually(() -> roaming.roamerReceived("n-before").size() == 1);

        roaming.call("cut");
        eventually(() -> !a.io().sockets().sockets().containsKey(id));
        inStream(() -> b.io().emit("n-missed", 1));
        inStream(() -> b.io().to("n-room").emit("n-missed", 2));
        inStream(() -> b.io().to("another room").emit("n-not-for-it"));
        inStream(() -> a.io().to("n-room").except("n-muted").emit("n-missed", 3));
        inStream(() -> b.io().to(id).emit("n-missed", 4));
        roaming.call("switch", "port", b.port());

        eventually(() -> roaming.roamerConnections().size() == 2);
        Map<?, ?> back = roaming.roamerConnections().get(1);
        assertEquals(Map.of("id", id, "recovered", true), Map.of("id", back.get("id"), "recovered", back.get("recovered")));
        eventually(() -> roaming.roamerReceived("n-missed").size() == 4);
        assertEquals(List.of(1, 2, 3, 4), roaming.roamerReceived("n-missed").stream().map(args -> args.get(0)).toList(),
                "every missed packet, in order, once");
        assertEquals(List.of(), roaming.roamerReceived("n-not-for-it"));
        Socket resumed = b.socket(id);
        assertTrue(resumed.rooms().containsAll(Set.of(id, "n-room")), resumed.rooms().toString());
        assertEquals("ann", resumed.data().get("user"));
        b.io().to("n-room").emit("n-after");
        eventually(() -> roaming.roamerReceived("n-after").size() == 1);
    }

    @Test
    void theJavaClientWithPidAndOffsetInItsAuthResumesOnAnotherServer() throws Exception {
        try (TcpProxy network = TcpProxy.to(a.port())) {
            Map<String, String> auth = new ConcurrentHashMap<>();
            List<String> events = new CopyOnWriteArrayList<>();
            io.socket.client.Socket first = recoverable(URI.create(network.url()), auth, events);
            CompletableFuture<Void> connected = new CompletableFuture<>();
            first.once(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
            first.connect();
            connected.get(5, TimeUnit.SECONDS);
            String id = first.id();
            a.socket(id).join("j-room");
            a.io().to("j-room").emit("j-before");
            eventually(() -> events.contains("j-before") && auth.containsKey("offset"));

            network.cut();
            eventually(() -> !a.io().sockets().sockets().containsKey(id));
            first.close();
            long entries = cluster.probe().xlen(cluster.key());
            b.io().to("j-room").emit("j-missed", 1);
            eventually(() -> cluster.probe().xlen(cluster.key()) > entries); // two servers' emits: the stream orders them
            a.io().emit("j-missed", 2);

            List<String> after = new CopyOnWriteArrayList<>();
            io.socket.client.Socket second = recoverable(URI.create(b.url()), auth, after);
            CompletableFuture<String> reconnected = new CompletableFuture<>();
            second.once(io.socket.client.Socket.EVENT_CONNECT, args -> reconnected.complete(second.id()));
            second.connect();
            try {
                assertEquals(id, reconnected.get(5, TimeUnit.SECONDS), "the same socket, on the other server");
                eventually(() -> after.size() >= 2);
                assertEquals(List.of("j-missed 1", "j-missed 2"), after);
                assertTrue(b.socket(id).rooms().contains("j-room"));
            } finally {
                second.close();
            }
        }
    }

    /** Emits, and waits until the stream has it: emits of two servers are ordered only by the stream. */
    private void inStream(Runnable emit) {
        long entries = cluster.probe().xlen(cluster.key());
        emit.run();
        eventually(() -> cluster.probe().xlen(cluster.key()) > entries);
    }

    /** The application's lines: the CONNECT's pid and each event's last string argument go into the auth map. */
    private static io.socket.client.Socket recoverable(URI uri, Map<String, String> auth, List<String> events) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = new String[] {"websocket"};
        options.auth = auth;
        io.socket.client.Socket socket = IO.socket(uri, options);
        socket.io().on(Manager.EVENT_PACKET, args -> {
            Packet<?> packet = (Packet<?>) args[0];
            if (packet.type == Parser.CONNECT && packet.data instanceof JSONObject data && data.has("pid")) {
                auth.put("pid", data.optString("pid"));
            } else if (packet.type == Parser.EVENT && packet.data instanceof JSONArray data
                    && data.opt(data.length() - 1) instanceof String offset && auth.containsKey("pid")) {
                auth.put("offset", offset);
                events.add(data.length() > 2 ? data.opt(0) + " " + data.opt(1) : String.valueOf(data.opt(0)));
            }
        });
        return socket;
    }
}
