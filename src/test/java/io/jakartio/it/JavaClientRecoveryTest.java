package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.TcpProxy;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery and the official Java client (io.socket:socket.io-client 2.1.2),
 * against the scenarios fixture with recovery on, over websocket only, polling only and
 * polling-then-upgrade; the client's network is dropped by a {@link TcpProxy}.
 *
 * <p><b>The Java client does not support recovery.</b> In 2.1.2, {@code Socket.onpacket} reads
 * only {@code sid} from the CONNECT packet ({@code onconnect(data.getString("sid"))}): the
 * {@code pid} is ignored; {@code Socket.onopen} sends the {@code auth} option as the CONNECT
 * payload and nothing else, so no {@code pid} or {@code offset} ever goes back; there is no
 * {@code recovered} property, and no last offset is kept. So a plain Java client reconnects with a
 * fresh socket and misses what was sent meanwhile, as without the option; what it does get is
 * every event's offset as one more, last, String argument (as Node's client passes it to its
 * listeners too).
 *
 * <p><b>It can, with ten lines of the application's.</b> The client sends its {@code auth} map
 * again at each reconnection, the same map object: an application that keeps the {@code pid} of
 * the CONNECT packet ({@code Manager.EVENT_PACKET}) and the last string argument of each event in
 * it gets its socket back with its missed events, as the JavaScript client does
 * ({@link #recoverable(URI, IO.Options)}, shown in the README).
 */
class JavaClientRecoveryTest {

    private static final Duration PING = Duration.ofMillis(300);
    private static final long WAIT_SECONDS = 5;

    private static JavaClientServer server;

    private final List<Socket> sockets = new ArrayList<>();
    private final List<TcpProxy> networks = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = JavaClientServer.start("java-client-recovery", scheduler -> ScenariosFixture.create(scheduler,
                ServerOptions.builder()
                        .engine(engine -> engine.pingInterval(PING).pingTimeout(PING))
                        .connectionStateRecovery(ConnectionStateRecovery.defaults())
                        .build()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        sockets.forEach(Socket::close);
        networks.forEach(TcpProxy::close);
    }

    /** A client of one transport mode through a network the test can cut; reconnects quickly. */
    private IO.Options options(String mode) {
        IO.Options options = server.options();
        options.reconnectionDelay = 100;
        options.reconnectionDelayMax = 200;
        options.randomizationFactor = 0;
        options.transports = switch (mode) {
            case "websocket" -> new String[] {"websocket"};
            case "polling" -> new String[] {"polling"};
            default -> null; // polling, then the upgrade
        };
        return options;
    }

    private Socket socket(String url, IO.Options options) {
        Socket socket = IO.socket(URI.create(url), options);
        sockets.add(socket);
        return socket;
    }

    /**
     * The events a socket's client receives, in the order they arrive: name then arguments. Read
     * off the packets, for a recovered socket's missed events come before its CONNECT (as from
     * Node's server), and the client emits those to the events' listeners only, not to
     * {@code onAnyIncoming} listeners.
     */
    private static List<List<Object>> record(Socket socket) {
        List<List<Object>> received = new CopyOnWriteArrayList<>();
        socket.io().on(Manager.EVENT_PACKET, args -> {
            Packet<?> packet = (Packet<?>) args[0];
            if ((packet.type == Parser.EVENT || packet.type == Parser.BINARY_EVENT) && packet.data instanceof JSONArray data) {
                List<Object> event = new ArrayList<>();
                for (int i = 0; i < data.length(); i++) {
                    event.add(data.opt(i));
                }
                received.add(event);
            }
        });
        return received;
    }

    private static void connect(Socket socket) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Object ack(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        Object[] withAck = java.util.Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (io.socket.client.Ack) answer -> reply.complete(answer.length > 0 ? answer[0] : null);
        socket.emit(event, withAck);
        return reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Object[]> next(Socket socket, String event) {
        CompletableFuture<Object[]> next = new CompletableFuture<>();
        socket.once(event, next::complete);
        return next;
    }

    /**
     * What an application adds to the Java client for recovery: the private session id of the
     * CONNECT packet and the last string argument of each event go into the {@code auth} map,
     * which the client sends again at each reconnection.
     */
    static Socket recoverable(URI uri, IO.Options options) {
        Map<String, String> auth = new ConcurrentHashMap<>(options.auth == null ? Map.of() : options.auth);
        options.auth = auth; // the socket keeps this map, and sends it with every CONNECT
        Socket socket = IO.socket(uri, options);
        socket.io().on(Manager.EVENT_PACKET, args -> {
            Packet<?> packet = (Packet<?>) args[0];
            if (packet.type == Parser.CONNECT && packet.data instanceof JSONObject data && data.has("pid")) {
                auth.put("pid", data.optString("pid"));
            } else if ((packet.type == Parser.EVENT || packet.type == Parser.BINARY_EVENT)
                    && packet.data instanceof JSONArray data && data.opt(data.length() - 1) instanceof String offset
                    && auth.containsKey("pid")) {
                auth.put("offset", offset);
            }
        });
        return socket;
    }

    /** One drop and return: what the client had, what it got back. */
    private record Round(String idBefore, String idAfter, String room, String watcherId, List<List<Object>> received,
            List<List<Object>> chatMessages) { }

    /**
     * A client joins a room and receives one event; its network is cut; once the server noticed,
     * a watcher sends to its room, to everyone and to it; then its network comes back.
     */
    private Round dropAndReturn(String mode, boolean withRecoveryCode) throws Exception {
        Socket watcher = socket(server.url(), options("websocket"));
        connect(watcher);
        String watcherId = (String) ack(watcher, "whoami");
        TcpProxy network = TcpProxy.to(server.port());
        networks.add(network);
        Socket client = withRecoveryCode
                ? recoverable(URI.create(network.url()), options(mode))
                : IO.socket(URI.create(network.url()), options(mode));
        sockets.add(client);
        connect(client);
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(true, ack(client, "join", room));
        CompletableFuture<Object[]> first = next(client, "room message");
        watcher.emit("to-room", new JSONObject(Map.of("room", room, "msg", "before")));
        first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        String idBefore = client.id();
        List<List<Object>> received = record(client);
        List<List<Object>> chatMessages = new CopyOnWriteArrayList<>(); // as the application's listener gets them
        client.on("chat message", args -> chatMessages.add(List.of(args)));

        CompletableFuture<Object[]> noticed = new CompletableFuture<>();
        watcher.on("user left", args -> {
            if (idBefore.equals(args[0])) {
                noticed.complete(args);
            }
        });
        network.cut();
        noticed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        watcher.emit("to-room", new JSONObject(Map.of("room", room, "msg", "away 1")));
        watcher.emit("chat message", "away to everyone");
        watcher.emit("dm", new JSONObject(Map.of("to", idBefore, "msg", "away direct")));
        watcher.emit("to-room", new JSONObject(Map.of("room", room, "msg", "away 2")));
        ack(watcher, "whoami"); // handled in order: everything before it was broadcast
        CompletableFuture<Object[]> back = next(client, Socket.EVENT_CONNECT);
        network.heal();
        back.get(WAIT_SECONDS, TimeUnit.SECONDS);
        Thread.sleep(300); // what the server's connection handler sends, if anything
        return new Round(idBefore, client.id(), room, watcherId, received, chatMessages);
    }

    /** @return the received events without their trailing offset, and without other tests' "user left" */
    private static List<List<Object>> withoutOffsets(Round round) {
        List<List<Object>> events = new ArrayList<>();
        for (List<Object> event : round.received()) {
            if ("user left".equals(event.get(0)) && !round.idBefore().equals(event.get(1))) {
                continue;
            }
            List<Object> args = new ArrayList<>(Json.plain(event.toArray()));
            assertInstanceOf(String.class, args.remove(args.size() - 1), "the offset, last: " + event);
            events.add(args);
        }
        return events;
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"websocket", "polling", "polling then upgrade"})
    void thePlainJavaClientComesBackWithAFreshSocketAndHasTheOffsetsAsALastArgument(String mode) throws Exception {
        Round round = dropAndReturn(mode, false);

        assertEquals(List.of(), round.chatMessages(), "nothing of what it missed");

        assertNotEquals(round.idBefore(), round.idAfter(), "the client sent no pid: a fresh socket");
        assertEquals(List.of(), withoutOffsets(round), "nothing of what it missed");
        Socket watcher = sockets.get(0);
        assertEquals(0, ack(watcher, "room-size", round.room()), "its old room is gone");
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"websocket", "polling", "polling then upgrade"})
    void withTheApplicationsTenLinesTheJavaClientRecoversItsSocketAndEveryMissedEventInOrder(String mode) throws Exception {
        Round round = dropAndReturn(mode, true);

        assertEquals(round.idBefore(), round.idAfter(), "the same socket");
        assertEquals(List.of(
                List.of("user left", round.idBefore()),
                List.of("room message", Map.of("room", round.room(), "msg", "away 1", "from", round.watcherId())),
                List.of("chat message", "away to everyone"),
                List.of("dm", Map.of("msg", "away direct", "from", round.watcherId())),
                List.of("room message", Map.of("room", round.room(), "msg", "away 2", "from", round.watcherId()))),
                withoutOffsets(round));
        Socket watcher = sockets.get(0);
        assertEquals(1, ack(watcher, "room-size", round.room()), "in its room again");
        // the application's listener gets the missed message too (before EVENT_CONNECT; client
        // 2.1.2 passes the event's name as an extra first argument to those it held)
        assertTrue(round.chatMessages().stream().anyMatch(args -> args.contains("away to everyone")),
                "the listener's calls " + round.chatMessages());
        List<Object> offsets = round.received().stream().map(e -> e.get(e.size() - 1)).toList();
        assertEquals(offsets.size(), new java.util.HashSet<>(offsets).size(), "each once");
        assertTrue(offsets.size() >= 5);
    }
}
