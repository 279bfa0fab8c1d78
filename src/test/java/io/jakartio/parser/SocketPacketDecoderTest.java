package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketPacketDecoderTest {

    private final SocketPacketDecoder decoder = new SocketPacketDecoder(SocketPacketDecoder.DEFAULT_MAX_ATTACHMENTS);

    private SocketPacket decode(String text) throws PacketParseException {
        SocketPacket packet = decoder.decode(text);
        assertFalse(decoder.isReconstructing());
        return packet;
    }

    private void assertInvalid(String text) {
        assertThrows(PacketParseException.class, () -> decoder.decode(text), text);
        assertFalse(decoder.isReconstructing());
    }

    private static String placeholder(int num) {
        return "{\"_placeholder\":true,\"num\":" + num + "}";
    }

    // The examples of the socket.io-protocol v5 "Packet encoding" section, decoded.

    @Test
    void decodesAConnectionToTheMainNamespace() throws Exception {
        assertEquals(new SocketPacket(SocketPacketType.CONNECT, "/", SocketPacket.NO_ACK, null), decode("0"));
    }

    @Test
    void decodesAConnectionToACustomNamespaceWithAPayload() throws Exception {
        SocketPacket packet = decode("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");

        assertEquals(SocketPacket.connect("/admin", Map.of("sid", "oSO0OpakMV_3jnilAAAA")), packet);
    }

    @Test
    void decodesAConnectionWithAuthenticationData() throws Exception {
        assertEquals(SocketPacket.connect("/", Map.of("token", "123")), decode("0{\"token\":\"123\"}"));
    }

    @Test
    void decodesAConnectionToACustomNamespaceWithoutATrailingComma() throws Exception {
        assertEquals(SocketPacket.connect("/custom", null), decode("0/custom"));
    }

    @Test
    void decodesADisconnectionFromACustomNamespaceWithoutATrailingComma() throws Exception {
        assertEquals(SocketPacket.disconnect("/custom"), decode("1/custom"));
    }

    @Test
    void decodesADisconnectionFromACustomNamespace() throws Exception {
        assertEquals(SocketPacket.disconnect("/admin"), decode("1/admin,"));
    }

    @Test
    void decodesADisconnectionFromTheMainNamespace() throws Exception {
        assertEquals(SocketPacket.disconnect("/"), decode("1"));
    }

    @Test
    void decodesARefusedConnection() throws Exception {
        assertEquals(SocketPacket.connectError("/", "Not authorized", null), decode("4{\"message\":\"Not authorized\"}"));
    }

    @Test
    void decodesARefusedConnectionWithAPlainStringPayload() throws Exception {
        assertEquals("Unauthorized", decode("4\"Unauthorized\"").data());
    }

    @Test
    void decodesAnEventInTheMainNamespace() throws Exception {
        assertEquals(SocketPacket.event("/", "foo"), decode("2[\"foo\"]"));
    }

    @Test
    void decodesAnEventInACustomNamespace() throws Exception {
        assertEquals(SocketPacket.event("/admin", "bar"), decode("2/admin,[\"bar\"]"));
    }

    @Test
    void decodesAnEventWithAnAckId() throws Exception {
        SocketPacket packet = decode("212[\"foo\"]");

        assertEquals(SocketPacket.event("/", "foo").withAckId(12), packet);
        assertTrue(packet.wantsAck());
    }

    @Test
    void decodesAnEventWithANamespaceAndAnAckId() throws Exception {
        assertEquals(SocketPacket.event("/admin", "foo", 1).withAckId(13), decode("2/admin,13[\"foo\",1]"));
    }

    @Test
    void decodesAnAcknowledgementInACustomNamespace() throws Exception {
        assertEquals(SocketPacket.ack("/admin", 13, List.of("bar")), decode("3/admin,13[\"bar\"]"));
    }

    @Test
    void decodesAnEmptyAcknowledgement() throws Exception {
        assertEquals(SocketPacket.ack("/", 12, List.of()), decode("312[]"));
    }

    @Test
    void decodesAnAckIdOfZero() throws Exception {
        assertEquals(0, decode("20[\"a\"]").ackId());
    }

    @Test
    void decodesTheLargestAcceptedAckId() throws Exception {
        assertEquals(999_999_999_999_999L, decode("2999999999999999[\"a\"]").ackId());
    }

    @Test
    void decodesAnEventWithAnIntegerAsItsName() throws Exception {
        assertEquals(Arrays.asList(1, "a", Map.of()), decode("2[1,\"a\",{}]").args());
    }

    @Test
    void decodesAnEventWithEveryKindOfArgument() throws Exception {
        SocketPacket packet = decode("2[\"e\",\"s\",1,2.5,true,false,null,[1],{\"k\":\"v\"},3000000000]");

        assertEquals(Arrays.asList("e", "s", 1, 2.5, true, false, null, List.of(1), Map.of("k", "v"), 3_000_000_000L),
                packet.args());
    }

    // Binary packets.

    @Test
    void decodesAnEventWithABinaryAttachment() throws Exception {
        byte[] bytes = {1, 2, 3, 4};

        assertNull(decoder.decode("51-[\"baz\"," + placeholder(0) + "]"));
        assertTrue(decoder.isReconstructing());
        SocketPacket packet = decoder.decode(bytes);

        assertFalse(decoder.isReconstructing());
        assertEquals(SocketPacketType.EVENT, packet.type());
        assertEquals("/", packet.namespace());
        assertEquals(SocketPacket.NO_ACK, packet.ackId());
        assertEquals("baz", packet.args().get(0));
        assertSame(bytes, packet.args().get(1));
    }

    @Test
    void decodesAnEventWithTwoAttachmentsInACustomNamespace() throws Exception {
        assertNull(decoder.decode("52-/admin,[\"baz\"," + placeholder(0) + "," + placeholder(1) + "]"));
        assertNull(decoder.decode(new byte[] {1, 2}));
        SocketPacket packet = decoder.decode(new byte[] {3, 4});

        assertEquals("/admin", packet.namespace());
        assertEquals(3, packet.args().size());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) packet.args().get(1));
        assertArrayEquals(new byte[] {3, 4}, (byte[]) packet.args().get(2));
    }

    @Test
    void decodesAnAcknowledgementWithABinaryAttachment() throws Exception {
        assertNull(decoder.decode("61-15[\"bar\"," + placeholder(0) + "]"));
        SocketPacket packet = decoder.decode(new byte[] {1, 2, 3, 4});

        assertEquals(SocketPacketType.ACK, packet.type());
        assertEquals(15, packet.ackId());
        assertEquals("bar", packet.args().get(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) packet.args().get(1));
    }

    @Test
    void reassemblesAMessageFollowedByItsTwoBinaryMessages() throws Exception {
        String frame = "452-[\"message\"," + placeholder(0) + "," + placeholder(1) + "]";
        EnginePacket message = EngineCodec.decodeFrame(frame);

        assertNull(decoder.decode(message.data()));
        assertNull(decoder.decode(EngineCodec.decodeFrame(new byte[] {10}).binaryData()));
        SocketPacket packet = decoder.decode(EngineCodec.decodeFrame(new byte[] {20}).binaryData());

        assertEquals(SocketPacketType.EVENT, packet.type());
        assertEquals("message", packet.args().get(0));
        assertArrayEquals(new byte[] {10}, (byte[]) packet.args().get(1));
        assertArrayEquals(new byte[] {20}, (byte[]) packet.args().get(2));
    }

    @Test
    void reassemblesABinaryEventWithAnAckId() throws Exception {
        EnginePacket message = EngineCodec.decodeFrame("452-789[\"message\"," + placeholder(0) + "," + placeholder(1) + "]");

        assertNull(decoder.decode(message.data()));
        assertNull(decoder.decode(new byte[] {1}));
        SocketPacket packet = decoder.decode(new byte[] {2});

        assertEquals(789, packet.ackId());
        assertEquals(SocketPacketType.EVENT, packet.type());
    }

    @Test
    void placesAttachmentsByTheirNumberNotTheirPosition() throws Exception {
        decoder.decode("52-[\"swap\"," + placeholder(1) + "," + placeholder(0) + "]");
        decoder.decode(new byte[] {0});
        SocketPacket packet = decoder.decode(new byte[] {1});

        assertArrayEquals(new byte[] {1}, (byte[]) packet.args().get(1));
        assertArrayEquals(new byte[] {0}, (byte[]) packet.args().get(2));
    }

    @Test
    void restoresAttachmentsNestedInObjectsAndArrays() throws Exception {
        decoder.decode("52-[\"files\",{\"a\":" + placeholder(0) + ",\"list\":[\"x\",{\"deep\":" + placeholder(1) + "}]}]");
        decoder.decode(new byte[] {1});
        SocketPacket packet = decoder.decode(new byte[] {2});

        Map<?, ?> files = (Map<?, ?>) packet.args().get(1);
        assertArrayEquals(new byte[] {1}, (byte[]) files.get("a"));
        List<?> list = (List<?>) files.get("list");
        assertEquals("x", list.get(0));
        assertArrayEquals(new byte[] {2}, (byte[]) ((Map<?, ?>) list.get(1)).get("deep"));
    }

    @Test
    void acceptsABinaryEventAnnouncingNoAttachments() throws Exception {
        SocketPacket packet = decode("50-[\"foo\"]");

        assertEquals(SocketPacket.event("/", "foo"), packet);
    }

    @Test
    void decodesTextAgainOnceABinaryPacketIsComplete() throws Exception {
        decoder.decode("51-[\"a\"," + placeholder(0) + "]");
        decoder.decode(new byte[] {1});

        assertEquals(SocketPacket.event("/", "b"), decode("2[\"b\"]"));
    }

    @Test
    void forgetsAPartialPacketWhenReset() throws Exception {
        decoder.decode("52-[\"a\"," + placeholder(0) + "," + placeholder(1) + "]");
        decoder.decode(new byte[] {1});

        decoder.reset();

        assertFalse(decoder.isReconstructing());
        assertEquals(SocketPacket.event("/", "b"), decode("2[\"b\"]"));
    }

    @Test
    void roundTripsWhatTheEncoderProduces() throws Exception {
        SocketPacket original = SocketPacket.ack("/chat", 5, List.of("ok", Map.of("img", new byte[] {9, 8}), new byte[] {7}));
        EncodedPacket encoded = new SocketPacketEncoder(null).encode(original);

        SocketPacket decoded = decoder.decode(encoded.text());
        for (int i = 1; i < encoded.packets().size(); i++) {
            decoded = decoder.decode(encoded.packets().get(i).binaryData());
        }

        assertEquals("/chat", decoded.namespace());
        assertEquals(5, decoded.ackId());
        assertEquals(SocketPacketType.ACK, decoded.type());
        assertArrayEquals(new byte[] {9, 8}, (byte[]) ((Map<?, ?>) decoded.args().get(1)).get("img"));
        assertArrayEquals(new byte[] {7}, (byte[]) decoded.args().get(2));
    }

    // Invalid input.

    @Test
    void rejectsTextThatIsNotAPacket() {
        PacketParseException e = assertThrows(PacketParseException.class, () -> decoder.decode("abc"));

        assertEquals("unknown packet type 'a'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "9[]", "999", " 2[\"a\"]", "-1", "a2[\"a\"]"})
    void rejectsAnEmptyPacketOrAnUnknownType(String text) {
        assertInvalid(text);
    }

    @Test
    void rejectsAnEventWhosePayloadIsNotAnArray() {
        assertInvalid("2{}");
        assertInvalid("2/admin,{}");
        assertInvalid("2\"foo\"");
        assertInvalid("2/admin,\"invalid");
    }

    @Test
    void rejectsAnInvalidAckId() {
        assertInvalid("2abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertInvalid("2-1[\"a\"]");
        assertInvalid("21.5[\"a\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"})
    void rejectsAReservedEventName(String name) {
        assertInvalid("2[\"" + name + "\"]");
        assertInvalid("2/admin,1[\"" + name + "\",\"123\"]");
        assertInvalid("51-[\"" + name + "\"," + placeholder(0) + "]");
    }

    @Test
    void acceptsEventNamesThatOnlyResembleReservedOnes() throws Exception {
        assertEquals("Connect", decode("2[\"Connect\"]").args().get(0));
        assertEquals("connection", decode("2[\"connection\"]").args().get(0));
    }

    @Test
    void rejectsAnEventWithAnEmptyArray() {
        assertInvalid("2[]");
        assertInvalid("212[]");
    }

    @Test
    void rejectsAnEventWithoutPayload() {
        assertInvalid("2");
        assertInvalid("212");
        assertInvalid("2/admin,");
        assertInvalid("2/admin");
    }

    @Test
    void rejectsAnEventWhoseNameIsNeitherAStringNorANumber() {
        assertInvalid("2[true,\"foo\"]");
        assertInvalid("2[null,\"bar\"]");
        assertInvalid("2[{\"toString\":\"foo\"}]");
        assertInvalid("2[[\"a\"]]");
    }

    @Test
    void rejectsADisconnectionWithAPayload() {
        assertInvalid("1{}");
        assertInvalid("1/admin,{}");
        assertInvalid("1[\"a\"]");
        assertInvalid("1null");
    }

    @Test
    void rejectsAConnectionWithANonObjectPayload() {
        assertInvalid("0[]");
        assertInvalid("0/admin,[]");
        assertInvalid("0/admin,\"invalid\"");
        assertInvalid("0null");
    }

    @Test
    void rejectsAnAcknowledgementWithoutAnArray() {
        assertInvalid("3");
        assertInvalid("31");
        assertInvalid("31{}");
        assertInvalid("31\"a\"");
    }

    @Test
    void rejectsAConnectErrorWithoutAnObjectOrString() {
        assertInvalid("4");
        assertInvalid("4[]");
        assertInvalid("442[\"some\",\"data\"");
        assertInvalid("41");
    }

    @Test
    void rejectsANamespaceFollowedByGarbage() {
        assertInvalid("2/admin,garbage");
        assertInvalid("2/admin,13garbage");
        assertInvalid("0/admin,{");
        assertInvalid("2/admin,[\"a\"]x");
    }

    @Test
    void rejectsAnAckIdTooLargeForAJavaScriptNumber() {
        assertInvalid("21234567890123456[\"a\"]");
        assertInvalid("3" + "9".repeat(400) + "[]");
    }

    @Test
    void rejectsNestingDeeperThanTheJsonLimit() throws Exception {
        int depth = JsonReader.MAX_DEPTH;
        String deepest = "2[\"a\"," + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "]";
        assertEquals(2, decode(deepest).args().size());

        assertInvalid("2[\"a\"," + "[".repeat(depth) + "]".repeat(depth) + "]");
        assertInvalid("2[\"a\"," + "{\"k\":".repeat(depth) + "1" + "}".repeat(depth) + "]");
        assertInvalid("2" + "[".repeat(100_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "51", "5a-", "51.23-", "5-[\"a\"]", "5-1-[\"a\"]", "5+1-[\"a\"]",
        "51234567-[\"a\"]", "6", "61", "6x-1[\"a\"]"})
    void rejectsAnIllegalAttachmentCount(String text) {
        assertInvalid(text);
    }

    @Test
    void rejectsMoreAttachmentsThanAllowed() {
        PacketParseException e = assertThrows(PacketParseException.class,
                () -> decoder.decode("511-[\"a\"," + placeholder(0) + "]"));

        assertEquals("too many attachments: 11", e.getMessage());
        assertFalse(decoder.isReconstructing());
    }

    @Test
    void rejectsMoreAttachmentsThanAConfiguredLimit() throws Exception {
        SocketPacketDecoder strict = new SocketPacketDecoder(2);

        assertThrows(PacketParseException.class, () -> strict.decode(
                "53-[\"hello\"," + placeholder(0) + "," + placeholder(1) + "," + placeholder(2) + "]"));
        assertNull(strict.decode("52-[\"hello\"," + placeholder(0) + "," + placeholder(1) + "]"));
    }

    @Test
    void rejectsABinaryEventWithAnInvalidPayload() {
        assertInvalid("51-{}");
        assertInvalid("51-");
        assertInvalid("51-[]");
        assertInvalid("61-1{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "\"0\"", "0.5", "null", "true", "99999999999"})
    void rejectsAPlaceholderNumberOutOfRange(String num) throws Exception {
        assertNull(decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":" + num + "}]"));

        assertThrows(PacketParseException.class, () -> decoder.decode(new byte[] {1}));
        assertFalse(decoder.isReconstructing());
    }

    @Test
    void rejectsAPlaceholderWithoutANumber() throws Exception {
        decoder.decode("51-[\"a\",{\"_placeholder\":true}]");

        assertThrows(PacketParseException.class, () -> decoder.decode(new byte[] {1}));
    }

    @Test
    void leavesObjectsThatAreNotPlaceholdersAlone() throws Exception {
        decoder.decode("51-[\"a\",{\"_placeholder\":false,\"num\":9}," + placeholder(0) + "]");
        SocketPacket packet = decoder.decode(new byte[] {1});

        assertEquals(Map.of("_placeholder", false, "num", 9), packet.args().get(1));
    }

    @Test
    void rejectsBinaryDataWithoutAPendingPacket() {
        PacketParseException e = assertThrows(PacketParseException.class, () -> decoder.decode(new byte[] {1}));

        assertEquals("got binary data when not reconstructing a packet", e.getMessage());
    }

    @Test
    void rejectsMoreBinaryDataThanAnnounced() throws Exception {
        decoder.decode("51-[\"a\"," + placeholder(0) + "]");
        decoder.decode(new byte[] {1});

        assertThrows(PacketParseException.class, () -> decoder.decode(new byte[] {2}));
    }

    @Test
    void rejectsTextWhileWaitingForAttachments() throws Exception {
        decoder.decode("52-[\"a\"," + placeholder(0) + "," + placeholder(1) + "]");
        decoder.decode(new byte[] {1});

        PacketParseException e = assertThrows(PacketParseException.class, () -> decoder.decode("2[\"b\"]"));
        assertEquals("got text while waiting for binary attachments", e.getMessage());
    }

    @Test
    void mapsTypesToTheirWireDigitsAndBack() {
        for (SocketPacketType type : SocketPacketType.values()) {
            assertSame(type, SocketPacketType.fromId(type.id()));
        }
        assertNull(SocketPacketType.fromId('7'));
        assertNull(SocketPacketType.fromId('/'));
    }

    @Test
    void exposesTheArgumentsOfEventsOnly() throws Exception {
        SocketPacket connect = decode("0");

        assertThrows(IllegalStateException.class, connect::args);
        assertInstanceOf(List.class, decode("2[\"a\"]").args());
    }

    @Test
    void refusesANegativeAckIdOtherThanNoAck() {
        assertThrows(IllegalArgumentException.class, () -> SocketPacket.ack("/", -2, List.of()));
    }

    @Test
    void movesAPacketToAnotherNamespace() {
        SocketPacket packet = SocketPacket.event("/", "a");

        assertSame(packet, packet.withNamespace("/"));
        assertEquals("/b", packet.withNamespace("/b").namespace());
    }
}
