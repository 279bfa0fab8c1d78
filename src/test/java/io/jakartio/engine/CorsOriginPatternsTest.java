package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CorsOptions#allows(String)}: exact origins, {@code *}, and patterns, against tricks. */
class CorsOriginPatternsTest {

    private static CorsOptions allow(String... origins) {
        return CorsOptions.allowOrigins(origins);
    }

    @Test
    void anExactOriginAllowsItselfOnlyWhateverTheCase() {
        CorsOptions cors = allow("https://chat.example.com");
        assertTrue(cors.allows("https://chat.example.com"));
        assertTrue(cors.allows("HTTPS://Chat.Example.COM"), "origins are case-insensitive (RFC 6454 section 6.2)");
        assertFalse(cors.allows("http://chat.example.com"), "another scheme");
        assertFalse(cors.allows("https://chat.example.com:8443"), "another port");
        assertFalse(cors.allows("https://chat.example.com.evil.com"));
        assertFalse(cors.allows("https://evil.chat.example.com"));
        assertFalse(cors.allows("https://chat.example.co"));
        assertFalse(cors.allows(null), "no Origin header");
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertTrue(allow("*").allows("https://anything.example"));
        assertTrue(allow("*").allows("null"));
        assertTrue(allow("*").allowsAnyOrigin());
        assertFalse(allow("https://*.example.com").allowsAnyOrigin(), "a pattern is not any origin");
    }

    @Test
    void aSubdomainPatternAllowsEverySubdomainAtAnyDepth() {
        CorsOptions cors = allow("https://*.example.com");
        assertTrue(cors.allows("https://chat.example.com"));
        assertTrue(cors.allows("https://a.b-c.example.com"));
        assertTrue(cors.allows("https://A1.Example.Com"));
    }

    @Test
    void aSubdomainPatternRefusesTheTricksThatFoolSuffixChecks() {
        CorsOptions cors = allow("https://*.example.com");
        assertFalse(cors.allows("https://example.com"), "a * stands for at least one character");
        assertFalse(cors.allows("https://.example.com"));
        assertFalse(cors.allows("https://example.com.evil.com"), "the whole origin must match");
        assertFalse(cors.allows("https://evil.com?x=.example.com"), "a * never matches ?");
        assertFalse(cors.allows("https://evil.com#.example.com"), "nor #");
        assertFalse(cors.allows("https://evil.com/.example.com"), "nor /");
        assertFalse(cors.allows("https://evil.com:443.example.com"), "nor :");
        assertFalse(cors.allows("https://user@evil.com@x.example.com"), "nor @");
        assertFalse(cors.allows("https://evil.com%2F.example.com"), "nor %");
        assertFalse(cors.allows("https://evil.com .example.com"), "nor a space");
        assertFalse(cors.allows("https://evilexample.com"), "the dot before the suffix is literal");
        assertFalse(cors.allows("https://chat.example.com."), "a trailing dot is another string");
        assertFalse(cors.allows("http://chat.example.com"), "the scheme is literal");
        assertFalse(cors.allows("https://chat.example.com:8443"), "a * in the host does not cover a port");
        assertFalse(cors.allows("https://chat.example.com/"), "nor a path");
        assertFalse(cors.allows("https://chat.example.comx"));
    }

    @Test
    void aPortPatternAllowsAnyPortOfThatHostOnly() {
        CorsOptions cors = allow("http://localhost:*");
        assertTrue(cors.allows("http://localhost:8080"));
        assertTrue(cors.allows("http://localhost:3000"));
        assertFalse(cors.allows("http://localhost"), "a * stands for at least one character");
        assertFalse(cors.allows("http://localhost:8080@evil.com"));
        assertFalse(cors.allows("http://localhost:80:81"), "a * never matches :");
        assertFalse(cors.allows("http://localhost.evil.com:8080"));
        assertFalse(cors.allows("https://localhost:8080"));
    }

    @Test
    void patternsWithSeveralStarsAndInnerStarsMatchLabelParts() {
        CorsOptions cors = allow("https://app-*.preview.example.com", "https://*.*.example.org:*");
        assertTrue(cors.allows("https://app-pr-42.preview.example.com"));
        assertFalse(cors.allows("https://app-.preview.example.com"));
        assertFalse(cors.allows("https://xapp-1.preview.example.com"));
        assertTrue(cors.allows("https://a.b.example.org:8443"));
        assertFalse(cors.allows("https://a.example.org:8443"), "two stars, two dots: at least two labels");
        assertTrue(allow("https://a.b**.example.com").allows("https://a.bc.example.com"), "a run of stars is one");
    }

    @Test
    void anyOfSeveralEntriesMayAllow() {
        CorsOptions cors = allow("https://chat.example.com", "https://*.example.org", "null");
        assertTrue(cors.allows("https://chat.example.com"));
        assertTrue(cors.allows("https://x.example.org"));
        assertTrue(cors.allows("null"), "sandboxed documents send Origin: null; only an explicit entry allows it");
        assertFalse(allow("https://*.example.org").allows("null"));
        assertFalse(cors.allows("https://x.example.net"));
    }

    @Test
    void aCraftedLongOriginIsRefusedQuicklyWhateverThePattern() {
        CorsOptions cors = allow("https://*.*.*.*.*.*.*.*.example.com");
        String dots = "a.".repeat(400);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertFalse(cors.allows("https://" + dots + "example.net"));
            assertTrue(cors.allows("https://" + "a.".repeat(100) + "example.com"));
            assertFalse(cors.allows("https://" + "a.".repeat(5000) + "example.com"), "longer than any origin");
        });
    }

    @Test
    void entriesThatAreNotOriginsAreRefusedWithTheEntry() {
        for (String bad : List.of("chat.example.com", "https://", "https://chat.example.com/app",
                "https://chat.example.com?x", "https://user@chat.example.com", "*.example.com", "https://a b.com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allow(bad), bad);
            assertTrue(e.getMessage().endsWith(bad), e.getMessage());
        }
        assertEquals("origins have no trailing slash: https://a.example/",
                assertThrows(IllegalArgumentException.class, () -> allow("https://a.example/")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> allow(), "no origin at all");
    }
}
