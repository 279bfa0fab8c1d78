package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import io.jakartio.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EngineServer} wired to fakes: a manual clock, a recording handler, recording
 * exchanges and fake WebSockets. Register it with {@code @RegisterExtension}; after each test it
 * fails on handler events left unasserted and on contract violations seen by the fakes (a
 * response sent twice, overlapping WebSocket sends, overlapping handler calls).
 */
final class EngineHarness implements AfterEachCallback {

    private static final Pattern SID = Pattern.compile("^0\\{\"sid\":\"([^\"]+)\"");

    final ManualScheduler scheduler = new ManualScheduler();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final RecordingHandler handler = new RecordingHandler(violations);
    /** The clock of the refusal log's rate limit, moved by hand. */
    final AtomicLong nanos = new AtomicLong();
    /** Where the engine logs refused requests. */
    final RecordingLogger log = new RecordingLogger(System.Logger.Level.INFO);
    private EngineOptions options = EngineOptions.defaults();
    private EngineServer server;
    private int requests;

    /** Replaces the options; call before the server is first used. */
    EngineHarness options(EngineOptions value) {
        if (server != null) {
            throw new IllegalStateException("server already started");
        }
        this.options = value;
        return this;
    }

    EngineServer server() {
        if (server == null) {
            server = new EngineServer(options, scheduler, handler,
                    new RateLimitedLog(log, nanos::get, java.time.Duration.ofSeconds(1)));
        }
        return server;
    }

    // ---- polling ----

    /** Sends a polling request; the returned exchange holds the response, if any yet. */
    RecordingExchange request(FakeRequest request) {
        RecordingExchange exchange = new RecordingExchange(request.method() + " #" + (++requests), violations);
        server().handlePolling(request, exchange);
        return exchange;
    }

    /** Sends a polling request answered into the given exchange. */
    RecordingExchange request(FakeRequest.Builder request, RecordingExchange exchange) {
        server().handlePolling(request.build(), exchange);
        return exchange;
    }

    /** @return a new exchange whose violations fail the test */
    RecordingExchange exchange(String name) {
        return new RecordingExchange(name, violations);
    }

    RecordingExchange request(FakeRequest.Builder request) {
        return request(request.build());
    }

    RecordingExchange get(String sid) {
        return request(FakeRequest.pollingGet().sid(sid));
    }

    RecordingExchange post(String sid, String body) {
        return request(FakeRequest.pollingPost().sid(sid).body(body));
    }

    /** Performs a polling handshake and asserts {@code onOpen}; returns the sid. */
    String handshake() {
        return handshake(FakeRequest.pollingGet());
    }

    /** Performs this polling handshake and asserts {@code onOpen}; returns the sid. */
    String handshake(FakeRequest.Builder handshake) {
        RecordingExchange exchange = request(handshake);
        assertEquals(200, exchange.status(), exchange::body);
        String sid = sidOf(exchange.body());
        EngineSocket socket = handler.assertOpen();
        assertEquals(sid, socket.id());
        return sid;
    }

    static String sidOf(String handshakeBody) {
        Matcher matcher = SID.matcher(handshakeBody);
        assertTrue(matcher.find(), () -> "not a handshake: " + handshakeBody);
        return matcher.group(1);
    }

    EngineSocket socket(String sid) {
        EngineSocket socket = server().socket(sid);
        assertNotNull(socket, "no session " + sid);
        return socket;
    }

    void assertGone(String sid) {
        assertNull(server().socket(sid), "session " + sid + " is still registered");
    }

    /** Queues text messages on a session. */
    boolean send(String sid, String... messages) {
        List<EnginePacket> packets = new ArrayList<>();
        for (String message : messages) {
            packets.add(EnginePacket.message(message));
        }
        return socket(sid).send(packets, false);
    }

    // ---- WebSocket ----

    /** Opens a WebSocket with the given upgrade request. */
    FakeWebSocket webSocket(FakeRequest.Builder request) {
        return webSocket(request, new FakeWebSocket(violations));
    }

    FakeWebSocket webSocket(FakeRequest.Builder request, FakeWebSocket connection) {
        connection.bind(server().openWebSocket(request.build(), connection));
        return connection;
    }

    /** Asks the engine about a WebSocket handshake, as a binding that writes the 101 itself does. */
    WebSocketHandshake handshakeWebSocket(FakeRequest.Builder request) {
        return server().handshakeWebSocket(request.snapshot());
    }

    /** Opens a WebSocket-only session, asserts the OPEN frame and {@code onOpen}; returns it. */
    FakeWebSocket webSocketSession(FakeWebSocket connection) {
        webSocket(FakeRequest.webSocket(), connection);
        List<String> frames = connection.takeFrames();
        assertEquals(1, frames.size(), () -> "frames " + frames);
        String sid = sidOf(frames.get(0));
        EngineSocket socket = handler.assertOpen();
        assertEquals(sid, socket.id());
        return connection;
    }

    FakeWebSocket webSocketSession() {
        return webSocketSession(new FakeWebSocket(violations));
    }

    /**
     * Upgrades a polling session: opens the probe, pings it, answers the pending GET with a NOOP
     * and sends UPGRADE. A GET is left pending before the probe, as a real client does.
     */
    FakeWebSocket upgrade(String sid) {
        RecordingExchange poll = get(sid);
        FakeWebSocket probe = webSocket(FakeRequest.webSocket().sid(sid));
        probe.receive("2probe");
        probe.assertFrames("3probe");
        scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("6");
        probe.receive("5");
        assertEquals(TransportType.WEBSOCKET, socket(sid).transport());
        return probe;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        handler.assertNoMoreEvents();
        assertEquals(List.of(), List.copyOf(violations), "contract violations");
    }
}
