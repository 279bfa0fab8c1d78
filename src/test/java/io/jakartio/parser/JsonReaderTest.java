package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void parsesTheLiterals() throws Exception {
        assertEquals(true, JsonReader.parse("true"));
        assertEquals(false, JsonReader.parse("false"));
        assertNull(JsonReader.parse("null"));
    }

    @Test
    void parsesStrings() throws Exception {
        assertEquals("", JsonReader.parse("\"\""));
        assertEquals("chat message", JsonReader.parse("\"chat message\""));
        assertEquals("h\u00e9llo \u20ac \ud83d\ude00", JsonReader.parse("\"h\u00e9llo \u20ac \ud83d\ude00\""));
    }

    @Test
    void parsesEveryEscape() throws Exception {
        assertEquals("\" \\ / \b \f \n \r \t", JsonReader.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
    }

    @Test
    void parsesUnicodeEscapesInEitherCase() throws Exception {
        assertEquals("\u00e9\u00e9\u0000\uffff", JsonReader.parse("\"\\u00e9\\u00E9\\u0000\\uFFFF\""));
    }

    @Test
    void parsesEscapedSurrogatePairsAndLoneSurrogates() throws Exception {
        assertEquals("\ud83d\ude00", JsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("a\ud800b", JsonReader.parse("\"a\\ud800b\""));
        assertEquals("\udc00", JsonReader.parse("\"\\udc00\""));
    }

    @Test
    void keepsLineAndParagraphSeparatorsAndDelete() throws Exception {
        assertEquals("\u2028\u2029\u007f", JsonReader.parse("\"\u2028\u2029\u007f\""));
    }

    @Test
    void typesSmallIntegersAsInteger() throws Exception {
        assertEquals(0, JsonReader.parse("0"));
        assertEquals(-7, JsonReader.parse("-7"));
        assertEquals(Integer.MAX_VALUE, JsonReader.parse("2147483647"));
        assertEquals(Integer.MIN_VALUE, JsonReader.parse("-2147483648"));
        assertInstanceOf(Integer.class, JsonReader.parse("-0"));
        assertEquals(0, JsonReader.parse("-0"));
    }

    @Test
    void typesIntegersBeyondIntAsLong() throws Exception {
        assertEquals(2147483648L, JsonReader.parse("2147483648"));
        assertEquals(-2147483649L, JsonReader.parse("-2147483649"));
        assertEquals(9007199254740993L, JsonReader.parse("9007199254740993"));
        assertEquals(Long.MAX_VALUE, JsonReader.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, JsonReader.parse("-9223372036854775808"));
    }

    @Test
    void typesIntegersBeyondLongAsDouble() throws Exception {
        assertEquals(9223372036854775808.0, JsonReader.parse("9223372036854775808"));
        assertEquals(1e30, JsonReader.parse("1000000000000000000000000000000"));
        assertEquals(-1e19, JsonReader.parse("-10000000000000000000"));
    }

    @Test
    void typesFractionsAndExponentsAsDouble() throws Exception {
        assertEquals(1.5, JsonReader.parse("1.5"));
        assertEquals(-0.25, JsonReader.parse("-0.25"));
        assertEquals(1.0, JsonReader.parse("1.0"));
        assertEquals(100.0, JsonReader.parse("1e2"));
        assertEquals(100.0, JsonReader.parse("1E+2"));
        assertEquals(0.01, JsonReader.parse("1e-2"));
        assertEquals(1.25e-7, JsonReader.parse("0.125e-6"));
        assertEquals(Double.POSITIVE_INFINITY, JsonReader.parse("1e400"));
        assertEquals(0.0, JsonReader.parse("1e-400"));
    }

    @Test
    void parsesArraysAsArrayLists() throws Exception {
        Object value = JsonReader.parse("[1,\"a\",null,[],[[true]]]");

        assertInstanceOf(ArrayList.class, value);
        assertEquals(Arrays.asList(1, "a", null, List.of(), List.of(List.of(true))), value);
    }

    @Test
    void parsesObjectsKeepingKeyOrder() throws Exception {
        Object value = JsonReader.parse("{\"z\":1,\"a\":{\"y\":[]},\"m\":null,\"1\":2}");

        assertInstanceOf(LinkedHashMap.class, value);
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of("z", "a", "m", "1"), new ArrayList<>(map.keySet()));
        assertEquals(Map.of("y", List.of()), map.get("a"));
        assertTrue(map.containsKey("m"));
    }

    @Test
    void keepsTheLastValueOfARepeatedKey() throws Exception {
        Map<?, ?> map = (Map<?, ?>) JsonReader.parse("{\"a\":1,\"b\":2,\"a\":3}");

        assertEquals(3, map.get("a"));
        assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
    }

    @Test
    void returnsMutableContainers() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) JsonReader.parse("[1]");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) JsonReader.parse("{}");

        list.set(0, "x");
        map.put("k", "v");

        assertEquals(List.of("x"), list);
    }

    @Test
    void allowsJsonWhitespaceAroundEveryToken() throws Exception {
        Object value = JsonReader.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\"\r: { } }\n ");

        assertEquals(Map.of("a", List.of(1, 2), "b", Map.of()), value);
    }

    @Test
    void parsesARangeOfALongerString() throws Exception {
        String packet = "2/admin,13[\"bar\",1]";

        assertEquals(List.of("bar", 1), JsonReader.parse(packet, 10, packet.length()));
        assertEquals(13, JsonReader.parse(packet, 8, 10));
        assertEquals("bar", JsonReader.parse(packet, 11, 16));
    }

    @Test
    void doesNotReadPastTheEndOfTheRange() {
        String text = "[1,2]true\"abc\"";

        assertThrows(PacketParseException.class, () -> JsonReader.parse(text, 0, 4));
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text, 5, 8));
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text, 9, 13));
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text, 3, 3));
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        int depth = JsonReader.MAX_DEPTH;

        Object arrays = JsonReader.parse("[".repeat(depth) + "]".repeat(depth));
        Object objects = JsonReader.parse("{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1));

        assertInstanceOf(List.class, arrays);
        assertInstanceOf(Map.class, objects);
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        int depth = JsonReader.MAX_DEPTH + 1;

        assertThrows(PacketParseException.class, () -> JsonReader.parse("[".repeat(depth) + "]".repeat(depth)));
        assertThrows(PacketParseException.class,
                () -> JsonReader.parse("{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1)));
        assertThrows(PacketParseException.class, () -> JsonReader.parse("[{\"a\":".repeat(depth) + "1"));
    }

    @Test
    void rejectsHostileNestingWithoutExhaustingTheStack() {
        PacketParseException e = assertThrows(PacketParseException.class,
                () -> JsonReader.parse("[".repeat(1_000_000)));

        assertTrue(e.getMessage().contains("nesting deeper than 256"), e.getMessage());
    }

    @Test
    void reportsTheOffsetOfTheError() {
        PacketParseException e = assertThrows(PacketParseException.class, () -> JsonReader.parse("[1,]"));

        assertEquals("invalid JSON at offset 3: unexpected character ']'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{1:1}",
        "{\"a\":1 \"b\":2}", "[", "]", "{", "}", "[1", "{\"a\":1", "[1,2", "[[]", "{\"a\":{}"
    })
    void rejectsMalformedStructure(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'a'", "['a']", "{'a':1}", "tru", "True", "nul", "NULL", "falsey", "undefined", "NaN",
        "Infinity", "-Infinity"})
    void rejectsJavaScriptThatIsNotJson(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "00", "-01", "+1", ".5", "1.", "1.e2", "-", "--1", "- 1", "1e", "1e+", "1E-",
        "0x10", "1_000", "1.5.5", "1e2e3", "[01]", "[-]"})
    void rejectsMalformedNumbers(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc", "\"", "\"abc\\\"", "\"\\", "[\"a]", "{\"a:1}"})
    void rejectsUnterminatedStrings(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\x41\"", "\"\\a\"", "\"\\'\"", "\"\\0\"", "\"\\U0041\"", "\"\\u12\"", "\"\\u12G4\"",
        "\"\\u\"", "\"\\u004\"", "\"a\\", "\"\\u00e\u00e9\""})
    void rejectsBadEscapes(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }

    @Test
    void rejectsNonAsciiDigitsInUnicodeEscapes() {
        // Fullwidth digits and letters are hex digits to Character.digit, but not to JSON.
        assertThrows(PacketParseException.class, () -> JsonReader.parse("\"\\u00\uff11\uff11\""));
        assertThrows(PacketParseException.class, () -> JsonReader.parse("\"\\u00e\uff21\""));
        assertThrows(PacketParseException.class, () -> JsonReader.parse("\"\\u\u0661\u0661\u0661\u0661\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\r", "\t", "\u001f", "\b"})
    void rejectsRawControlCharactersInStrings(String control) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse("\"a" + control + "b\""));
        assertThrows(PacketParseException.class, () -> JsonReader.parse("\"\\n" + control + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 2", "[] []", "{}x", "\"a\"\"b\"", "null,", "true]", "[1]\u0000", "1\u00a0",
        "\u00a01", "\ufeff1", "1\f"})
    void rejectsTrailingGarbageAndNonJsonWhitespace(String text) {
        assertThrows(PacketParseException.class, () -> JsonReader.parse(text));
    }
}
