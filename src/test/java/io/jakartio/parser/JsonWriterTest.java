package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesTheLiterals() {
        assertEquals("null", JsonWriter.toJson(null));
        assertEquals("true", JsonWriter.toJson(true));
        assertEquals("false", JsonWriter.toJson(false));
    }

    @Test
    void writesIntegralNumbersAsTheyAre() {
        assertEquals("0", JsonWriter.toJson(0));
        assertEquals("-42", JsonWriter.toJson(-42));
        assertEquals("9223372036854775807", JsonWriter.toJson(Long.MAX_VALUE));
        assertEquals("-32768", JsonWriter.toJson((short) -32768));
        assertEquals("127", JsonWriter.toJson((byte) 127));
        assertEquals("123456789012345678901234567890", JsonWriter.toJson(new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void writesBigDecimalsAsTheirPlainOrScientificText() throws Exception {
        assertEquals("1.50", JsonWriter.toJson(new BigDecimal("1.50")));
        assertEquals(1.5, JsonReader.parse(JsonWriter.toJson(new BigDecimal("1.50"))));
        assertEquals(1e-8, JsonReader.parse(JsonWriter.toJson(new BigDecimal("0.00000001"))));
    }

    @Test
    void writesFloatsByTheirShortFloatText() {
        assertEquals("1.1", JsonWriter.toJson(1.1f));
        assertEquals("0.5", JsonWriter.toJson(0.5f));
        assertEquals("3", JsonWriter.toJson(3f));
        assertEquals("null", JsonWriter.toJson(Float.NaN));
    }

    @Test
    void writesStrings() {
        assertEquals("\"\"", JsonWriter.toJson(""));
        assertEquals("\"chat message\"", JsonWriter.toJson("chat message"));
        assertEquals("\"h\u00e9llo \u20ac\"", JsonWriter.toJson("h\u00e9llo \u20ac"));
        assertEquals("\"c\"", JsonWriter.toJson('c'));
        assertEquals("\"sb\"", JsonWriter.toJson(new StringBuilder("sb")));
    }

    @Test
    void escapesLikeJsonStringify() {
        // node -e 'console.log(JSON.stringify("\u0000\u0001\u001f\u007f\b\f\n\r\t\"\\/"))'
        assertEquals("\"\\u0000\\u0001\\u001f\u007f\\b\\f\\n\\r\\t\\\"\\\\/\"",
                JsonWriter.toJson("\u0000\u0001\u001f\u007f\b\f\n\r\t\"\\/"));
    }

    @Test
    void escapesEveryControlCharacter() {
        for (char c = 0; c < 0x20; c++) {
            String json = JsonWriter.toJson(String.valueOf(c));
            assertTrue(json.startsWith("\"\\"), json);
            assertEquals(String.valueOf(c), parse(json));
        }
        assertEquals("\"\\u000b\"", JsonWriter.toJson("\u000b"));
        assertEquals("\"\\u001e\"", JsonWriter.toJson("\u001e"));
    }

    @Test
    void leavesLineAndParagraphSeparatorsAsTheyAre() {
        assertEquals("\"\u2028\u2029\"", JsonWriter.toJson("\u2028\u2029"));
    }

    @Test
    void leavesSurrogatePairsAsTheyAre() {
        assertEquals("\"\ud83d\ude00\"", JsonWriter.toJson("\ud83d\ude00"));
        assertEquals("\"a\ud83d\ude00\ud83d\ude01b\"", JsonWriter.toJson("a\ud83d\ude00\ud83d\ude01b"));
    }

    @Test
    void escapesLoneSurrogatesInLowercaseHex() {
        // node -e 'console.log(JSON.stringify(["\ud800","\udc00x\ud800","\udbff\udbff\udfff"]))'
        assertEquals("\"\\ud800\"", JsonWriter.toJson("\ud800"));
        assertEquals("\"\\udc00x\\ud800\"", JsonWriter.toJson("\udc00x\ud800"));
        assertEquals("\"\\udbff\udbff\udfff\"", JsonWriter.toJson("\udbff\udbff\udfff"));
        assertEquals("\"\ud800\udc00\\udc00\"", JsonWriter.toJson("\ud800\udc00\udc00"));
    }

    @Test
    void writesListsArraysAndIterables() {
        assertEquals("[]", JsonWriter.toJson(List.of()));
        assertEquals("[1,\"a\",null,[true]]", JsonWriter.toJson(Arrays.asList(1, "a", null, List.of(true))));
        assertEquals("[\"x\",2]", JsonWriter.toJson(new Object[] {"x", 2}));
        assertEquals("[\"b\",\"a\"]", JsonWriter.toJson(new LinkedHashSet<>(List.of("b", "a"))));
    }

    @Test
    void writesMapsInIterationOrderWithStringKeys() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put(2, List.of());
        map.put("n", null);
        map.put("q\"", Map.of());

        assertEquals("{\"z\":1,\"2\":[],\"n\":null,\"q\\\"\":{}}", JsonWriter.toJson(map));
        assertEquals("{\"a\":1,\"b\":2}", JsonWriter.toJson(new TreeMap<>(Map.of("b", 2, "a", 1))));
    }

    enum Mood { HAPPY, SAD }

    record Message(String text, int likes, Mood mood, List<String> tags) {
    }

    @Test
    void writesRecordsInComponentOrderAndEnumsByName() {
        assertEquals("{\"text\":\"hi\",\"likes\":3,\"mood\":\"SAD\",\"tags\":[\"a\"]}",
                JsonWriter.toJson(new Message("hi", 3, Mood.SAD, List.of("a"))));
        assertEquals("\"HAPPY\"", JsonWriter.toJson(Mood.HAPPY));
    }

    @Test
    void splicesRawJson() {
        assertEquals("[{\"pre\":[1, 2]},3]", JsonWriter.toJson(List.of(new RawJson("{\"pre\":[1, 2]}"), 3)));
    }

    @Test
    void collectsBinaryValuesAsNumberedPlaceholders() {
        byte[] first = {1};
        List<byte[]> attachments = new ArrayList<>();
        StringBuilder out = new StringBuilder();

        new JsonWriter(out, attachments, null).write(
                List.of("file", first, Map.of("b", ByteBuffer.wrap(new byte[] {2, 3}))));

        assertEquals("[\"file\",{\"_placeholder\":true,\"num\":0},{\"b\":{\"_placeholder\":true,\"num\":1}}]",
                out.toString());
        assertEquals(2, attachments.size());
        assertSame(first, attachments.get(0));
        assertArrayEquals(new byte[] {2, 3}, attachments.get(1));
    }

    @Test
    void appendsToWhatIsAlreadyInTheBuffer() {
        StringBuilder out = new StringBuilder("2/admin,");

        new JsonWriter(out, null, null).write(List.of("a"));

        assertEquals("2/admin,[\"a\"]", out.toString());
    }

    @Test
    void refusesBinaryValuesWithoutAnAttachmentList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.toJson(List.of(new byte[] {1})));

        assertEquals("binary data is not allowed here", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(ByteBuffer.allocate(1)));
    }

    @Test
    void refusesUnsupportedTypesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.toJson(Map.of("t", new Object())));

        assertEquals("cannot serialize a java.lang.Object to JSON: use maps, lists, strings, numbers, booleans,"
                + " records or byte[] (or install a JSON-B mapper)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(new int[] {1}));
    }

    @Test
    void passesUnsupportedValuesThroughTheFallback() {
        StringBuilder out = new StringBuilder();

        new JsonWriter(out, null, value -> value instanceof int[] ints ? Arrays.stream(ints).boxed().toList() : null)
                .write(Map.of("ints", new int[] {1, 2}));

        assertEquals("{\"ints\":[1,2]}", out.toString());
    }

    @Test
    void writesNullWhenTheFallbackReturnsNull() {
        StringBuilder out = new StringBuilder();

        new JsonWriter(out, null, value -> null).write(List.of(new Object()));

        assertEquals("[null]", out.toString());
    }

    @Test
    void roundTripsThroughTheReader() throws Exception {
        String json = "{\"a\":[1,-2,3000000000,1.5,-0.001,1e+21,true,false,null,\"s\\n\\u0001\\ud800\"],"
                + "\"b\":{\"c\":{}},\"\":[]}";

        assertEquals(json, JsonWriter.toJson(JsonReader.parse(json)));
    }

    private static Object parse(String json) {
        try {
            return JsonReader.parse(json);
        } catch (PacketParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aValueThatContainsItselfIsAClearErrorNotAStackOverflow() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(cyclic));
        assertTrue(e.getMessage().contains("contain itself"), e.getMessage());
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(list));
    }
}
