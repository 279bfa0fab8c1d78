package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A socket's handshake reads the headers and query of its connection's first request through
 * views: they must show exactly what copies showed (lower-case names, joined values, a string or
 * a list per parameter), and stay read-only.
 */
class HandshakeViewsTest {

    private static final TestRequest REQUEST = TestRequest.webSocket()
            .query("room", "lobby").query("tag", "a").query("tag", "b")
            .header("Host", "chat.example").header("X-Custom", "one").header("x-custom", "two")
            .header("Accept", "a").header("Accept", "b").header("Origin", "https://chat.example")
            .build();

    private static Handshake handshake(TestRequest request, Map<String, Object> auth, long now) {
        return Handshake.of(request, auth, now, new DeclaredRoles(Set.of()));
    }

    @Test
    void headersShowLowerCaseNamesAndJoinedValues() {
        Handshake handshake = handshake(REQUEST, null, 0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("host", "chat.example");
        expected.put("x-custom", "one, two");
        expected.put("accept", "a, b");
        expected.put("origin", "https://chat.example");
        assertEquals(expected, handshake.headers());
        assertEquals(expected.hashCode(), handshake.headers().hashCode());
        assertEquals(List.of("host", "x-custom", "accept", "origin"), new ArrayList<>(handshake.headers().keySet()),
                "in the order the client sent them");
        assertEquals("one, two", handshake.headers().get("x-custom"));
        assertNull(handshake.headers().get("X-Custom"), "the map's names are lower case, as a copy's were");
        assertEquals("one, two", handshake.header("X-CUSTOM"));
        assertTrue(handshake.headers().containsKey("host"));
        assertFalse(handshake.headers().containsKey("cookie"));
        assertNull(handshake.headers().get(42));
        assertTrue(handshake.xdomain());
    }

    @Test
    void queryShowsAStringOrAListPerParameter() {
        Handshake handshake = handshake(REQUEST, null, 0);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("EIO", "4");
        expected.put("transport", "websocket");
        expected.put("room", "lobby");
        expected.put("tag", List.of("a", "b"));
        assertEquals(expected, handshake.query());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(handshake.query().keySet()));
        assertEquals(4, handshake.query().size());
        assertEquals("a", handshake.query("tag"));
        assertNull(handshake.query("nope"));
        assertTrue(handshake.query().containsKey("room"));
    }

    @Test
    void viewsAreReadOnly() {
        Handshake handshake = handshake(REQUEST, Map.of("token", "x"), 0);
        assertThrows(UnsupportedOperationException.class, () -> handshake.headers().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> handshake.headers().remove("host"));
        assertThrows(UnsupportedOperationException.class, () -> handshake.headers().entrySet().clear());
        assertThrows(UnsupportedOperationException.class, () -> handshake.query().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> handshake.query().remove("room"));
        assertThrows(UnsupportedOperationException.class, () -> handshake.query().entrySet().iterator().remove());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) handshake.query().get("tag")).clear());
        assertThrows(UnsupportedOperationException.class, () -> handshake.auth().put("x", 1));
    }

    @Test
    void equalsAHandshakeBuiltFromCopies() {
        Handshake viewed = handshake(REQUEST, Map.of("token", "x"), 1_700_000_000_123L);
        Handshake copied = new Handshake(new LinkedHashMap<>(viewed.headers()), viewed.time(), viewed.address(),
                viewed.xdomain(), viewed.secure(), viewed.issued(), viewed.url(), new LinkedHashMap<>(viewed.query()),
                Map.of("token", "x"));
        assertEquals(copied, viewed);
        assertEquals(viewed, copied);
        assertEquals(copied.hashCode(), viewed.hashCode());
        assertEquals(copied, Handshake.fromMap(viewed.toMap()), "through toMap and back, as a cluster sees it");
    }

    @Test
    void withoutAuthTheMapIsTheSharedEmptyOne() {
        assertSame(Map.of(), handshake(REQUEST, null, 0).auth());
        assertSame(Map.of(), handshake(REQUEST, new LinkedHashMap<>(), 0).auth());
    }

    @Test
    void connectionsOfTheSameSecondShareTheirTime() {
        Handshake first = handshake(REQUEST, null, 1_700_000_000_001L);
        Handshake second = handshake(REQUEST, null, 1_700_000_000_999L);
        assertSame(first.time(), second.time());
        Handshake later = handshake(REQUEST, null, 1_700_000_001_000L);
        assertFalse(first.time().equals(later.time()));
        assertTrue(first.time().matches("\\w{3} \\w{3} \\d{2} 2023 \\d{2}:\\d{2}:20 GMT[+-]\\d{4}"), first.time());
    }
}
