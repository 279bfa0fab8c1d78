package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node's {@code cookie} option: the session id in a cookie on every kind of handshake response. */
class SessionCookieTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private void cookie(CookieOptions options) {
        engine.options(EngineOptions.builder().cookie(options).build());
    }

    @Test
    void noCookieUnlessConfigured() {
        RecordingExchange handshake = engine.request(FakeRequest.pollingGet());
        engine.handler.assertOpen();

        assertNull(handshake.header("Set-Cookie"));
        assertEquals(List.of(), ((WebSocketHandshake.Accepted) engine.handshakeWebSocket(FakeRequest.webSocket()))
                .headers().keySet().stream().toList());
    }

    @Test
    void aPollingHandshakeSetsTheSessionCookieAsTheReferenceServerWritesIt() {
        cookie(CookieOptions.defaults());

        RecordingExchange handshake = engine.request(FakeRequest.pollingGet());

        String sid = EngineHarness.sidOf(handshake.body());
        assertEquals("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax", handshake.header("Set-Cookie"));
        engine.handler.assertOpen();
    }

    @Test
    void laterPollsCarryNoCookie() {
        cookie(CookieOptions.defaults());
        String sid = engine.handshake();

        RecordingExchange post = engine.post(sid, "4x");
        engine.handler.assertMessage("x");

        assertNull(post.header("Set-Cookie"));
    }

    @Test
    void aWebSocketHandshakeNamesInItsCookieTheSessionItThenOpens() {
        AtomicInteger asked = new AtomicInteger();
        engine.options(EngineOptions.builder().cookie(CookieOptions.defaults())
                .allowRequest(request -> asked.incrementAndGet()).build());

        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class,
                engine.handshakeWebSocket(FakeRequest.webSocket()));
        FakeWebSocket client = new FakeWebSocket(engine.violations);
        client.bind(engine.server().openVerifiedWebSocket(accepted.request(), client));

        String sid = EngineHarness.sidOf(client.takeFrames().get(0));
        assertEquals("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax", accepted.headers().get("Set-Cookie"));
        assertEquals(sid, engine.handler.assertOpen().id());
        assertEquals(1, asked.get(), "allowRequest is asked once");
    }

    @Test
    void aContainerEndpointOpeningTheAcceptedRequestGetsTheSameSessionWithoutAskingAgain() {
        AtomicInteger asked = new AtomicInteger();
        engine.options(EngineOptions.builder().cookie(CookieOptions.defaults())
                .allowRequest(request -> asked.incrementAndGet()).build());
        WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) engine.handshakeWebSocket(FakeRequest.webSocket());

        // a JSR-356 endpoint calls openWebSocket with what its configurator stored
        FakeWebSocket client = new FakeWebSocket(engine.violations);
        client.bind(engine.server().openWebSocket(accepted.request(), client));

        String sid = EngineHarness.sidOf(client.takeFrames().get(0));
        assertEquals("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax", accepted.headers().get("Set-Cookie"));
        engine.handler.assertOpen();
        assertEquals(1, asked.get());
    }

    @Test
    void anAcceptedHandshakeOpensOneSessionOnly() {
        WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) engine.handshakeWebSocket(FakeRequest.webSocket());
        FakeWebSocket first = new FakeWebSocket(engine.violations);
        first.bind(engine.server().openVerifiedWebSocket(accepted.request(), first));
        engine.handler.assertOpen();

        FakeWebSocket replayed = new FakeWebSocket(engine.violations);
        replayed.bind(engine.server().openVerifiedWebSocket(accepted.request(), replayed));

        assertEquals(1008, replayed.closeCode());
        assertEquals(1, engine.server().clientsCount());
    }

    @Test
    void anUpgradesWebSocketCarriesNoCookie() {
        cookie(CookieOptions.defaults());
        String sid = engine.handshake();

        WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) engine.handshakeWebSocket(
                FakeRequest.webSocket().sid(sid));

        assertNull(accepted.headers().get("Set-Cookie"));
    }

    @Test
    void theCookiesAttributesFollowItsOptions() {
        assertEquals("sticky=abc; Max-Age=3600; Path=/chat/; SameSite=Strict",
                SessionCookie.header(new CookieOptions("sticky", "/chat/", false, "Strict", Duration.ofHours(1)), "abc"));
        assertEquals("io=abc; Path=/; HttpOnly; Secure; SameSite=None",
                SessionCookie.header(new CookieOptions("io", "/", true, "None", null), "abc"),
                "browsers drop a SameSite=None cookie that is not Secure");
        assertEquals("io=abc", SessionCookie.header(new CookieOptions("io", null, false, null, null), "abc"));
    }
}
