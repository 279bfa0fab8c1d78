package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieOptionsTest {

    @Test
    void theDefaultsAreTheReferenceServersIoCookie() {
        assertEquals(new CookieOptions("io", "/", true, "Lax", null), CookieOptions.defaults());
    }

    @Test
    void theCookieIsOffUnlessSetAndTheBuilderCarriesIt() {
        assertNull(EngineOptions.defaults().cookie());
        CookieOptions cookie = CookieOptions.defaults().withName("SERVERID");
        EngineOptions options = EngineOptions.builder().cookie(cookie).build();
        assertEquals(cookie, options.cookie());
        assertEquals(cookie, options.toBuilder().build().cookie(), "toBuilder keeps it");
    }

    @Test
    void eachPartCanBeChangedAndSameSiteIsSpelledAsTheAttribute() {
        CookieOptions cookie = CookieOptions.defaults().withName("lb").withPath("/app").withHttpOnly(false)
                .withSameSite("strict").withMaxAge(Duration.ofHours(1));
        assertEquals(new CookieOptions("lb", "/app", false, "Strict", Duration.ofHours(1)), cookie);
        assertEquals("None", cookie.withSameSite("NONE").sameSite());
        assertNull(cookie.withSameSite(null).sameSite(), "no SameSite attribute");
        assertNull(cookie.withPath(null).path(), "no Path attribute");
    }

    @Test
    void partsThatWouldBreakTheSetCookieHeaderAreRefused() {
        for (String name : List.of("", "a b", "a;b", "a=b", "sé", "a\"b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CookieOptions.defaults().withName(name), name);
            assertTrue(e.getMessage().endsWith(": " + name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withName(null));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withPath("app"));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withPath("/a;Domain=evil.com"));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withPath("/a\r\nX: y"));
        assertEquals("cookie sameSite must be Strict, Lax or None: sometimes",
                assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withSameSite("sometimes"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withMaxAge(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withMaxAge(Duration.ofMillis(999)));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withMaxAge(Duration.ofSeconds(-5)));
    }
}
