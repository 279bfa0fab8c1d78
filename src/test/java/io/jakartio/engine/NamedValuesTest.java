package io.jakartio.engine;

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
import org.junit.jupiter.api.Test;

/** The compact, immutable name-to-values map of a kept request, and the query parser that fills it. */
class NamedValuesTest {

    @Test
    void readsLikeAnOrderedMapOfLists() {
        NamedValues values = NamedValues.builder().add("EIO", "4").add("tag", "a").add("room", "lobby").add("tag", "b").build();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("EIO", List.of("4"));
        expected.put("tag", List.of("a", "b"));
        expected.put("room", List.of("lobby"));
        assertEquals(expected, values);
        assertEquals(expected.hashCode(), values.hashCode());
        assertEquals(List.of("EIO", "tag", "room"), new ArrayList<>(values.keySet()), "the order the names came in");
        assertEquals(3, values.size());
        assertEquals(List.of("a", "b"), values.get("tag"));
        assertNull(values.get("TAG"), "names are exact, as in any map");
        assertTrue(values.containsKey("room"));
        assertFalse(values.containsKey("nope"));
        assertEquals("a", values.first("tag"));
        assertNull(values.first("nope"));
    }

    @Test
    void cannotBeChanged() {
        NamedValues values = NamedValues.builder().add("a", "1").add("b", "2").add("b", "3").build();
        assertThrows(UnsupportedOperationException.class, () -> values.put("c", List.of("3")));
        assertThrows(UnsupportedOperationException.class, () -> values.remove("a"));
        assertThrows(UnsupportedOperationException.class, values::clear);
        assertThrows(UnsupportedOperationException.class, () -> values.get("a").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> values.get("b").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> values.entrySet().iterator().next().setValue(List.of()));
    }

    @Test
    void putReplacesTheValuesOfANameAndKeepsItsPlace() {
        NamedValues values = NamedValues.builder()
                .put("Host", List.of("a")).put("Accept", List.of("x", "y")).put("Host", List.of("b")).build();
        assertEquals(List.of("Host", "Accept"), new ArrayList<>(values.keySet()));
        assertEquals(List.of("b"), values.get("Host"));
        assertEquals(List.of("x", "y"), values.get("Accept"));
    }

    @Test
    void headerLookUpsIgnoreCaseAndSkipNamesWithoutValues() {
        NamedValues headers = NamedValues.builder()
                .put("X-Empty", List.of()).put("x-empty", List.of("later")).put("Origin", List.of("https://a", "https://b"))
                .build();
        assertEquals("https://a", headers.firstIgnoringCase("ORIGIN"));
        assertEquals("later", headers.firstIgnoringCase("X-EMPTY"), "as EngineRequest.header: an empty name does not count");
        assertEquals(List.of(), headers.get("X-Empty"));
        assertNull(headers.firstIgnoringCase("host"));
    }

    @Test
    void anEmptyMapIsTheSharedOne() {
        assertSame(NamedValues.EMPTY, NamedValues.builder().build());
        assertSame(NamedValues.EMPTY, QueryParameters.parse(null));
        assertSame(NamedValues.EMPTY, QueryParameters.parse(""));
        assertEquals(Map.of(), NamedValues.EMPTY);
    }

    @Test
    void theQueryParserDecodesGroupsAndKeepsOrder() {
        NamedValues query = QueryParameters.parse("EIO=4&transport=websocket&tag=a&&flag&tag=b%20c&bad=%zz");
        assertEquals(List.of("EIO", "transport", "tag", "flag", "bad"), new ArrayList<>(query.keySet()));
        assertEquals(List.of("a", "b c"), query.get("tag"));
        assertEquals(List.of(""), query.get("flag"));
        assertEquals(List.of("%zz"), query.get("bad"), "a malformed escape is kept as sent");
    }

    @Test
    void aRequestsRepeatedValuesAreOneString() {
        NamedValues first = QueryParameters.parse("EIO=4&transport=websocket");
        NamedValues second = QueryParameters.parse("EIO=4&transport=websocket");
        assertSame(first.first("transport"), second.first("transport"));
        assertSame(first.keySet().iterator().next(), second.keySet().iterator().next());
        String shared = SharedStrings.share(new String("Upgrade"));
        assertSame(shared, SharedStrings.share(new String("Upgrade")));
        String longValue = "x".repeat(300);
        assertSame(longValue, SharedStrings.share(longValue), "long values pass through, uncached");
        assertNull(SharedStrings.share(null));
    }
}
