package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.ClusterMessage;
import io.jakartio.adapter.PersistedSession;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.SocketPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The messages of the Redis Streams adapter against what Node's {@code @socket.io/redis-streams-adapter}
 * 0.3.1 wrote, captured once from a Node process (socket.io 4.8.4): stream entries byte for byte,
 * PUB/SUB messages and sessions decoded to the same messages, and ours decoded by the same rules.
 */
class ClusterMessageCodecTest {

    private static final String NODE_UID = "2854df4a7ee7fa34";
    private final MessagePack msgpack = new MessagePack(null);
    private final ClusterMessageCodec codec = new ClusterMessageCodec(msgpack, null);

    private static Map<String, String> text(Map<String, byte[]> fields) {
        Map<String, String> text = new LinkedHashMap<>();
        fields.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    private static Map<String, byte[]> entry(String type, String data) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("uid", NODE_UID.getBytes(StandardCharsets.UTF_8));
        fields.put("nsp", "/".getBytes(StandardCharsets.UTF_8));
        fields.put("type", type.getBytes(StandardCharsets.UTF_8));
        fields.put("data", data.getBytes(StandardCharsets.UTF_8));
        return fields;
    }

    @Test
    void aBroadcastIsTheStreamEntryNodeWrites() {
        Map<String, byte[]> fields = codec.streamEntry(NODE_UID, "/",
                new ClusterMessage.Broadcast(SocketPacket.event("/", "hello", "world", 1), BroadcastOptions.ALL, null));

        assertEquals(Map.of("uid", NODE_UID, "nsp", "/", "type", "3",
                "data", "{\"packet\":{\"type\":2,\"data\":[\"hello\",\"world\",1]},\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}}}"),
                text(fields));
        assertEquals(List.of("uid", "nsp", "type", "data"), List.copyOf(fields.keySet()), "Node's field order");
    }

    @Test
    void aRoomBroadcastWithExceptionsReadsAsNodeWroteIt() {
        ClusterMessage message = codec.fromStream(entry("3",
                "{\"packet\":{\"type\":2,\"data\":[\"to-room\",{\"a\":[1,2.5,null,true]}]},\"opts\":{\"rooms\":[\"room1\"],\"except\":[\"x\"],\"flags\":{}}}"))
                .message();

        ClusterMessage.Broadcast broadcast = assertInstanceOf(ClusterMessage.Broadcast.class, message);
        assertEquals(Arrays.asList("to-room", Map.of("a", Arrays.asList(1, 2.5, null, true))), broadcast.packet().args());
        assertEquals(new BroadcastOptions(Set.of("room1"), Set.of("x"), BroadcastFlags.NONE), broadcast.options());
        assertNull(broadcast.requestId());
    }

    @Test
    void aVolatileBroadcastKeepsItsFlag() {
        ClusterMessage.Broadcast broadcast = (ClusterMessage.Broadcast) codec.fromStream(entry("3",
                "{\"packet\":{\"type\":2,\"data\":[\"vol\",1]},\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"volatile\":true}}}")).message();

        assertEquals(true, broadcast.options().flags().volatileSend());
    }

    @Test
    void aBinaryBroadcastIsBase64MessagePackAsNodeWritesIt() {
        String node = "gqZwYWNrZXSCpHR5cGUCpGRhdGGSo2JpbsQDAQIDpG9wdHODpXJvb21zkKZleGNlcHSQpWZsYWdzgA==";

        Map<String, byte[]> ours = codec.streamEntry(NODE_UID, "/", new ClusterMessage.Broadcast(
                SocketPacket.event("/", "bin", new byte[] {1, 2, 3}), BroadcastOptions.ALL, null));

        assertEquals(node, text(ours).get("data"));
        ClusterMessage.Broadcast back = (ClusterMessage.Broadcast) codec.fromStream(entry("3", node)).message();
        assertEquals("bin", back.packet().args().get(0));
        assertEquals(List.of(1, 2, 3), toList((byte[]) back.packet().args().get(1)));
    }

    private static List<Integer> toList(byte[] bytes) {
        return java.util.stream.IntStream.range(0, bytes.length).mapToObj(i -> (int) bytes[i]).toList();
    }

    @Test
    void socketsJoinLeaveAndDisconnectAreTheEntriesNodeWrites() {
        BroadcastOptions room1 = new BroadcastOptions(Set.of("room1"), Set.of(), BroadcastFlags.NONE);
        assertEquals("{\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}},\"rooms\":[\"r2\"]}",
                text(codec.streamEntry(NODE_UID, "/", new ClusterMessage.SocketsJoin(room1, Set.of("r2")))).get("data"));
        assertEquals("5", text(codec.streamEntry(NODE_UID, "/", new ClusterMessage.SocketsLeave(room1, Set.of("r2")))).get("type"));
        assertEquals(Map.of("uid", NODE_UID, "nsp", "/", "type", "6",
                "data", "{\"opts\":{\"rooms\":[\"nobody\"],\"except\":[],\"flags\":{}},\"close\":true}"),
                text(codec.streamEntry(NODE_UID, "/", new ClusterMessage.DisconnectSockets(
                        new BroadcastOptions(Set.of("nobody"), Set.of(), BroadcastFlags.NONE), true))));
    }

    @Test
    void serverSideEmitsAreThePubSubMessagesNodePublishes() {
        byte[] node = Base64.getDecoder().decode("hKR0eXBlCaRkYXRhgaZwYWNrZXSSpXJlbGF5gaNtc2eiaGmjdWlksDI4NTRkZjRhN2VlN2ZhMzSjbnNwoS8=");
        byte[] withAck = Base64.getDecoder().decode(
                "hKR0eXBlCaRkYXRhgqlyZXF1ZXN0SWSwMGY5MmExMDlhMTgyOWMxMKZwYWNrZXSRqXBpbmctbm9kZaN1aWSwMjg1NGRmNGE3ZWU3ZmEzNKNuc3ChLw==");

        assertEquals(Arrays.toString(node), Arrays.toString(codec.published(NODE_UID, "/",
                new ClusterMessage.ServerSideEmit(List.of("relay", Map.of("msg", "hi")), null))));
        assertEquals(Arrays.toString(withAck), Arrays.toString(codec.published(NODE_UID, "/",
                new ClusterMessage.ServerSideEmit(List.of("ping-node"), "0f92a109a1829c10"))));
        ClusterMessageCodec.Received received = codec.fromChannel(withAck);
        assertEquals(NODE_UID, received.uid());
        assertEquals("/", received.nsp());
        assertEquals(new ClusterMessage.ServerSideEmit(List.of("ping-node"), "0f92a109a1829c10"), received.message());
    }

    @Test
    void fetchSocketsAndBroadcastsWithAcksAreThePubSubMessagesNodePublishes() {
        byte[] fetch = Base64.getDecoder().decode(
                "hKR0eXBlB6RkYXRhgqRvcHRzg6Vyb29tc5CmZXhjZXB0kKVmbGFnc4GndGltZW91dM0BLKlyZXF1ZXN0SWSwN2JlNDU5MTM4MzljYmY1YaN1aWSwMjg1NGRmNGE3ZWU3ZmEzNKNuc3ChLw==");
        byte[] vote = Base64.getDecoder().decode(
                "hKR0eXBlA6RkYXRhg6ZwYWNrZXSCpHR5cGUCpGRhdGGRpHZvdGWpcmVxdWVzdElksDFiMDMyNTgxNzJlMDE3M2Gkb3B0c4Olcm9vbXOQpmV4Y2VwdJClZmxhZ3OBp3RpbWVvdXTNASyjdWlksDI4NTRkZjRhN2VlN2ZhMzSjbnNwoS8=");
        BroadcastOptions timeout = new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withTimeout(Duration.ofMillis(300)));

        assertEquals(Arrays.toString(vote), Arrays.toString(codec.published(NODE_UID, "/",
                new ClusterMessage.Broadcast(SocketPacket.event("/", "vote"), timeout, "1b03258172e0173a"))));
        assertEquals(new ClusterMessage.FetchSockets(timeout, "7be45913839cbf5a"), codec.fromChannel(fetch).message());
        assertEquals(new ClusterMessage.Broadcast(SocketPacket.event("/", "vote"), timeout, "1b03258172e0173a"),
                codec.fromChannel(vote).message());
    }

    @Test
    void answersRoundTrip() {
        for (ClusterMessage answer : List.of(new ClusterMessage.ServerSideEmitResponse("r1", "pong"),
                new ClusterMessage.BroadcastClientCount("r2", 3), new ClusterMessage.BroadcastAck("r3", Map.of("a", 1)),
                new ClusterMessage.Heartbeat(), new ClusterMessage.InitialHeartbeat(), new ClusterMessage.AdapterClose())) {
            assertEquals(answer, codec.fromChannel(codec.published("abc", "/chat", answer)).message(), answer.toString());
        }
    }

    @Test
    void aSessionIsStoredAsNodeStoresIt() {
        String node = "hKNzaWS0TTYwZjJHckRVMzlWaEQzUEFBQUGjcGlktDZ3eXpza29fREs3SDhtdXdBQUFCpXJvb21zkrRNNjBmMkdyRFUzOVZoRDNQQUFBQaVyb29tMaRkYXRhgqR1c2Vyo2FubqFuAQ==";
        RedisSessions sessions = new RedisSessions(null, msgpack, codec, "s", "sio:session:");

        PersistedSession session = sessions.decode(node);

        assertEquals(new PersistedSession("M60f2GrDU39VhD3PAAAA", "6wyzsko_DK7H8muwAAAB", Set.of("M60f2GrDU39VhD3PAAAA", "room1"),
                Map.of("user", "ann", "n", 1)), session);
        assertEquals(session, sessions.decode(sessions.encode(session)));
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> codec.fromStream(entry("99", "{}")));
        assertThrows(IllegalArgumentException.class, () -> codec.fromStream(entry("3", "{not json")));
        assertThrows(IllegalArgumentException.class, () -> codec.fromChannel(new byte[] {(byte) 0x93, 1, 2, 3}));
        assertEquals("1796300831297-3", RedisSessions.next("1796300831297-2"));
    }
}
