package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MessagePack parser against the bytes of {@code socket.io-msgpack-parser} 3.0.2: every hex
 * literal here was printed by its {@code Encoder} in Node ({@code src/test/node/node_modules},
 * a throwaway {@code new Encoder().encode(packet)[0].toString('hex')} for the object in the
 * comment next to it), so these tests hold the two parsers to the same bytes.
 */
class MessagePackParserTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Parser parser = Parser.msgpack();
    private final PacketEncoder encoder = parser.encoder(null);
    private final PacketDecoder decoder = parser.decoder(SocketPacketDecoder.DEFAULT_MAX_ATTACHMENTS);

    private String encode(SocketPacket packet) {
        EncodedPacket encoded = encoder.encode(packet);
        assertEquals(1, encoded.packets().size(), "one Engine.IO message per packet");
        EnginePacket message = encoded.packets().get(0);
        assertTrue(message.isBinary(), "a binary Engine.IO message");
        return HEX.formatHex(message.binaryData());
    }

    private SocketPacket decode(String hex) throws PacketParseException {
        SocketPacket packet = decoder.decode(HEX.parseHex(hex));
        assertFalse(decoder.isReconstructing());
        return packet;
    }

    private void assertInvalid(String hex) {
        PacketParseException error = assertThrows(PacketParseException.class,
                () -> decoder.decode(HEX.parseHex(hex)), hex);
        assertFalse(error.getMessage().isBlank());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void anEventIsTheMapOfTypeDataAndNamespaceInOneBinaryMessage() {
        // {type: 2, data: ['hi'], nsp: '/'}
        assertEquals("83a47479706502a46461746191a26869a36e7370a12f", encode(SocketPacket.event("/", "hi")));
    }

    @Test
    void anEventAskingForAnAckCarriesItsIdBeforeTheNamespace() {
        // {type: 2, data: ['baz', 1, 2.5, -3, true, null, {a: [1, 'x']}], id: 13, nsp: '/admin'}
        SocketPacket packet = SocketPacket.event("/admin", Arrays.asList("baz", 1, 2.5, -3, true, null,
                Map.of("a", List.of(1, "x")))).withAckId(13);
        assertEquals("84a47479706502a46461746197a362617a01cb4004000000000000fdc3c081a1619201a178a269640da36e7370"
                + "a62f61646d696e", encode(packet));
    }

    @Test
    void anAckIsTypeThreeWithItsId() {
        // {type: 3, data: ['bar'], id: 13, nsp: '/'}
        assertEquals("84a47479706503a46461746191a3626172a269640da36e7370a12f",
                encode(SocketPacket.ack("/", 13, List.of("bar"))));
    }

    @Test
    void binaryValuesStayInPlaceAsBinNotAttachments() {
        // {type: 2, data: ['upload', Buffer.from([1, 2, 3])], nsp: '/'}
        assertEquals("83a47479706502a46461746192a675706c6f6164c403010203a36e7370a12f",
                encode(SocketPacket.event("/", "upload", new byte[] {1, 2, 3})));
        assertEquals("83a47479706502a46461746192a675706c6f6164c403010203a36e7370a12f",
                encode(new SocketPacket(SocketPacketType.BINARY_EVENT, "/", SocketPacket.NO_ACK,
                        List.of("upload", new byte[] {1, 2, 3}))), "BINARY_EVENT is EVENT here");
    }

    @Test
    void connectDisconnectAndConnectErrorHaveTheShapesOfTheReferenceServer() {
        // {type: 0, data: {sid: 'Xk1Ab2', pid: 'p1'}, nsp: '/'}
        assertEquals("83a47479706500a46461746182a3736964a6586b31416232a3706964a27031a36e7370a12f",
                encode(SocketPacket.connect("/", ordered("sid", "Xk1Ab2", "pid", "p1"))));
        // {type: 1, nsp: '/admin'}: no data key at all
        assertEquals("82a47479706501a36e7370a62f61646d696e", encode(SocketPacket.disconnect("/admin")));
        // {type: 4, data: {message: 'Not authorized', data: {reason: 'no token'}}, nsp: '/'}
        assertEquals("83a47479706504a46461746182a76d657373616765ae4e6f7420617574686f72697a6564a46461746181a6726561"
                + "736f6ea86e6f20746f6b656ea36e7370a12f",
                encode(SocketPacket.connectError("/", "Not authorized", Map.of("reason", "no token"))));
    }

    @Test
    void numbersTakeTheFormatsNotepackPicks() {
        // {type: 2, data: ['n', 0, 127, 128, 65536, 4294967296, -33, 1.5, 2 ** 53], nsp: '/'}
        String hex = "83a47479706502a46461746199a16e007fcc80ce00010000cf0000000100000000d0dfcb3ff8000000000000cf00"
                + "20000000000000a36e7370a12f";
        assertEquals(hex, encode(SocketPacket.event("/", "n", 0, 127, 128L, 65536, 4294967296L, -33, 1.5,
                9007199254740992.0)));
    }

    @Test
    void aPacketFromTheJavaScriptClientDecodesWithItsOptionsIgnored() throws PacketParseException {
        // what socket.io-client emits: {type: 2, data: ['hello', 'world'], options: {compress: true}, id: 0, nsp: '/'}
        SocketPacket packet = decode("85a47479706502a46461746192a568656c6c6fa5776f726c64a76f7074696f6e7381a8636f6d"
                + "7072657373c3a2696400a36e7370a12f");
        assertEquals(SocketPacketType.EVENT, packet.type());
        assertEquals("/", packet.namespace());
        assertEquals(0, packet.ackId());
        assertEquals(List.of("hello", "world"), packet.args());
    }

    @Test
    void valuesReadAsTheDefaultParserReadsTheirJson() throws PacketParseException {
        SocketPacket msgpack = decode("83a47479706502a46461746199a16e007fcc80ce00010000cf0000000100000000d0dfcb3ff8"
                + "000000000000cf0020000000000000a36e7370a12f");
        SocketPacket json = new SocketPacketDecoder(10).decode("2[\"n\",0,127,128,65536,4294967296,-33,1.5,9007199254740992]");
        assertEquals(json.args(), msgpack.args());
        assertInstanceOf(Integer.class, msgpack.args().get(3));
        assertInstanceOf(Long.class, msgpack.args().get(5));
        assertInstanceOf(Double.class, msgpack.args().get(7));
        SocketPacket nested = decode("84a47479706502a46461746197a362617a01cb4004000000000000fdc3c081a1619201a178a2"
                + "69640da36e7370a62f61646d696e");
        assertEquals(new SocketPacketDecoder(10).decode("2/admin,13[\"baz\",1,2.5,-3,true,null,{\"a\":[1,\"x\"]}]"),
                nested);
    }

    @Test
    void binDecodesToBytesInPlace() throws PacketParseException {
        SocketPacket packet = decode("83a47479706502a46461746192a675706c6f6164c403010203a36e7370a12f");
        assertEquals("upload", packet.args().get(0));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) packet.args().get(1));
    }

    @Test
    void connectWithAndWithoutAuthAndDisconnectDecode() throws PacketParseException {
        // {type: 0, nsp: '/'} and {type: 0, data: {token: 'abc'}, nsp: '/'}
        assertEquals(SocketPacket.connect("/", null), decode("82a47479706500a36e7370a12f"));
        assertEquals(SocketPacket.connect("/", Map.of("token", "abc")),
                decode("83a47479706500a46461746181a5746f6b656ea3616263a36e7370a12f"));
        assertEquals(SocketPacket.disconnect("/admin"), decode("82a47479706501a36e7370a62f61646d696e"));
    }

    @Test
    void whatTheEncoderWritesTheDecoderReadsBack() throws PacketParseException {
        List<SocketPacket> packets = List.of(
                SocketPacket.event("/", "hi"),
                SocketPacket.event("/chat", Arrays.asList("msg", null, Map.of("deep", List.of(1.25, "é", false)))).withAckId(7),
                SocketPacket.ack("/", 999_999_999_999_999L, List.of()),
                SocketPacket.connect("/", Map.of("token", "t")),
                SocketPacket.disconnect("/x"));
        for (SocketPacket packet : packets) {
            assertEquals(packet, decode(encode(packet)));
        }
        SocketPacket binary = decode(encode(SocketPacket.ack("/", 1, List.of(new byte[300], Map.of("b", new byte[] {9})))));
        assertArrayEquals(new byte[300], (byte[]) binary.args().get(0));
        assertArrayEquals(new byte[] {9}, (byte[]) ((Map<?, ?>) binary.args().get(1)).get("b"));
    }

    @Test
    void aBroadcastIsEncodedOnceIntoOneSharedMessage() {
        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "news", "x"));
        assertSame(encoded.packets().get(0), encoded.packets().get(0));
        assertEquals(0, encoded.attachmentCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "82a47479706507a36e7370a12f",                           // {type: 7}: invalid packet type
        "82a47479706505a36e7370a12f",                           // BINARY_EVENT is not a msgpack-parser type
        "82a474797065a132a36e7370a12f",                         // type '2' as a string
        "82a47479706502a46461746191a178",                       // no nsp: invalid namespace
        "83a47479706502a46461746191a178a36e737001",             // nsp 1
        "83a47479706502a46461746191a178a36e7370a161",           // nsp 'a' without its slash
        "83a47479706502a464617461a178a36e7370a12f",             // data 'x' for an EVENT: invalid payload
        "83a47479706502a46461746190a36e7370a12f",               // an EVENT without its name
        "83a47479706502a46461746191a7636f6e6e656374a36e7370a12f", // a reserved event name
        "84a47479706502a46461746191a178a26964cb3ff8000000000000a36e7370a12f", // id 1.5: invalid packet id
        "84a47479706502a46461746191a178a26964ffa36e7370a12f",   // id -1
        "83a47479706501a46461746101a36e7370a12f",               // DISCONNECT with data
        "83a47479706500a464617461c0a36e7370a12f",               // CONNECT with data null
        "83a47479706503a464617461c3a36e7370a12f",               // ACK with data true
        "92a474797065a12f",                                     // an array, not a map
        "c0",                                                   // nil
        "c1",                                                   // never used
        "83a47479706502a46461746191",                           // cut short
        "82a47479706500a36e7370a12f00",                         // a trailing byte
        "",                                                     // nothing
    })
    void malformedPacketsAreParseErrors(String hex) {
        assertInvalid(hex);
    }

    @Test
    void randomAndMutatedBytesAreAPacketOrAParseErrorNeverAnotherException() {
        Random random = new Random(14);
        byte[] valid = HEX.parseHex("84a47479706502a46461746197a362617a01cb4004000000000000fdc3c081a1619201a178a269640d"
                + "a36e7370a62f61646d696e");
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            } else {
                bytes = new byte[random.nextInt(24)];
                random.nextBytes(bytes);
            }
            try {
                decoder.decode(bytes);
            } catch (PacketParseException expected) {
                // a typed error, as it must be
            } catch (RuntimeException e) {
                throw new AssertionError("decoding " + HEX.formatHex(bytes) + " threw " + e, e);
            }
        }
    }

    @Test
    void aTimestampBeyondJavasInstantIsNullAsJavaScriptsInvalidDate() throws PacketParseException {
        // {type: 2, data: ['t', <timestamp 96: nanoseconds 0, seconds 2^63 - 1>], nsp: '/'}
        SocketPacket packet = decode("83a47479706502a46461746192a174c70cff000000007fffffffffffffffa36e7370a12f");
        assertEquals(Arrays.asList("t", null), packet.args());
    }

    @Test
    void textIsAParseErrorSinceEveryPacketIsBinary() {
        assertThrows(PacketParseException.class, () -> decoder.decode("2[\"hi\"]"));
    }

    @Test
    void hostileLengthsAndNestingAreParseErrorsNotOutOfMemory() {
        assertInvalid("81a464617461dbffffffff61");     // a 4 GB string announced
        assertInvalid("81a464617461ddffffffff01");     // a 4 G elements array announced
        assertInvalid("81a464617461" + "91".repeat(300) + "c0");
    }

    @Test
    void datesGoToTheJsonMapperAsWithTheDefaultParser() {
        SocketPacket packet = SocketPacket.event("/", "at", Instant.ofEpochSecond(0));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(packet), "no mapper: refused, as JSON");
        PacketEncoder mapped = parser.encoder(value -> value instanceof Instant ? new RawJson("\"" + value + "\"") : value);
        // {type: 2, data: ['at', '1970-01-01T00:00:00Z'], nsp: '/'}
        assertEquals(HEX.formatHex(encoder.encode(SocketPacket.event("/", "at", "1970-01-01T00:00:00Z")).packets().get(0).binaryData()),
                HEX.formatHex(mapped.encode(packet).packets().get(0).binaryData()));
    }

    @Test
    void theParsersAreNamedAsTheConfigurationKeyNamesThem() {
        assertEquals("msgpack", Parser.named("msgpack").name());
        assertEquals("default", Parser.named(" Default ").name());
        assertInstanceOf(SocketPacketEncoder.class, Parser.defaultParser().encoder(null));
        assertInstanceOf(SocketPacketDecoder.class, Parser.defaultParser().decoder(10));
        assertThrows(IllegalArgumentException.class, () -> Parser.named("json"));
        assertNull(Parser.msgpack().encoder(null).fallback());
    }
}
