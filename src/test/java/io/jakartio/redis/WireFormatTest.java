package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Packets, broadcast options and channel names as Node's Redis adapter 8.3 and emitter 5.1 put
 * them on the wire; the hex strings are messages notepack.io wrote for Node.
 */
class WireFormatTest {

    private final MessagePack msgpack = new MessagePack(null);

    @Test
    void aNodeBroadcastReadsAsItsPacketAndOptions() {
        // a Node server's io.to("room1").emit("chat message", "hi"): [uid, packet, opts]
        List<?> message = (List<?>) msgpack.decode(HexFormat.of().parseHex(
                "93a6586b3141623283a47479706502a46461746192ac63686174206d657373616765a26869a36e7370a12f"
                        + "83a5726f6f6d7391a5726f6f6d31a665786365707490a5666c61677380"));

        assertEquals("Xk1Ab2", message.get(0));
        assertEquals(SocketPacket.event("/", "chat message", "hi"), WireFormat.readPacket(message.get(1)));
        assertEquals(new BroadcastOptions(Set.of("room1"), Set.of(), BroadcastFlags.NONE), WireFormat.readOptions(message.get(2)));
    }

    @Test
    void aNodeBroadcastsFlagsAndExceptionsReadAsOurs() {
        // io.of("/chat").except("sid1").volatile.compress(false).emit("news")
        List<?> message = (List<?>) msgpack.decode(HexFormat.of().parseHex(
                "93a6586b3141623283a47479706502a46461746191a46e657773a36e7370a52f6368617483a5726f6f6d7390"
                        + "a665786365707491a473696431a5666c61677382a8766f6c6174696c65c3a8636f6d7072657373c2"));

        assertEquals(SocketPacket.event("/chat", "news"), WireFormat.readPacket(message.get(1)));
        BroadcastOptions options = WireFormat.readOptions(message.get(2));
        assertEquals(Set.of(), options.rooms());
        assertEquals(Set.of("sid1"), options.except());
        assertEquals(new BroadcastFlags(true, false, null, false), options.flags());
    }

    @Test
    void ourBroadcastIsByteForByteWhatANodeServerPublishes() {
        SocketPacket packet = SocketPacket.event("/", "chat message", "hi");
        BroadcastOptions options = new BroadcastOptions(Set.of("room1"), Set.of(), BroadcastFlags.NONE);

        byte[] bytes = msgpack.encode(List.of("Xk1Ab2", WireFormat.packet(packet), WireFormat.options(options)));

        assertEquals("93a6586b3141623283a47479706502a46461746192ac63686174206d657373616765a26869a36e7370a12f"
                + "83a5726f6f6d7391a5726f6f6d31a665786365707490a5666c61677380", HexFormat.of().formatHex(bytes));
    }

    @Test
    void flagsAreWrittenOnlyWhenSetAsAJavaScriptObjectHoldsThem() {
        assertEquals(Map.of(), WireFormat.flags(BroadcastFlags.NONE));
        assertEquals(ordered("volatile", true, "compress", false, "local", true, "timeout", 1500L),
                WireFormat.flags(new BroadcastFlags(true, true, Duration.ofMillis(1500), false)));
        assertEquals(Duration.ofSeconds(1), WireFormat.readFlags(Map.of("timeout", 1000)).timeout());
        assertTrue(WireFormat.readFlags(Map.of("volatile", 1)).volatileSend(), "JavaScript's truthiness");
        assertFalse(WireFormat.readFlags(Map.of("volatile", 0)).volatileSend());
        assertTrue(WireFormat.readFlags(Map.of("compress", true)).compress());
        assertEquals(BroadcastFlags.NONE, WireFormat.readFlags(null));
    }

    @Test
    void aPacketAskingForAnAckCarriesItsId() {
        assertEquals(ordered("type", 2, "data", List.of("vote"), "nsp", "/", "id", 7L),
                WireFormat.packet(SocketPacket.event("/", "vote").withAckId(7)));
        assertEquals(SocketPacket.event("/", "vote").withAckId(7),
                WireFormat.readPacket(ordered("type", 2, "data", List.of("vote"), "nsp", "/", "id", 7)));
    }

    @Test
    void aPacketWithoutNamespaceIsInTheMainOneAndABinaryTypeReadsAsItsPlainOne() {
        SocketPacket packet = WireFormat.readPacket(Map.of("type", 5, "data", List.of("file", new byte[] {1})));

        assertEquals(SocketPacketType.EVENT, packet.type());
        assertEquals("/", packet.namespace());
    }

    @Test
    void requestTargetsCarryNoFlagsAndMissingListsAreEmpty() {
        BroadcastOptions options = new BroadcastOptions(Set.of("a"), Set.of("b"), BroadcastFlags.NONE.withVolatile());

        assertEquals(ordered("rooms", List.of("a"), "except", List.of("b")), WireFormat.targets(options));
        assertEquals(BroadcastOptions.ALL, WireFormat.readOptions(Map.of()));
        assertEquals(Set.of("1", "room"), WireFormat.readRooms(List.of(1, "room")), "a numeric room is its text");
    }

    @Test
    void malformedPacketsAndOptionsAreRefusedWithAReason() {
        for (Object bad : List.of("text", Map.of("type", 9, "data", List.of("x")), Map.of("type", "2", "data", List.of("x")),
                Map.of("type", 2, "data", List.of()), Map.of("type", 2, "data", "x"),
                Map.of("type", 2, "data", List.of("x"), "nsp", 1))) {
            assertThrows(IllegalArgumentException.class, () -> WireFormat.readPacket(bad), bad::toString);
        }
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readOptions(List.of()));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readOptions(Map.of("rooms", "room1")));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readOptions(Map.of("rooms", List.of(Map.of()))));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.readFlags(List.of()));
    }

    @Test
    void channelsAreNamedAsNodesRedisAdapterNamesThem() {
        RedisChannels channels = new RedisChannels("socket.io", "/chat");

        assertEquals("socket.io#/chat#", channels.broadcast());
        assertEquals("socket.io#/chat#", channels.broadcast(Set.of()));
        assertEquals("socket.io#/chat#", channels.broadcast(Set.of("a", "b")));
        assertEquals("socket.io#/chat#room1#", channels.broadcast(Set.of("room1")));
        assertEquals("socket.io-request#/chat#", channels.request());
        assertEquals("socket.io-response#/chat#", channels.response());
        assertEquals("socket.io-response#/chat#Xk1Ab2#", channels.response("Xk1Ab2"));
        assertEquals("socket.io#/chat#*", channels.pattern());
        assertEquals("room1", channels.roomOf("socket.io#/chat#room1#"));
        assertEquals("", channels.roomOf("socket.io#/chat#"));
    }

    @Test
    void thePatternEscapesGlobCharactersSoNoNamespaceHearsAnothers() {
        assertEquals("k\\*#/a\\?\\[b\\]#*", new RedisChannels("k*", "/a?[b]").pattern());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
