package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Java values against the exact bytes Node's notepack.io 3.0.1 (the encoder of
 * {@code @socket.io/redis-adapter} 8.3) writes for the same JavaScript values; every hex string
 * below was produced by notepack itself ({@code require("notepack.io").encode(value).toString("hex")}).
 */
class MessagePackTest {

    private final MessagePack msgpack = new MessagePack(null);

    @Test
    void integersTakeTheSmallestFormatAsNotepackPicksIt() {
        assertEncodes("00", 0);
        assertEncodes("7f", 127);
        assertEncodes("cc80", 128);
        assertEncodes("ccff", 255);
        assertEncodes("cd0100", 256);
        assertEncodes("cdffff", 65535);
        assertEncodes("ce00010000", 65536);
        assertEncodes("ceffffffff", 4294967295L);
        assertEncodes("cf0000000100000000", 4294967296L);
        assertEncodes("cf001fffffffffffff", 9007199254740991L); // Number.MAX_SAFE_INTEGER
        assertEncodes("ff", -1);
        assertEncodes("e0", -32);
        assertEncodes("d0df", -33);
        assertEncodes("d080", -128);
        assertEncodes("d1ff7f", -129);
        assertEncodes("d18000", -32768);
        assertEncodes("d2ffff7fff", -32769);
        assertEncodes("d280000000", Integer.MIN_VALUE);
        assertEncodes("d3ffffffff7fffffff", -2147483649L);
        assertEncodes("d3ffe0000000000001", -9007199254740991L); // Number.MIN_SAFE_INTEGER
        assertEncodes("d3ffffffff00000000", -4294967296L);
    }

    @Test
    void shortsBytesAndBigIntegersAreIntegersToo() {
        assertEncodes("cd0100", (short) 256);
        assertEncodes("d0df", (byte) -33);
        assertEncodes("cf0000000100000000", BigInteger.valueOf(4294967296L));
    }

    @Test
    void integralDoublesAreIntegersAsJavaScriptHasOneNumberType() {
        assertEncodes("02", 2.0);
        assertEncodes("00", -0.0); // notepack: Math.floor(-0) === -0 and -0 >= 0
        assertEncodes("ce00010000", 65536.0f);
        assertEncodes("d3ffffffff00000000", -4294967296.0);
        assertEncodes("07", new BigDecimal("7.000"));
    }

    @Test
    void otherNumbersAreFloat64() {
        assertEncodes("cb3ff8000000000000", 1.5);
        assertEncodes("cbbfd0000000000000", -0.25);
        assertEncodes("cb3fb999999999999a", 0.1);
        assertEncodes("cb3fb999999999999a", 0.1f); // the float's decimal, as JSON writes it
        assertEncodes("cbbfe0000000000000", -0.5);
        assertEncodes("cb41effffffff00000", 4294967295.5);
        assertEncodes("cb7ff8000000000000", Double.NaN);
        assertEncodes("cb7ff0000000000000", Double.POSITIVE_INFINITY);
        assertEncodes("cb3ff8000000000000", new BigDecimal("1.5"));
    }

    @Test
    void integersBeyondLongAreFloat64WhereNotepacksUint64WouldWrap() {
        // notepack writes 1e21 as cf35c9adc5dea00000 (its high word wraps): a float 64 keeps the value
        assertEncodes("cb444b1ae4d6e2ef50", 1e21);
        assertEncodes("cb43e0000000000000", BigInteger.ONE.shiftLeft(63));
    }

    @Test
    void stringsUseFixstrThenStr8Str16AndStr32ByUtf8Length() {
        assertEncodes("a0", "");
        assertEncodes("a161", "a");
        assertEncodes("bf" + "78".repeat(31), "x".repeat(31));
        assertEncodes("d920" + "78".repeat(32), "x".repeat(32));
        assertEncodes("d9ff" + "78".repeat(255), "x".repeat(255));
        assertEncodes("da0100" + "78".repeat(256), "x".repeat(256));
        assertEncodes("db00010000" + "78".repeat(65536), "x".repeat(65536));
        assertEncodes("a2c3a9", "é");
        assertEncodes("a3e282ac", "€");
        assertEncodes("a4f09f9880", "😀");
        assertEncodes("a161", 'a');
        assertEncodes("a161", new StringBuilder("a"));
    }

    @Test
    void nullBooleansAndEnums() {
        assertEncodes("c0", null);
        assertEncodes("c3", true);
        assertEncodes("c2", false);
        assertEncodes("a44e414e4f", Unit.NANO);
    }

    @Test
    void listsArraysSetsAndIterablesAreArrays() {
        assertEncodes("90", List.of());
        assertEncodes("9201a161", List.of(1, "a"));
        assertEncodes("9201a161", new Object[] {1, "a"});
        assertEncodes("9201a161", new LinkedHashSet<>(List.of(1, "a")));
        Iterable<Object> iterable = () -> List.<Object>of(1, "a").iterator();
        assertEncodes("9201a161", iterable);
        List<Integer> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(i);
        }
        assertEncodes("dc0010000102030405060708090a0b0c0d0e0f", sixteen);
    }

    @Test
    void mapsAndRecordsAreMapsWithStringKeysInTheirOrder() {
        assertEncodes("80", Map.of());
        assertEncodes("81a16101", Map.of("a", 1));
        Map<String, Object> sixteen = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            sixteen.put("k" + Integer.toHexString(i), i);
        }
        assertEncodes("de0010a26b3000a26b3101a26b3202a26b3303a26b3404a26b3505a26b3606a26b3707a26b3808"
                + "a26b3909a26b610aa26b620ba26b630ca26b640da26b650ea26b660f", sixteen);
        assertEncodes("81a13101", Map.of(1, 1)); // a JavaScript object's key is a string
        assertEncodes("82a16101a164d6ff00000000", new Point(1, Instant.EPOCH));
    }

    @Test
    void binaryIsBinAsNotepackWritesABuffer() {
        assertEncodes("c403010203", new byte[] {1, 2, 3});
        assertEncodes("c5010007" + "07".repeat(255), filled(256, (byte) 7));
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 9, 8});
        buffer.get();
        assertEncodes("c4020908", buffer);
        assertEquals(1, buffer.position(), "the buffer is read, not consumed");
    }

    @Test
    void instantsAndDatesAreTimestampsOf32_64Or96BitsAsNotepackWritesADate() {
        assertEncodes("d6ff00000000", Instant.EPOCH);
        assertEncodes("d7ff7735940000000001", Instant.ofEpochMilli(1500));
        assertEncodes("c70cff3b8b87c0ffffffffffffffff", Instant.ofEpochMilli(-1));
        assertEncodes("d6fff4865700", Instant.parse("2100-01-01T00:00:00Z"));
        assertEncodes("d7ff7735940000000001", new java.util.Date(1500));
    }

    @Test
    void rawJsonIsEncodedAsTheValueItsTextStandsFor() {
        assertEncodes("82a16101a16292c3c0", new RawJson("{\"a\":1,\"b\":[true,null]}"));
    }

    @Test
    void otherObjectsGoThroughTheFallbackOrAreRefused() {
        UUID id = new UUID(0, 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> msgpack.encode(id));
        assertTrue(refused.getMessage().contains("java.util.UUID"), refused.getMessage());

        MessagePack mapped = new MessagePack(value -> value instanceof UUID ? new RawJson("\"" + value + "\"") : value);
        assertArrayEquals(msgpack.encode(List.of(id.toString())), mapped.encode(List.of(id)));
        MessagePack useless = new MessagePack(value -> value);
        assertThrows(IllegalArgumentException.class, () -> useless.encode(id));
    }

    @Test
    void aCycleIsRefusedInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertThrows(IllegalArgumentException.class, () -> msgpack.encode(cycle));
    }

    @Test
    void aBroadcastOfTheRedisAdapterIsByteForByteNodes() {
        // [uid, packet, opts] of io.to("room1").emit("chat message", "hi") on a Node server
        Map<String, Object> packet = ordered("type", 2, "data", List.of("chat message", "hi"), "nsp", "/");
        Map<String, Object> opts = ordered("rooms", List.of("room1"), "except", List.of(), "flags", Map.of());

        assertEncodes("93a6586b3141623283a47479706502a46461746192ac63686174206d657373616765a26869a36e7370a12f"
                + "83a5726f6f6d7391a5726f6f6d31a665786365707490a5666c61677380", List.of("Xk1Ab2", packet, opts));
    }

    @Test
    void aBroadcastWithAckRequestOfTheRedisAdapterIsByteForByteNodes() {
        Map<String, Object> request = ordered("uid", "Xk1Ab2", "requestId", "r4nd0m", "type", 7,
                "packet", ordered("type", 2, "data", List.of("vote"), "nsp", "/"),
                "opts", ordered("rooms", List.of("r"), "except", List.of(), "flags", Map.of("timeout", 1000)));

        assertEncodes("85a3756964a6586b31416232a9726571756573744964a672346e64306da47479706507a67061636b6574"
                + "83a47479706502a46461746191a4766f7465a36e7370a12fa46f70747383a5726f6f6d7391a172a665786365707490"
                + "a5666c61677381a774696d656f7574cd03e8", request);
    }

    private void assertEncodes(String hex, Object value) {
        assertEquals(hex, HexFormat.of().formatHex(msgpack.encode(value)), () -> "encoding " + value);
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private enum Unit { NANO }

    private record Point(int a, Instant d) { }
}
