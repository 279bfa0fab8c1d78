package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketPacketEncoderTest {

    private final SocketPacketEncoder encoder = new SocketPacketEncoder(null);

    private String text(SocketPacket packet) {
        EncodedPacket encoded = encoder.encode(packet);
        assertEquals(0, encoded.attachmentCount());
        return encoded.text();
    }

    // The examples of the socket.io-protocol v5 "Packet encoding" section.

    @Test
    void encodesAConnectionToTheMainNamespace() {
        assertEquals("0", text(SocketPacket.connect("/", null)));
    }

    @Test
    void encodesAConnectionGrantToACustomNamespace() {
        assertEquals("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}",
                text(SocketPacket.connect("/admin", Map.of("sid", "oSO0OpakMV_3jnilAAAA"))));
    }

    @Test
    void encodesARefusedConnection() {
        assertEquals("4{\"message\":\"Not authorized\"}",
                text(SocketPacket.connectError("/", "Not authorized", null)));
    }

    @Test
    void encodesARefusedConnectionWithDetails() {
        assertEquals("4/admin,{\"message\":\"Not authorized\",\"data\":{\"retry\":false}}",
                text(SocketPacket.connectError("/admin", "Not authorized", Map.of("retry", false))));
    }

    @Test
    void encodesAnEventInTheMainNamespace() {
        assertEquals("2[\"foo\"]", text(SocketPacket.event("/", "foo")));
    }

    @Test
    void encodesAnEventInACustomNamespace() {
        assertEquals("2/admin,[\"bar\"]", text(SocketPacket.event("/admin", List.of("bar"))));
    }

    @Test
    void encodesAnEventWithABinaryAttachment() {
        byte[] buffer = {1, 2, 3, 4};

        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "baz", buffer));

        assertEquals("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]", encoded.text());
        assertEquals(1, encoded.attachmentCount());
        EnginePacket attachment = encoded.packets().get(1);
        assertEquals(EnginePacketType.MESSAGE, attachment.type());
        assertTrue(attachment.isBinary());
        assertSame(buffer, attachment.binaryData());
    }

    @Test
    void encodesAnEventWithTwoAttachmentsInACustomNamespace() {
        EncodedPacket encoded = encoder.encode(
                SocketPacket.event("/admin", "baz", new byte[] {1, 2}, new byte[] {3, 4}));

        assertEquals("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                encoded.text());
        assertEquals(2, encoded.attachmentCount());
        assertArrayEquals(new byte[] {1, 2}, encoded.packets().get(1).binaryData());
        assertArrayEquals(new byte[] {3, 4}, encoded.packets().get(2).binaryData());
    }

    @Test
    void encodesAnEventAskingForAnAcknowledgement() {
        assertEquals("212[\"foo\"]", text(SocketPacket.event("/", "foo").withAckId(12)));
    }

    @Test
    void encodesAnEmptyAcknowledgement() {
        assertEquals("312[]", text(SocketPacket.ack("/", 12, List.of())));
    }

    @Test
    void encodesAnAcknowledgementInACustomNamespace() {
        assertEquals("3/admin,13[\"bar\"]", text(SocketPacket.ack("/admin", 13, List.of("bar"))));
    }

    @Test
    void encodesAnAcknowledgementWithABinaryAttachment() {
        EncodedPacket encoded = encoder.encode(SocketPacket.ack("/", 15, List.of("bar", new byte[] {1, 2, 3, 4})));

        assertEquals("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", encoded.text());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, encoded.packets().get(1).binaryData());
    }

    @Test
    void encodesABinaryEventWithANamespaceAndAnAckId() {
        EncodedPacket encoded = encoder.encode(SocketPacket.event("/admin", "up", new byte[] {9}).withAckId(7));

        assertEquals("51-/admin,7[\"up\",{\"_placeholder\":true,\"num\":0}]", encoded.text());
    }

    @Test
    void encodesADisconnectionFromTheMainNamespace() {
        assertEquals("1", text(SocketPacket.disconnect("/")));
    }

    @Test
    void encodesADisconnectionFromACustomNamespace() {
        assertEquals("1/admin,", text(SocketPacket.disconnect("/admin")));
    }

    @Test
    void wrapsTheTextPartInAnEngineMessage() {
        EnginePacket message = encoder.encode(SocketPacket.event("/", "foo")).packets().get(0);

        assertEquals("42[\"foo\"]", message.text());
    }

    @Test
    void encodesAnEventWithAnIntegerAsItsName() {
        assertEquals("2[1,\"a\",{}]", text(SocketPacket.event("/", Arrays.asList(1, "a", Map.of()))));
    }

    // Binary values anywhere in the tree.

    @Test
    void numbersAttachmentsFoundInNestedMapsAndListsInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", new byte[] {1});
        inner.put("b", List.of("x", new byte[] {2}, Map.of("c", new byte[] {3})));

        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "files", inner, new byte[] {4}));

        assertEquals("54-[\"files\",{\"a\":{\"_placeholder\":true,\"num\":0},\"b\":[\"x\","
                + "{\"_placeholder\":true,\"num\":1},{\"c\":{\"_placeholder\":true,\"num\":2}}]},"
                + "{\"_placeholder\":true,\"num\":3}]", encoded.text());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new byte[] {(byte) (i + 1)}, encoded.packets().get(i + 1).binaryData());
        }
    }

    record Upload(String name, byte[] content) {
    }

    @Test
    void extractsBinaryFromRecordComponents() {
        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "upload", new Upload("a.png", new byte[] {7})));

        assertEquals("51-[\"upload\",{\"name\":\"a.png\",\"content\":{\"_placeholder\":true,\"num\":0}}]",
                encoded.text());
        assertArrayEquals(new byte[] {7}, encoded.packets().get(1).binaryData());
    }

    @Test
    void extractsTheRemainingBytesOfAByteBufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4});
        buffer.position(1).limit(4);

        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "buf", buffer));

        assertEquals("51-[\"buf\",{\"_placeholder\":true,\"num\":0}]", encoded.text());
        assertArrayEquals(new byte[] {1, 2, 3}, encoded.packets().get(1).binaryData());
        assertEquals(1, buffer.position());
        assertEquals(4, buffer.limit());
    }

    @Test
    void treatsAnEmptyByteArrayAsAnAttachment() {
        EncodedPacket encoded = encoder.encode(SocketPacket.event("/", "empty", new byte[0]));

        assertEquals("51-[\"empty\",{\"_placeholder\":true,\"num\":0}]", encoded.text());
        assertEquals(0, encoded.packets().get(1).binaryData().length);
    }

    @Test
    void encodesABinaryTypedPacketWithoutBinaryAsAPlainOne() {
        SocketPacket event = new SocketPacket(SocketPacketType.BINARY_EVENT, "/", SocketPacket.NO_ACK, List.of("foo"));
        SocketPacket ack = new SocketPacket(SocketPacketType.BINARY_ACK, "/admin", 3, List.of("bar"));

        assertEquals("2[\"foo\"]", text(event));
        assertEquals("3/admin,3[\"bar\"]", text(ack));
    }

    @Test
    void encodesABinaryTypedPacketWithBinaryAsABinaryOne() {
        SocketPacket event = new SocketPacket(SocketPacketType.BINARY_EVENT, "/", SocketPacket.NO_ACK,
                List.of("foo", new byte[] {1}));

        assertEquals("51-[\"foo\",{\"_placeholder\":true,\"num\":0}]", encoder.encode(event).text());
    }

    @Test
    void refusesBinaryDataInAConnectPacket() {
        SocketPacket packet = SocketPacket.connect("/", Map.of("key", new byte[] {1}));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(packet));
        assertEquals("CONNECT packets cannot carry binary data", e.getMessage());
    }

    @Test
    void refusesBinaryDataInAConnectError() {
        SocketPacket packet = SocketPacket.connectError("/", "no", new byte[] {1});

        assertThrows(IllegalArgumentException.class, () -> encoder.encode(packet));
    }

    // Other value types.

    enum Color { RED, GREEN }

    record Point(int x, double y, Color color) {
    }

    @Test
    void writesRecordsAsObjectsAndEnumsByName() {
        assertEquals("2[\"point\",{\"x\":1,\"y\":2.5,\"color\":\"GREEN\"}]",
                text(SocketPacket.event("/", "point", new Point(1, 2.5, Color.GREEN))));
    }

    @Test
    void splicesRawJsonVerbatim() {
        assertEquals("2[\"user\",{\"name\":\"ada\"}]",
                text(SocketPacket.event("/", "user", new RawJson("{\"name\":\"ada\"}"))));
    }

    static final class Pojo {
        final String name;

        Pojo(String name) {
            this.name = name;
        }
    }

    @Test
    void convertsUnknownObjectsWithTheFallback() {
        List<Object> seen = new ArrayList<>();
        SocketPacketEncoder mapping = new SocketPacketEncoder(value -> {
            seen.add(value);
            return new RawJson("{\"name\":\"" + ((Pojo) value).name + "\"}");
        });
        Pojo pojo = new Pojo("ada");

        EncodedPacket encoded = mapping.encode(SocketPacket.event("/", "user", pojo, Map.of("n", 1)));

        assertEquals("2[\"user\",{\"name\":\"ada\"},{\"n\":1}]", encoded.text());
        assertEquals(List.of(pojo), seen);
    }

    @Test
    void extractsBinaryFromWhatTheFallbackReturns() {
        SocketPacketEncoder mapping = new SocketPacketEncoder(value -> Map.of("bytes", new byte[] {5}));

        EncodedPacket encoded = mapping.encode(SocketPacket.event("/", "x", new Pojo("a")));

        assertEquals("51-[\"x\",{\"bytes\":{\"_placeholder\":true,\"num\":0}}]", encoded.text());
    }

    @Test
    void rejectsAnObjectItCannotSerializeNamingItsClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(SocketPacket.event("/", "user", new Pojo("ada"))));

        assertTrue(e.getMessage().startsWith("cannot serialize a " + Pojo.class.getName() + " to JSON"),
                e.getMessage());
        assertTrue(e.getMessage().contains("install a JSON-B mapper"), e.getMessage());
    }

    @Test
    void rejectsAFallbackThatReturnsTheSameKindOfObject() {
        SocketPacketEncoder identity = new SocketPacketEncoder(value -> value);

        assertThrows(IllegalArgumentException.class,
                () -> identity.encode(SocketPacket.event("/", "user", new Pojo("ada"))));
    }

    @Test
    void writesAnEncodedPacketThatTheDecoderReadsBack() throws Exception {
        SocketPacket packet = SocketPacket.event("/chat", "msg", Map.of("text", "h\u00e9\"llo\n"), 1.5, -3, true, null)
                .withAckId(42);

        SocketPacket decoded = new SocketPacketDecoder(10).decode(encoder.encode(packet).text());

        assertEquals(packet, decoded);
    }

    @Test
    void leavesThePacketUntouchedSoItCanBeEncodedAgain() {
        byte[] bytes = {1};
        SocketPacket packet = SocketPacket.event("/", "a", bytes);

        EncodedPacket first = encoder.encode(packet);
        EncodedPacket second = encoder.encode(packet);

        assertEquals(first.text(), second.text());
        assertSame(bytes, packet.args().get(1));
        assertEquals(2, second.packets().size());
    }

    @Test
    void refusesAnEncodedPacketWithoutItsTextPart() {
        assertThrows(IllegalArgumentException.class, () -> new EncodedPacket(List.of()));
    }
}
