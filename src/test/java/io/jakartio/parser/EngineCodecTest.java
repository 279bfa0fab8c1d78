package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EngineCodecTest {

    @ParameterizedTest
    @CsvSource({
        "0, OPEN", "1, CLOSE", "2, PING", "3, PONG", "4, MESSAGE", "5, UPGRADE", "6, NOOP"
    })
    void decodesEveryPacketTypeWithoutPayload(String frame, EnginePacketType type) throws Exception {
        EnginePacket packet = EngineCodec.decodeFrame(frame);

        assertEquals(type, packet.type());
        assertEquals("", packet.data());
        assertFalse(packet.isBinary());
        assertEquals(frame, packet.text());
    }

    @Test
    void encodesEveryPacketTypeAsItsDigit() {
        assertEquals("0{\"sid\":\"abc\"}", EnginePacket.open("{\"sid\":\"abc\"}").text());
        assertEquals("1", EnginePacket.close().text());
        assertEquals("2", EnginePacket.ping("").text());
        assertEquals("3", EnginePacket.pong("").text());
        assertEquals("4hello", EnginePacket.message("hello").text());
        assertEquals("5", EnginePacket.of(EnginePacketType.UPGRADE, "").text());
        assertEquals("6", EnginePacket.noop().text());
    }

    @Test
    void decodesTheOpenPacketWithItsHandshake() throws Exception {
        String handshake = "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
                + "\"pingInterval\":25000,\"pingTimeout\":5000,\"maxPayload\":1000000}";

        EnginePacket packet = EngineCodec.decodeFrame("0" + handshake);

        assertEquals(EnginePacketType.OPEN, packet.type());
        assertEquals(handshake, packet.data());
    }

    @Test
    void decodesTheProbePingAndPongOfAnUpgrade() throws Exception {
        EnginePacket ping = EngineCodec.decodeFrame("2probe");
        EnginePacket pong = EngineCodec.decodeFrame("3probe");

        assertEquals(EnginePacketType.PING, ping.type());
        assertEquals("probe", ping.data());
        assertEquals(EnginePacketType.PONG, pong.type());
        assertEquals("probe", pong.data());
    }

    @Test
    void encodesTheProbePingAndPong() {
        assertEquals("2probe", EnginePacket.ping("probe").text());
        assertEquals("3probe", EnginePacket.pong("probe").text());
    }

    @Test
    void decodesAMessageKeepingItsTextAsIs() throws Exception {
        EnginePacket packet = EngineCodec.decodeFrame("42[\"chat message\",\"hi\"]");

        assertEquals(EnginePacketType.MESSAGE, packet.type());
        assertEquals("2[\"chat message\",\"hi\"]", packet.data());
    }

    @Test
    void decodesAnEmptyMessage() throws Exception {
        EnginePacket packet = EngineCodec.decodeFrame("4");

        assertEquals(EnginePacketType.MESSAGE, packet.type());
        assertEquals("", packet.data());
    }

    @Test
    void keepsMultiByteUtf8TextIntact() throws Exception {
        String text = "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00";
        String frame = new String(("4" + text).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        EnginePacket packet = EngineCodec.decodeFrame(frame);

        assertEquals(text, packet.data());
        assertEquals("4" + text, EnginePacket.message(text).text());
        assertEquals("4" + text, EngineCodec.encodePayload(List.of(packet)));
        assertEquals(text.length(), packet.length());
    }

    @Test
    void decodesABinaryFrameAsABinaryMessage() {
        byte[] bytes = {1, 2, 3, 4};

        EnginePacket packet = EngineCodec.decodeFrame(bytes);

        assertEquals(EnginePacketType.MESSAGE, packet.type());
        assertTrue(packet.isBinary());
        assertSame(bytes, packet.binaryData());
        assertEquals("", packet.data());
        assertEquals(4, packet.length());
    }

    @Test
    void refusesToGiveABinaryPacketATextFrame() {
        EnginePacket packet = EnginePacket.binary(new byte[] {1});

        assertThrows(IllegalStateException.class, packet::text);
    }

    @Test
    void decodesABase64TextFrameAsBinary() throws Exception {
        EnginePacket packet = EngineCodec.decodeFrame("bAQIDBA==");

        assertTrue(packet.isBinary());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, packet.binaryData());
    }

    @Test
    void decodesAPayloadOfTextAndBinaryPackets() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001ebAQIDBA==");

        assertEquals(2, packets.size());
        assertEquals(EnginePacketType.MESSAGE, packets.get(0).type());
        assertEquals("hello", packets.get(0).data());
        assertFalse(packets.get(0).isBinary());
        assertEquals(EnginePacketType.MESSAGE, packets.get(1).type());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, packets.get(1).binaryData());
    }

    @Test
    void encodesAPayloadOfTextAndBinaryPackets() {
        String payload = EngineCodec.encodePayload(
                List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4})));

        assertEquals("4hello\u001ebAQIDBA==", payload);
    }

    @Test
    void encodesAndDecodesAPayloadOfEveryPacketType() throws Exception {
        List<EnginePacket> packets = List.of(
                EnginePacket.open(""), EnginePacket.close(), EnginePacket.ping("probe"),
                EnginePacket.pong("probe"), EnginePacket.message("test"),
                EnginePacket.of(EnginePacketType.UPGRADE, ""), EnginePacket.noop());

        String payload = EngineCodec.encodePayload(packets);
        List<EnginePacket> decoded = EngineCodec.decodePayload(payload);

        assertEquals("0\u001e1\u001e2probe\u001e3probe\u001e4test\u001e5\u001e6", payload);
        assertEquals(packets.size(), decoded.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(packets.get(i).type(), decoded.get(i).type());
            assertEquals(packets.get(i).data(), decoded.get(i).data());
        }
    }

    @Test
    void decodesAPayloadOfOnePacket() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("40");

        assertEquals(1, packets.size());
        assertEquals("0", packets.get(0).data());
    }

    @Test
    void decodesSeveralMessagesInOrder() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("4a\u001e4b\u001e4c\u001e2");

        assertEquals(List.of("a", "b", "c", ""), packets.stream().map(EnginePacket::data).toList());
        assertEquals(EnginePacketType.PING, packets.get(3).type());
    }

    @Test
    void encodesAPayloadOfOnePacketAsItsPollingText() {
        assertEquals("4hello", EngineCodec.encodePayload(List.of(EnginePacket.message("hello"))));
        assertEquals("bAQIDBA==", EngineCodec.encodePayload(List.of(EnginePacket.binary(new byte[] {1, 2, 3, 4}))));
    }

    @Test
    void encodesAnEmptyListAsAnEmptyPayload() {
        assertEquals("", EngineCodec.encodePayload(List.of()));
    }

    @Test
    void encodesAnEmptyBinaryPacketAsAnEmptyBase64Record() throws Exception {
        EnginePacket packet = EnginePacket.binary(new byte[0]);

        assertEquals("b", packet.pollingText());
        assertArrayEquals(new byte[0], EngineCodec.decodeFrame("b").binaryData());
    }

    @Test
    void computesThePollingTextOfABinaryPacketOnce() {
        EnginePacket packet = EnginePacket.binary(new byte[] {(byte) 0xff, 0, 127});

        String first = packet.pollingText();

        assertEquals("b/wB/", first);
        assertSame(first, packet.pollingText());
    }

    @Test
    void usesTheTextFrameAsThePollingTextOfATextPacket() {
        EnginePacket packet = EnginePacket.message("hi");

        assertSame(packet.text(), packet.pollingText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a123", "7", "9", "x", " 4hello", "{", "{}", "[\"a123\",\"a456\"]"})
    void rejectsAFrameThatIsEmptyOrHasAnUnknownType(String frame) {
        assertThrows(PacketParseException.class, () -> EngineCodec.decodeFrame(frame));
    }

    @Test
    void namesTheUnknownTypeInTheError() {
        PacketParseException e = assertThrows(PacketParseException.class, () -> EngineCodec.decodeFrame("abc"));

        assertEquals("unknown packet type 'a'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u001e", "4hello\u001e", "\u001e4hello", "4a\u001e\u001e4b", "4hello\u001eabc", "abc"})
    void rejectsAPayloadWithAnEmptyOrUnknownRecord(String payload) {
        assertThrows(PacketParseException.class, () -> EngineCodec.decodePayload(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bAQID*A==", "bA", "bAQIDBA===", "b AQID"})
    void rejectsABinaryRecordWithInvalidBase64(String record) {
        PacketParseException e = assertThrows(PacketParseException.class, () -> EngineCodec.decodeFrame(record));

        assertEquals("invalid base64 in binary packet", e.getMessage());
        assertThrows(PacketParseException.class, () -> EngineCodec.decodePayload("4ok\u001e" + record));
    }

    @Test
    void sharesTheConstantPacketsWithoutPayload() {
        assertSame(EnginePacket.ping(""), EnginePacket.of(EnginePacketType.PING, ""));
        assertSame(EnginePacket.close(), EnginePacket.of(EnginePacketType.CLOSE, ""));
        assertSame(EnginePacket.noop(), EnginePacket.of(EnginePacketType.NOOP, ""));
    }

    @Test
    void mapsTypesToTheirWireDigitsAndBack() {
        for (EnginePacketType type : EnginePacketType.values()) {
            assertSame(type, EnginePacketType.fromId(type.id()));
        }
        assertEquals(null, EnginePacketType.fromId('7'));
        assertEquals(null, EnginePacketType.fromId('/'));
        assertEquals(null, EnginePacketType.fromId('b'));
    }

    @Test
    void describesPacketsForLogs() {
        assertEquals("MESSAGE hello", EnginePacket.message("hello").toString());
        assertEquals("MESSAGE<3 bytes>", EnginePacket.binary(new byte[3]).toString());
    }

    @Test
    void binaryPacketsWithMimeLineBreaksInTheirBase64AreAccepted() throws PacketParseException {
        // The official Java client writes "b" + base64 wrapped at 76 columns and ends it with "\n".
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes) + "\n";
        List<EnginePacket> packets = EngineCodec.decodePayload("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]\u001eb" + wrapped);
        assertArrayEquals(bytes, packets.get(1).binaryData());
        assertArrayEquals(new byte[] {1, 2, 3, -6, 0},
                EngineCodec.decodePayload("bAQID+gA=\n").get(0).binaryData());
    }
}
