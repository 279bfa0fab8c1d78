package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-site WebSocket hijacking and its polling twin: a page of another site makes the victim's
 * browser connect with the victim's cookies. The engine refuses every request whose
 * {@code Origin} is not the server's own (or one the CORS options allow) with 403.
 */
class ForeignOriginTest {

    private static final String FORBIDDEN = "{\"code\":4,\"message\":\"Origin not allowed\"}";
    private static final String EVIL = "https://evil.example";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();
    private final RecordingListener listener = new RecordingListener();

    private FakeRequest.Builder fromEvil(FakeRequest.Builder request) {
        return request.header("Host", "chat.example.com").header("Origin", EVIL);
    }

    private void listen() {
        engine.server().addListener(listener);
    }

    @Test
    void aPollingHandshakeFromAnotherSiteIsRefusedWith403AndOpensNothing() {
        listen();

        RecordingExchange exchange = engine.request(fromEvil(FakeRequest.pollingGet()));

        exchange.assertError(403, FORBIDDEN);
        assertEquals(0, engine.server().clientsCount());
        ConnectionError error = listener.assertOneError(4);
        assertEquals("ORIGIN_NOT_ALLOWED", error.context().get("name"));
        assertEquals(EVIL, error.context().get("origin"));
        assertEquals("http://chat.example.com", error.context().get("expected"));
    }

    @Test
    void aWebSocketHandshakeFromAnotherSiteIsRefusedWith403BeforeTheUpgrade() {
        listen();

        WebSocketHandshake handshake = engine.handshakeWebSocket(fromEvil(FakeRequest.webSocket()));

        WebSocketHandshake.Refused refused = assertInstanceOf(WebSocketHandshake.Refused.class, handshake);
        assertEquals(403, refused.response().status());
        assertEquals(FORBIDDEN, refused.response().bodyText());
        assertEquals("application/json", refused.response().headers().get("Content-Type"));
        listener.assertOneError(4);
    }

    @Test
    void aWebSocketFromAnotherSiteThatTheContainerAcceptedIsClosedAtOnce() {
        listen();

        FakeWebSocket ws = engine.webSocket(fromEvil(FakeRequest.webSocket()));

        assertEquals(1008, ws.closeCode());
        ws.assertFrames();
        assertEquals(0, engine.server().clientsCount());
        listener.assertOneError(4);
    }

    @Test
    void aRefusedHandshakeThatAStandaloneServerOpensAnywayIsClosedAndReportedOnce() {
        listen();
        WebSocketHandshake.Refused refused = assertInstanceOf(WebSocketHandshake.Refused.class,
                engine.handshakeWebSocket(fromEvil(FakeRequest.webSocket())));

        FakeWebSocket ws = new FakeWebSocket(engine.violations);
        ws.bind(engine.server().openWebSocket(refused.request(), ws));

        assertEquals(1008, ws.closeCode());
        assertEquals(0, engine.server().clientsCount());
        listener.assertOneError(4);
    }

    @Test
    void anotherSiteCannotPostIntoOrPollFromALiveSession() {
        String sid = engine.handshake();
        listen();

        engine.request(fromEvil(FakeRequest.pollingPost().sid(sid).body("4forged"))).assertError(403, FORBIDDEN);
        engine.request(fromEvil(FakeRequest.pollingGet().sid(sid))).assertError(403, FORBIDDEN);
        assertEquals(2, listener.errors.size());

        RecordingExchange poll = engine.get(sid);
        engine.send(sid, "for the victim");
        poll.assertOk("4for the victim");
    }

    @Test
    void theServersOwnPageConnectsOverBothTransports() {
        listen();

        RecordingExchange poll = engine.request(FakeRequest.pollingGet()
                .header("Host", "chat.example.com:8080").header("Origin", "http://chat.example.com:8080"));
        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket()
                .header("Host", "chat.example.com:8080").header("Origin", "http://chat.example.com:8080"));

        assertEquals(200, poll.status());
        engine.handler.assertOpen();
        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class, handshake);
        FakeWebSocket ws = new FakeWebSocket(engine.violations);
        ws.bind(engine.server().openVerifiedWebSocket(accepted.request(), ws));
        EngineHarness.sidOf(ws.takeFrames().get(0));
        engine.handler.assertOpen();
        listener.assertNoErrors();
    }

    @Test
    void aRequestWithoutOriginIsServedAsBefore() {
        listen();

        engine.handshake();
        engine.webSocketSession();

        listener.assertNoErrors();
    }

    @Test
    void originsTheCorsOptionsAllowMayConnect() {
        engine.options(EngineOptions.builder().cors(CorsOptions.allowOrigins("https://app.example.com")).build());
        listen();

        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket()
                .header("Host", "api.example.com").header("Origin", "https://app.example.com"));
        RecordingExchange poll = engine.request(FakeRequest.pollingGet()
                .header("Host", "api.example.com").header("Origin", "https://app.example.com"));

        assertInstanceOf(WebSocketHandshake.Accepted.class, handshake);
        assertEquals(200, poll.status());
        assertEquals("https://app.example.com", poll.header("Access-Control-Allow-Origin"));
        engine.handler.assertOpen();
        listener.assertNoErrors();
    }

    @Test
    void theLogLineShowsWhatTheClientSentShortAndWithoutControlCharacters() {
        String forged = "https://evil.example\u001b[2J" + "x".repeat(500);

        engine.request(FakeRequest.pollingGet().header("Origin", forged)).assertError(403, FORBIDDEN);

        String line = engine.log.lines.get(0);
        assertTrue(line.contains("origin=https://evil.example?[2Jxxx"), line);
        assertTrue(line.length() < 500, "cut short: " + line.length() + " characters");
    }

    @Test
    void aLiveSessionsIdIsNotLoggedWhole() {
        engine.webSocketSession();
        String sid = engine.handler.lastOpened().id();

        engine.get(sid);

        String line = engine.log.lines.get(0);
        assertTrue(line.contains("sid=" + sid.substring(0, 4) + "…") && !line.contains(sid), line);
    }

    @Test
    void aFloodOfRefusalsLogsOneLineASecond() {
        listen();
        engine.nanos.set(0);

        for (int i = 0; i < 1_000; i++) {
            engine.request(fromEvil(FakeRequest.pollingGet()));
        }
        engine.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        engine.request(fromEvil(FakeRequest.pollingGet()));

        List<String> lines = List.copyOf(engine.log.lines);
        assertEquals(2, lines.size(), () -> "logged " + lines);
        assertTrue(lines.get(0).startsWith("WARNING refused GET polling request from 127.0.0.1: 403 Origin not allowed"),
                lines.get(0));
        assertTrue(lines.get(0).contains("Origin not allowed") && lines.get(0).contains(EVIL), lines.get(0));
        assertTrue(lines.get(0).contains("jakartio.cors.origins"), "says how to open the server: " + lines.get(0));
        assertTrue(lines.get(1).endsWith("(and 999 more since the previous report)"), lines.get(1));
        assertEquals(1_001, listener.errors.size(), "every refusal reaches the listeners");
        listener.errors.clear();
    }
}
