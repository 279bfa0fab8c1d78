package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

    private static final OriginPolicy CORS_OFF = new OriginPolicy(null);

    private static FakeRequest.Builder request(String host, String origin) {
        FakeRequest.Builder request = FakeRequest.webSocket();
        if (host != null) {
            request.header("Host", host);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request;
    }

    @Test
    void aRequestWithoutOriginComesFromNoBrowserPageAndIsAllowed() {
        assertTrue(CORS_OFF.allows(request("chat.example.com", null).build()));
        assertTrue(CORS_OFF.allows(request(null, null).build()));
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource({
        "chat.example.com, http://chat.example.com",
        "chat.example.com:80, http://chat.example.com",
        "chat.example.com, http://chat.example.com:80",
        "Chat.Example.COM, HTTP://chat.example.com",
        "127.0.0.1:8080, http://127.0.0.1:8080",
        "[::1]:8080, http://[::1]:8080",
        "localhost:3000, http://LOCALHOST:3000",
    })
    void theServersOwnOriginIsAllowed(String host, String origin) {
        assertTrue(CORS_OFF.allows(request(host, origin).build()));
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource({
        "chat.example.com, https://evil.example.com",
        "chat.example.com, https://chat.example.com",       // another scheme
        "chat.example.com:8080, http://chat.example.com",   // another port
        "127.0.0.1:8080, http://localhost:8080",            // another host, same machine
        "chat.example.com, http://chat.example.com.evil.example",
        "chat.example.com, null",                           // sandboxed frames, file: pages
        "chat.example.com, http://chat.example.com/",       // not an origin
        "chat.example.com, http://user@chat.example.com",
        "chat.example.com, ws://chat.example.com",
        "chat.example.com, http://chat.example.com:99999",
        "chat.example.com, http://chat.example.com:8o",
        "chat.example.com, garbage",
    })
    void anyOtherOriginIsRefused(String host, String origin) {
        assertFalse(CORS_OFF.allows(request(host, origin).build()));
    }

    @Test
    void withoutHostNoOriginIsTheServersOwn() {
        assertFalse(CORS_OFF.allows(request(null, "http://chat.example.com").build()));
    }

    @Test
    void overTlsTheOwnOriginIsHttps() {
        assertTrue(CORS_OFF.allows(request("chat.example.com", "https://chat.example.com").secure(true).build()));
        assertFalse(CORS_OFF.allows(request("chat.example.com", "http://chat.example.com").secure(true).build()));
    }

    @Test
    void behindAProxyTheForwardedHostAndProtoAreTheOwnOrigin() {
        // nginx: proxy_set_header X-Forwarded-Host $host; X-Forwarded-Proto $scheme; Host left as the upstream's
        EngineRequest request = request("127.0.0.1:8080", "https://chat.example.com")
                .header("X-Forwarded-Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https")
                .build();

        assertTrue(CORS_OFF.allows(request));
        assertEquals("https://chat.example.com", OriginPolicy.ownOrigin(request));
    }

    @Test
    void behindAProxyThatForwardsHostOnlyTheProtoComesFromXForwardedProto() {
        // nginx: proxy_set_header Host $host; X-Forwarded-Proto $scheme
        EngineRequest request = request("chat.example.com", "https://chat.example.com")
                .header("X-Forwarded-Proto", "https")
                .build();

        assertTrue(CORS_OFF.allows(request));
    }

    @Test
    void behindAProxyOnAnotherPortXForwardedPortCounts() {
        EngineRequest request = request("127.0.0.1:8080", "https://chat.example.com:8443")
                .header("X-Forwarded-Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "8443")
                .build();

        assertTrue(CORS_OFF.allows(request));
    }

    @Test
    void theFirstProxyNearestTheBrowserCountsWhenSeveralForwarded() {
        EngineRequest request = request("10.0.0.2:8080", "https://chat.example.com")
                .header("X-Forwarded-Host", "chat.example.com, internal-lb.local")
                .header("X-Forwarded-Proto", "https, http")
                .build();

        assertTrue(CORS_OFF.allows(request));
    }

    @Test
    void theStandardForwardedHeaderIsRead() {
        EngineRequest request = request("10.0.0.2:8080", "https://chat.example.com")
                .header("Forwarded", "for=192.0.2.60;proto=https;host=\"chat.example.com\", for=10.0.0.1;host=lb")
                .build();

        assertTrue(CORS_OFF.allows(request));
        assertEquals("https://chat.example.com", OriginPolicy.forwardedOrigin(request));
    }

    @Test
    void aForwardedOriginDoesNotOpenTheServerToOtherSites() {
        EngineRequest request = request("127.0.0.1:8080", "https://evil.example.com")
                .header("X-Forwarded-Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https")
                .build();

        assertFalse(CORS_OFF.allows(request));
    }

    @Test
    void theDirectOriginStaysAllowedBehindAProxy() {
        // a health check or an operator on the machine itself, through the proxy's headers or not
        EngineRequest request = request("127.0.0.1:8080", "http://127.0.0.1:8080")
                .header("X-Forwarded-Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https")
                .build();

        assertTrue(CORS_OFF.allows(request));
    }

    @Test
    void originsTheCorsOptionsAllowAreAllowed() {
        OriginPolicy policy = new OriginPolicy(CorsOptions.allowOrigins("https://app.example.com"));

        assertTrue(policy.allows(request("api.example.com", "https://app.example.com").build()));
        assertFalse(policy.allows(request("api.example.com", "https://evil.example.com").build()));
        assertTrue(policy.allows(request("api.example.com", "http://api.example.com").build()), "its own still");
    }

    @Test
    void aWildcardOpensTheServerToEveryOrigin() {
        OriginPolicy policy = new OriginPolicy(CorsOptions.allowOrigins("*"));

        assertTrue(policy.allows(request("api.example.com", "https://anyone.example").build()));
        assertTrue(policy.allows(request("api.example.com", "null").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "http://", "http://:80", "file://", "http://[::1", "http://host:"})
    void normalizeRejectsWhatIsNotAnOrigin(String origin) {
        assertNull(OriginPolicy.normalize(origin));
    }

    @Test
    void normalizeLeavesOutDefaultPortsAndLowersCase() {
        assertEquals("https://chat.example.com", OriginPolicy.normalize("HTTPS://Chat.Example.com:443"));
        assertEquals("http://chat.example.com:8080", OriginPolicy.normalize("http://chat.example.com:08080"));
        assertEquals("http://[::1]", OriginPolicy.normalize("http://[::1]:80"));
    }
}
