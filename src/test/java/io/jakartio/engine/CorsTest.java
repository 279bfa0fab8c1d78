package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorsTest {

    private static final String ORIGIN = "https://chat.example.com";
    private static final String ORIGIN_NOT_ALLOWED = "{\"code\":4,\"message\":\"Origin not allowed\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private void cors(CorsOptions cors) {
        engine.options(EngineOptions.builder().cors(cors).build());
    }

    @Test
    void corsOffSendsNoCorsHeadersToTheServersOwnOrigin() {
        RecordingExchange exchange = engine.request(FakeRequest.pollingGet()
                .header("Host", "chat.example.com").header("Origin", "http://chat.example.com"));

        assertEquals(Map.of("Content-Type", "text/plain; charset=UTF-8", "Cache-Control", "no-store"),
                exchange.response().headers());
        engine.handler.assertOpen();
    }

    @Test
    void corsOffRefusesAPreflightFromAnotherOrigin() {
        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .query("EIO", "4").query("transport", "polling").header("Origin", ORIGIN));

        exchange.assertError(403, ORIGIN_NOT_ALLOWED);
        assertNull(exchange.header("Access-Control-Allow-Origin"));
    }

    @Test
    void corsOffAnswersOptionsFromTheServersOwnOriginAsAnEngineError() {
        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .query("EIO", "4").query("transport", "polling")
                .header("Host", "chat.example.com").header("Origin", "http://chat.example.com"));

        assertEquals(400, exchange.status());
        assertNull(exchange.header("Access-Control-Allow-Origin"));
    }

    @Test
    void allowedOriginIsEchoedWithVary() {
        cors(CorsOptions.allowOrigins(ORIGIN, "https://other.example.com"));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("origin", ORIGIN));

        assertEquals(ORIGIN, exchange.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", exchange.header("Vary"));
        assertNull(exchange.header("Access-Control-Allow-Credentials"));
        engine.handler.assertOpen();
    }

    @Test
    void allowedOriginGetsCorsHeadersOnEveryKindOfResponse() {
        cors(CorsOptions.allowOrigins(ORIGIN));
        String sid = engine.handshake();

        RecordingExchange post = engine.request(FakeRequest.pollingPost().sid(sid).body("4x").header("Origin", ORIGIN));
        RecordingExchange error = engine.request(FakeRequest.pollingGet().sid("nope").header("Origin", ORIGIN));
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Origin", ORIGIN));
        engine.send(sid, "y");

        for (RecordingExchange exchange : List.of(post, error, poll)) {
            assertEquals(ORIGIN, exchange.header("Access-Control-Allow-Origin"), exchange.toString());
        }
        assertEquals(400, error.status());
        poll.assertOk("4y");
        engine.handler.assertMessage("x");
    }

    @Test
    void credentialsAreAllowedOnlyForListedOrigins() {
        cors(CorsOptions.allowOrigins(ORIGIN).withCredentials(true));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("Origin", ORIGIN));

        assertEquals(ORIGIN, exchange.header("Access-Control-Allow-Origin"));
        assertEquals("true", exchange.header("Access-Control-Allow-Credentials"));
        engine.handler.assertOpen();
    }

    @Test
    void disallowedOriginIsRefusedWithoutAllowHeaders() {
        cors(CorsOptions.allowOrigins(ORIGIN).withCredentials(true));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("Origin", "https://evil.example.com"));

        exchange.assertError(403, ORIGIN_NOT_ALLOWED);
        assertNull(exchange.header("Access-Control-Allow-Origin"));
        assertNull(exchange.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin", exchange.header("Vary"));
        assertEquals(0, engine.server().clientsCount(), "no session for a page of another site");
    }

    @Test
    void missingOriginGetsNoAllowHeaders() {
        cors(CorsOptions.allowOrigins("*"));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet());

        assertNull(exchange.header("Access-Control-Allow-Origin"));
        engine.handler.assertOpen();
    }

    @Test
    void wildcardWithoutCredentialsAnswersStar() {
        cors(CorsOptions.allowOrigins("*"));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("Origin", "https://any.example"));

        assertEquals("*", exchange.header("Access-Control-Allow-Origin"));
        assertNull(exchange.header("Access-Control-Allow-Credentials"));
        engine.handler.assertOpen();
    }

    @Test
    void wildcardWithCredentialsEchoesTheOriginWithoutAllowingCredentials() {
        cors(CorsOptions.allowOrigins("*").withCredentials(true));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("Origin", "https://any.example"));

        assertEquals("https://any.example", exchange.header("Access-Control-Allow-Origin"));
        assertNull(exchange.header("Access-Control-Allow-Credentials"));
        engine.handler.assertOpen();
    }

    @Test
    void preflightIsNoContentWithMethodsHeadersAndMaxAge() {
        cors(new CorsOptions(List.of(ORIGIN), false, Duration.ofMinutes(10)));

        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .query("EIO", "4").query("transport", "polling")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-token"));

        assertEquals(204, exchange.status());
        assertEquals(0, exchange.response().body().length);
        assertEquals(Map.of(
                "Vary", "Origin, Access-Control-Request-Headers",
                "Access-Control-Allow-Origin", ORIGIN,
                "Access-Control-Allow-Methods", "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers", "content-type, x-token",
                "Access-Control-Max-Age", "600"), exchange.response().headers());
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void preflightAllowsTheConfiguredHeadersOnlyWhateverItAsksFor() {
        cors(CorsOptions.allowOrigins(ORIGIN).withAllowedHeaders("Authorization", "X-Token"));

        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .query("EIO", "4").query("transport", "polling")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-token, x-evil"));

        assertEquals(204, exchange.status());
        assertEquals("Authorization, X-Token", exchange.header("Access-Control-Allow-Headers"));
        assertEquals("Origin", exchange.header("Vary"), "the answer no longer depends on the request's list");
    }

    @Test
    void preflightWithAnEmptyAllowedHeadersListAllowsOnlySafelistedHeaders() {
        cors(CorsOptions.allowOrigins(ORIGIN).withAllowedHeaders());

        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .header("Origin", ORIGIN).header("Access-Control-Request-Headers", "x-token"));

        assertEquals(ORIGIN, exchange.header("Access-Control-Allow-Origin"));
        assertNull(exchange.header("Access-Control-Allow-Headers"));
    }

    @Test
    void anOriginMatchingAPatternIsEchoedWithCredentials() {
        cors(CorsOptions.allowOrigins("https://*.example.org").withCredentials(true));

        RecordingExchange allowed = engine.request(FakeRequest.pollingGet().header("Origin", "https://app.example.org"));
        RecordingExchange refused = engine.request(FakeRequest.pollingGet()
                .header("Origin", "https://example.org.evil.com"));

        assertEquals("https://app.example.org", allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"), "a pattern is not the * origin");
        assertNull(refused.header("Access-Control-Allow-Origin"));
        assertNull(refused.header("Access-Control-Allow-Credentials"));
        refused.assertError(403, ORIGIN_NOT_ALLOWED); // the origin policy: no session for a foreign page
        engine.handler.assertOpen();
        engine.handler.assertNoMoreEvents();
    }

    @Test
    void preflightFromDisallowedOriginAllowsNothing() {
        cors(CorsOptions.allowOrigins(ORIGIN));

        RecordingExchange exchange = engine.request(FakeRequest.builder("OPTIONS")
                .header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "POST"));

        exchange.assertError(403, ORIGIN_NOT_ALLOWED);
        assertEquals("Origin", exchange.header("Vary"));
        assertNull(exchange.header("Access-Control-Allow-Origin"));
        assertNull(exchange.header("Access-Control-Allow-Methods"));
    }

    @Test
    void corsOptionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CorsOptions.allowOrigins());
        assertThrows(IllegalArgumentException.class, () -> CorsOptions.allowOrigins("https://a.example/"));
        assertThrows(IllegalArgumentException.class, () -> CorsOptions.allowOrigins("*").withAllowedHeaders("X Token"));
        assertThrows(IllegalArgumentException.class, () -> CorsOptions.allowOrigins("*").withMaxAge(Duration.ofSeconds(-1)));
    }
}
