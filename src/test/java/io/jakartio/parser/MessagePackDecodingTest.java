package io.jakartio.parser;

import static io.jakartio.parser.MessagePackTest.filled;
import static io.jakartio.parser.MessagePackTest.ordered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What Java sees of the bytes Node's notepack.io 3.0.1 writes (hex produced by notepack), and of
 * malformed input: the same tree the JSON reader gives for the same JavaScript value.
 */
class MessagePackDecodingTest {

    private final MessagePack msgpack = new MessagePack(null);

    @Test
    void integersAreIntegersWhenTheyFitElseLongs() {
        assertDecodes(0, "00");
        assertDecodes(128, "cc80");
        assertDecodes(65535, "cdffff");
        assertDecodes(4294967295L, "ceffffffff");
        assertDecodes(9007199254740991L, "cf001fffffffffffff");
        assertDecodes(-33, "d0df");
        assertDecodes(Integer.MIN_VALUE, "d280000000");
        assertDecodes(-9007199254740991L, "d3ffe0000000000001");
        assertDecodes(1.8446744073709552E19, "cfffffffffffffffff"); // JavaScript reads it as this number
    }

    @Test
    void floatsAreDoublesUnlessIntegralAsJsonWouldWriteThem() {
        assertDecodes(1.5, "cb3ff8000000000000");
        assertDecodes(0.1, "cb3fb999999999999a");
        assertDecodes(1.5, "ca3fc00000"); // float 32
        assertDecodes(2, "cb4000000000000000");
        assertDecodes(0, "cb8000000000000000"); // -0
        assertDecodes(Double.NaN, "cb7ff8000000000000");
    }

    @Test
    void stringsBooleansAndNil() {
        assertDecodes("", "a0");
        assertDecodes("x".repeat(32), "d920" + "78".repeat(32));
        assertDecodes("x".repeat(256), "da0100" + "78".repeat(256));
        assertDecodes("😀", "a4f09f9880");
        assertDecodes("\uFFFD", "a1ff"); // invalid UTF-8 replaced, as Node's Buffer.toString does
        assertDecodes(true, "c3");
        assertDecodes(false, "c2");
        assertDecodes(null, "c0");
    }

    @Test
    void binIsBytes() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) decode("c403010203"));
        assertArrayEquals(filled(256, (byte) 7), (byte[]) decode("c5010007" + "07".repeat(255)));
    }

    @Test
    void arraysAndMapsKeepTheirOrder() {
        assertDecodes(List.of(1, "a"), "9201a161");
        Object map = decode("83a47479706502a46461746192ac63686174206d65737361676582a16e01a46c69737492c3c0a36e7370a12f");
        assertEquals(ordered("type", 2, "data", List.of("chat message", ordered("n", 1, "list", Arrays.asList(true, null))),
                "nsp", "/"), map);
        assertEquals(List.of("type", "data", "nsp"), new ArrayList<>(((Map<?, ?>) map).keySet()));
    }

    @Test
    void aMapKeyThatIsNoStringIsItsText() {
        assertDecodes(Map.of("1", "a", "true", 2), "8201a161c302");
    }

    @Test
    void notepacksUndefinedIsNullInAnArrayAndNoEntryInAMap() {
        assertDecodes(Arrays.asList(null, 1), "92d4000001");
        assertDecodes(Map.of("b", 1), "82a161d40000a16201");
        assertDecodes(null, "d40000");
    }

    @Test
    void timestampsAreTheStringAClientReceivesForADate() {
        assertDecodes("1970-01-01T00:00:00.000Z", "d6ff00000000");
        assertDecodes("1970-01-01T00:00:01.500Z", "d7ff7735940000000001");
        assertDecodes("1969-12-31T23:59:59.999Z", "c70cff3b8b87c0ffffffffffffffff");
        assertDecodes("2100-01-01T00:00:00.000Z", "d6fff4865700");
        assertDecodes("1970-01-01T00:00:01.500Z", "d700" + "00000000000005dc"); // notepack 2's dates
        assertEquals("+012000-01-01T00:00:00.000Z", MessagePackReader.dateJson(316516204800000.0));
        assertEquals("-000001-01-01T00:00:00.000Z", MessagePackReader.dateJson(-62198755200000.0));
        assertNull(MessagePackReader.dateJson(8.64e15 + 1), "an invalid Date's toJSON is null");
    }

    @Test
    void otherExtensionsAreTypeAndBytesAsNotepackGivesThem() {
        Object ext = decode("d40501");
        List<?> pair = assertInstanceOf(List.class, ext);
        assertEquals(5, pair.get(0));
        assertArrayEquals(new byte[] {1}, (byte[]) pair.get(1));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) decode("c70300010203"), "notepack 2's ArrayBuffer");
    }

    @Test
    void malformedInputIsAClearErrorNeverAnOutOfMemoryError() {
        for (String hex : List.of("", "c1", "a5616263", "9201", "0000", "cd01", "c6ffffffff00", "dbffffffff61",
                "ddffffffff01", "dfffffffff01", "c9ffffffff0500", "d6ff0000")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> decode(hex), hex);
            assertTrue(error.getMessage() != null && !error.getMessage().isBlank(), hex);
        }
    }

    @Test
    void nestingDeeperThanTheJsonReaderAllowsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> decode("91".repeat(300) + "c0"));
        assertEquals(1, ((List<?>) decode("91".repeat(200) + "c0")).size());
    }

    @Test
    void whateverIsEncodedDecodesToTheSameTree() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Object tree = randomTree(random, 0);
            assertEquals(tree, msgpack.decode(msgpack.encode(tree)), () -> "round trip of " + tree);
        }
    }

    private Object randomTree(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * 1e6;
            case 5 -> "s" + random.nextInt(1000) + "é".repeat(random.nextInt(40));
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(20); n > 0; n--) {
                    list.add(randomTree(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(20); n > 0; n--) {
                    map.put("k" + random.nextInt(100), randomTree(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private Object decode(String hex) {
        return msgpack.decode(HexFormat.of().parseHex(hex));
    }

    private void assertDecodes(Object expected, String hex) {
        assertEquals(expected, decode(hex), () -> "decoding " + hex);
    }
}
