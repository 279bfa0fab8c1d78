package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Engine.IO v3 framing, against literal wire strings and bytes. The expected values were
 * checked with the v3 parser that Node's engine.io 6 ships for {@code allowEIO3}
 * ({@code engine.io/build/parser-v3}, in src/test/node/node_modules).
 */
class EngineCodecV3Test {

    private static final byte[] ONE_TWO_THREE = {1, 2, 3};

    private static String describe(List<EnginePacket> packets) {
        return packets.toString();
    }

    // ---- text payloads ----

    @Test
    void aTextPayloadPrefixesEachPacketWithItsLengthAndBinaryDataIsBase64WithItsType() {
        assertEquals("6:4hello6:b4AQID", EngineCodecV3.encodePayload(
                List.of(EnginePacket.message("hello"), EnginePacket.binary(ONE_TWO_THREE))));
    }

    @Test
    void lengthsCountUtf16CodeUnitsAsJavaScriptDoes() {
        // '4' + '€' (one unit, three UTF-8 bytes) + an emoji (a surrogate pair: two units)
        assertEquals("4:4€😀1:2", EngineCodecV3.encodePayload(List.of(EnginePacket.message("€😀"), EnginePacket.ping(""))));
    }

    @Test
    void anEmptyPayloadIsZeroColon() throws Exception {
        assertEquals("0:", EngineCodecV3.encodePayload(List.of()));
        assertEquals(List.of(), EngineCodecV3.decodePayload("0:"));
    }

    @Test
    void theOpenPacketIsFramedLikeAnyOther() {
        assertEquals("12:0{\"sid\":\"x\"}", EngineCodecV3.encodePayload(List.of(EnginePacket.open("{\"sid\":\"x\"}"))));
    }

    @Test
    void decodesTextAndBase64PacketsOfATextPayload() throws Exception {
        List<EnginePacket> packets = EngineCodecV3.decodePayload("6:4hello2:2a6:b4AQID");

        assertEquals(3, packets.size(), () -> describe(packets));
        assertEquals("4hello", packets.get(0).text());
        assertEquals(EnginePacketType.PING, packets.get(1).type());
        assertEquals("a", packets.get(1).data());
        assertArrayEquals(ONE_TWO_THREE, packets.get(2).binaryData());
    }

    @Test
    void decodesLengthsInUtf16CodeUnits() throws Exception {
        assertEquals("4€😀", EngineCodecV3.decodePayload("4:4€😀").get(0).text());
    }

    @Test
    void aRecordSeparatorIsOrdinaryDataInV3() throws Exception {
        assertEquals("4a\u001eb", EngineCodecV3.decodePayload("4:4a\u001eb").get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",           // empty
        "3:4€",       // length longer than what follows
        "2:4a5",      // a length without its colon
        ":4a",        // no length
        "x:4a",       // not a number
        "1:9",        // unknown type
        "3:b4!",      // bad base64
        "3:b2A",      // binary data in a PING
        "1234567890:4" // a length of ten digits
    })
    void refusesAMalformedTextPayload(String payload) {
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePayload(payload));
    }

    // ---- binary payloads (XHR2) ----

    @Test
    void aBinaryPayloadMarksEachRecordAndWritesItsLengthAsDigitBytes() {
        byte[] payload = EngineCodecV3.encodeBinaryPayload(List.of(EnginePacket.message("hé"), EnginePacket.binary(ONE_TWO_THREE)));

        // text: 0, length 4 (UTF-8 bytes of "4hé"), 255, "4hé"; binary: 1, length 4 (with the type), 255, 04 01 02 03
        assertArrayEquals(new byte[] {0, 4, (byte) 255, '4', 'h', (byte) 0xc3, (byte) 0xa9, 1, 4, (byte) 255, 4, 1, 2, 3}, payload);
    }

    @Test
    void aLengthOfSeveralDigitsTakesOneByteEach() {
        byte[] payload = EngineCodecV3.encodeBinaryPayload(List.of(EnginePacket.binary(new byte[11])));

        assertArrayEquals(new byte[] {1, 1, 2, (byte) 255, 4}, Arrays.copyOf(payload, 5));
        assertEquals(5 + 11, payload.length);
    }

    @Test
    void decodesABinaryPayload() throws Exception {
        List<EnginePacket> packets = EngineCodecV3.decodePayload(new byte[] {
            0, 2, (byte) 255, '4', 'a',
            1, 4, (byte) 255, 4, 1, 2, 3,
            0, 5, (byte) 255, '4', 'h', (byte) 0xc3, (byte) 0xa9, '!'}); // "4hé!": 5 UTF-8 bytes

        assertEquals(3, packets.size(), () -> describe(packets));
        assertEquals("4a", packets.get(0).text());
        assertArrayEquals(ONE_TWO_THREE, packets.get(1).binaryData());
        assertEquals("4hé!", packets.get(2).text());
    }

    @Test
    void refusesABinaryPayloadCutShort() {
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePayload(new byte[] {1, 9, (byte) 255, 4, 1}));
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePayload(new byte[] {0, 2}));
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePayload(new byte[] {2, 1, (byte) 255, '4'}));
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePayload(new byte[] {0, 12, (byte) 255, '4'}));
    }

    @Test
    void findsBinaryData() {
        assertTrue(EngineCodecV3.hasBinary(List.of(EnginePacket.message("a"), EnginePacket.binary(ONE_TWO_THREE))));
        assertFalse(EngineCodecV3.hasBinary(List.of(EnginePacket.message("a"), EnginePacket.ping(""))));
    }

    // ---- single packets (WebSocket frames) ----

    @Test
    void aBinaryFrameStartsWithTheMessageTypeByte() throws Exception {
        assertArrayEquals(new byte[] {4, 1, 2, 3}, EngineCodecV3.encodePacketAsBinary(EnginePacket.binary(ONE_TWO_THREE)));
        assertArrayEquals(ONE_TWO_THREE, EngineCodecV3.decodePacket(new byte[] {4, 1, 2, 3}).binaryData());
    }

    @Test
    void binaryDataInTextIsBAndTheTypeThenBase64() throws Exception {
        assertEquals("b4AQID", EngineCodecV3.encodePacketAsText(EnginePacket.binary(ONE_TWO_THREE)));
        assertArrayEquals(ONE_TWO_THREE, EngineCodecV3.decodePacket("b4AQID").binaryData());
        assertEquals("4hi", EngineCodecV3.encodePacketAsText(EnginePacket.message("hi")));
    }

    @Test
    void decodesTextFramesAsV4Does() throws Exception {
        assertEquals(EnginePacketType.PING, EngineCodecV3.decodePacket("2").type());
        assertEquals("probe", EngineCodecV3.decodePacket("2probe").data());
        assertEquals(EnginePacketType.UPGRADE, EngineCodecV3.decodePacket("5").type());
        assertEquals("40", EngineCodecV3.decodePacket("440").data());
    }

    /** Seeded random mutations, as {@link ParserFuzzTest}: whatever arrives, only a parse error. */
    @Test
    void randomMutationsOfPayloadsFailOnlyAsParseErrors() {
        Random random = new Random(0xE103L);
        List<String> texts = List.of("6:4hello6:b4AQID", "4:4€😀1:2", "0:", "2:40", "118:0{\"sid\":\"x\"}");
        byte[] binary = {0, 4, (byte) 255, '4', 'h', (byte) 0xc3, (byte) 0xa9, 1, 4, (byte) 255, 4, 1, 2, 3};
        String alphabet = "0123456789:b4€\u001e";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(texts.get(random.nextInt(texts.size())));
            byte[] bytes = binary.clone();
            for (int m = random.nextInt(4); m >= 0; m--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (text.length() > 0) {
                            text.deleteCharAt(Math.min(at, text.length() - 1));
                        }
                    }
                    default -> text.setLength(Math.min(at, text.length()));
                }
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            for (Runnable decode : List.<Runnable>of(() -> quietly(() -> EngineCodecV3.decodePayload(text.toString())),
                    () -> quietly(() -> EngineCodecV3.decodePayload(cut)),
                    () -> quietly(() -> EngineCodecV3.decodePacket(cut)))) {
                decode.run();
            }
        }
    }

    private interface Decoding {
        Object run() throws PacketParseException;
    }

    private static void quietly(Decoding decoding) {
        try {
            decoding.run();
        } catch (PacketParseException expected) {
            // the only failure allowed
        }
    }

    @Test
    void refusesABinaryFrameThatIsNotAMessage() {
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePacket(new byte[0]));
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePacket(new byte[] {2, 1}));
        assertThrows(PacketParseException.class, () -> EngineCodecV3.decodePacket(""));
    }
}
