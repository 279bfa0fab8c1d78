package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the Java {@link Emitter} publishes, byte for byte, against the messages Node's
 * {@code @socket.io/redis-emitter} 5.1.0 published for the same operations (captured with
 * {@code src/test/node/capture-emitter.mjs}: the channel, and the message in hex for MessagePack
 * broadcasts or as text for JSON requests).
 */
class EmitterWireTest {

    private final List<Publication> published = new CopyOnWriteArrayList<>();
    private final Emitter emitter = Emitter.create((channel, message) -> {
        published.add(new Publication(channel, message));
        return CompletableFuture.completedFuture(1L);
    }, EmitterOptions.defaults());

    private record Publication(String channel, byte[] message) {
    }

    @Test
    void anEmitToEveryoneIsNodesMessagePackBroadcast() {
        emitter.emit("news", "hello", 42, Map.of("a", Arrays.asList(true, null)));

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746194a46e657773a568656c6c6f2a81a16192c3c0a36e7370a12f"
                + "83a5726f6f6d7390a5666c61677380a665786365707490");
    }

    @Test
    void byteArraysAreBinaryAtAnyDepth() {
        emitter.emit("file", new byte[] {1, 2, 3}, Map.of("nested", new byte[] {(byte) 255}));

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746193a466696c65c40301020381a66e6573746564c401ffa36e7370"
                + "a12f83a5726f6f6d7390a5666c61677380a665786365707490");
    }

    @Test
    void numbersTakeTheFormatsNotepackGivesJavaScriptNumbers() {
        emitter.emit("n", 1.5, -3, 4294967296L);

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746194a16ecb3ff8000000000000fdcf0000000100000000a36e7370"
                + "a12f83a5726f6f6d7390a5666c61677380a665786365707490");
    }

    @Test
    void aSingleRoomGoesOnTheRoomsOwnChannel() {
        emitter.to("room1").emit("news");

        assertPublished("socket.io#/#room1#", "93a7656d697474657283a47479706502a46461746191a46e657773a36e7370a12f83a5726f6f6d7391a5726f6f6d31"
                + "a5666c61677380a665786365707490");
    }

    @Test
    void severalRoomsAndExceptionsGoOnTheNamespaceChannelInTheOrderGiven() {
        emitter.to("room1").to("room2").except("room3").emit("news", "x");

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746192a46e657773a178a36e7370a12f83a5726f6f6d7392a5726f6f6d31"
                + "a5726f6f6d32a5666c61677380a665786365707491a5726f6f6d33");
    }

    @Test
    void exceptAloneTargetsEveryoneElse() {
        emitter.except("room3", "room4").emit("news");

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746191a46e657773a36e7370a12f83a5726f6f6d7390a5666c61677380"
                + "a665786365707492a5726f6f6d33a5726f6f6d34");
    }

    @Test
    void theVolatileFlag() {
        emitter.asVolatile().emit("tick");

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a12f83a5726f6f6d7390a5666c61677381"
                + "a8766f6c6174696c65c3a665786365707490");
    }

    @Test
    void theCompressFlagAsSetEvenWhenTrue() {
        emitter.compress(false).emit("tick");
        emitter.compress(true).emit("tick");

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a12f83a5726f6f6d7390a5666c61677381"
                + "a8636f6d7072657373c2a665786365707490",
                "socket.io#/#", "93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a12f83a5726f6f6d7390a5666c61677381"
                + "a8636f6d7072657373c3a665786365707490");
    }

    @Test
    void flagsAreWrittenInTheOrderTheyWereSet() {
        emitter.compress(false).asVolatile().emit("tick");
        emitter.asVolatile().compress(false).emit("tick");

        assertPublished("socket.io#/#", "93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a12f83a5726f6f6d7390a5666c61677382"
                + "a8636f6d7072657373c2a8766f6c6174696c65c3a665786365707490",
                "socket.io#/#", "93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a12f83a5726f6f6d7390a5666c61677382"
                + "a8766f6c6174696c65c3a8636f6d7072657373c2a665786365707490");
    }

    @Test
    void anotherNamespaceWithOrWithoutItsSlash() {
        emitter.of("chat").to("room1").emit("news");
        emitter.of("/admin").emit("news");

        assertPublished("socket.io#/chat#room1#", "93a7656d697474657283a47479706502a46461746191a46e657773a36e7370a52f63686174"
                + "83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490",
                "socket.io#/admin#", "93a7656d697474657283a47479706502a46461746191a46e657773a36e7370a62f61646d696e83a5726f6f6d7390"
                + "a5666c61677380a665786365707490");
    }

    @Test
    void socketsJoinAndLeaveAreJsonRequestsWithTheirTargets() {
        emitter.to("room1").except("room2").socketsJoin("room3", "room4");
        emitter.socketsJoin("room3");
        emitter.in("room1").socketsLeave("room3");

        assertRequests("socket.io-request#/#", "{\"type\":2,\"opts\":{\"rooms\":[\"room1\"],\"except\":[\"room2\"]},\"rooms\":[\"room3\",\"room4\"]}",
                "socket.io-request#/#", "{\"type\":2,\"opts\":{\"rooms\":[],\"except\":[]},\"rooms\":[\"room3\"]}",
                "socket.io-request#/#", "{\"type\":3,\"opts\":{\"rooms\":[\"room1\"],\"except\":[]},\"rooms\":[\"room3\"]}");
    }

    @Test
    void disconnectSocketsIsAJsonRequestWithClose() {
        emitter.disconnectSockets(false);
        emitter.to("room1").disconnectSockets(true);

        assertRequests("socket.io-request#/#", "{\"type\":4,\"opts\":{\"rooms\":[],\"except\":[]},\"close\":false}",
                "socket.io-request#/#", "{\"type\":4,\"opts\":{\"rooms\":[\"room1\"],\"except\":[]},\"close\":true}");
    }

    @Test
    void serverSideEmitIsAJsonRequestFromTheEmitterWithBuffersAsNodeWritesThem() {
        emitter.serverSideEmit("relay", Map.of("msg", "hi"), 1);
        emitter.of("/chat").serverSideEmit("relay", new byte[] {1, 2});

        assertRequests("socket.io-request#/#", "{\"uid\":\"emitter\",\"type\":6,\"data\":[\"relay\",{\"msg\":\"hi\"},1]}",
                "socket.io-request#/chat#", "{\"uid\":\"emitter\",\"type\":6,\"data\":[\"relay\",{\"type\":\"Buffer\",\"data\":[1,2]}]}");
    }

    @Test
    void anotherKeyPrefixesEveryChannel() {
        Emitter chat = Emitter.create((channel, message) -> {
            published.add(new Publication(channel, message));
            return CompletableFuture.completedFuture(1L);
        }, EmitterOptions.builder().key("chat-app").build());

        chat.to("room1").emit("news");
        chat.of("/admin").serverSideEmit("relay");

        assertEquals(List.of("chat-app#/#room1#", "chat-app-request#/admin#"), published.stream().map(Publication::channel).toList());
    }

    /** Channels and hex messages, in pairs, in the order published. */
    private void assertPublished(String... channelsAndHex) {
        assertEquals(channelsAndHex.length / 2, published.size(), "one PUBLISH per operation");
        for (int i = 0; i < published.size(); i++) {
            assertEquals(channelsAndHex[2 * i], published.get(i).channel());
            assertEquals(channelsAndHex[2 * i + 1], HexFormat.of().formatHex(published.get(i).message()));
        }
    }

    /** Channels and JSON texts, in pairs, in the order published. */
    private void assertRequests(String... channelsAndJson) {
        assertEquals(channelsAndJson.length / 2, published.size(), "one PUBLISH per operation");
        for (int i = 0; i < published.size(); i++) {
            assertEquals(channelsAndJson[2 * i], published.get(i).channel());
            assertEquals(channelsAndJson[2 * i + 1], new String(published.get(i).message(), StandardCharsets.UTF_8));
        }
    }
}
