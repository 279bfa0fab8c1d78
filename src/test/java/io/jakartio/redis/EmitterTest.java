package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.MessagePack;
import io.jakartio.parser.RawJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The emitter's API beyond its bytes (those are {@link EmitterWireTest}'s): refusals, immutability, closing. */
class EmitterTest {

    private final List<String> channels = new CopyOnWriteArrayList<>();
    private final MessagePack msgpack = new MessagePack(null);
    private final List<Object> messages = new CopyOnWriteArrayList<>();
    private final Emitter emitter = Emitter.create((channel, message) -> {
        channels.add(channel);
        messages.add(message[0] == '{' ? new String(message) : msgpack.decode(message));
        return CompletableFuture.completedFuture(2L);
    }, EmitterOptions.defaults());

    /** A POJO, as an application would pass one. */
    static final class Item {
        final String name;

        Item(String name) {
            this.name = name;
        }
    }

    @Test
    void theClientsReservedEventNamesAreRefusedAsNodeRefusesThem() {
        for (String name : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> emitter.to("r").emit(name));
            assertEquals("\"" + name + "\" is a reserved event name", refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> emitter.emit(null));
        assertEquals(List.of(), channels, "nothing published");
    }

    @Test
    void theServersReservedEventNamesAreRefusedForServerSideEmit() {
        for (String name : List.of("connect", "connection", "new_namespace")) {
            assertThrows(IllegalArgumentException.class, () -> emitter.serverSideEmit(name));
        }
        assertEquals(List.of(), channels);
    }

    @Test
    void aCallbackAsLastArgumentIsRefusedWithAClearException() {
        BiConsumer<Object, Object> callback = (error, answers) -> { };
        java.util.function.Consumer<Object> anonymous = new java.util.function.Consumer<>() {
            @Override
            public void accept(Object answer) {
            }
        };

        UnsupportedOperationException serverSide = assertThrows(UnsupportedOperationException.class,
                () -> emitter.serverSideEmit("ping-node", callback));
        UnsupportedOperationException broadcast = assertThrows(UnsupportedOperationException.class,
                () -> emitter.emit("vote", "question", (Runnable) () -> { }));
        assertThrows(UnsupportedOperationException.class, () -> emitter.serverSideEmit("ping-node", anonymous));

        assertTrue(serverSide.getMessage().startsWith("acknowledgements are not supported by an emitter"), serverSide::getMessage);
        assertEquals(serverSide.getMessage(), broadcast.getMessage());
        assertEquals(List.of(), channels);
        emitter.serverSideEmit("relay", null, "plain values", List.of(1), Map.of());
        assertEquals(1, channels.size(), "a null or a collection last is no callback");
    }

    @Test
    void operatorsAreImmutable() {
        EmitterOperator room1 = emitter.to("room1");
        EmitterOperator both = room1.to("room2");
        EmitterOperator quiet = room1.asVolatile();

        assertNotSame(room1, both);
        room1.emit("a");
        both.emit("b");
        quiet.except("x").emit("c");
        room1.emit("d");

        assertEquals(List.of("socket.io#/#room1#", "socket.io#/#", "socket.io#/#room1#", "socket.io#/#room1#"), channels);
        assertEquals(options(List.of("room1"), Map.of(), List.of()), ((List<?>) messages.get(0)).get(2));
        assertEquals(options(List.of("room1", "room2"), Map.of(), List.of()), ((List<?>) messages.get(1)).get(2));
        assertEquals(options(List.of("room1"), Map.of("volatile", true), List.of("x")), ((List<?>) messages.get(2)).get(2));
        assertEquals(((List<?>) messages.get(0)).get(2), ((List<?>) messages.get(3)).get(2), "room1 unchanged by what was made of it");
    }

    @Test
    void aRoomAddedTwiceIsTargetedOnce() {
        emitter.to("room1", "room1").in("room1").emit("news");

        assertEquals(List.of("socket.io#/#room1#"), channels);
    }

    @Test
    void emittersOfNamespacesAreIndependent() {
        Emitter chat = emitter.of("chat");

        assertEquals("/chat", chat.namespace());
        assertEquals("/", emitter.namespace());
        assertEquals("/", emitter.of("").namespace(), "Node's of(\"\") is the main namespace");
    }

    @Test
    void theFutureGivesTheNumberOfServersThatReceivedIt() {
        assertEquals(2L, emitter.emit("news").join());
        assertEquals(2L, emitter.serverSideEmit("relay").join());
        assertEquals(2L, emitter.in("r").socketsJoin("s").join());
    }

    @Test
    void aPublicationRedisRefusedFailsItsFuture() {
        Emitter down = Emitter.create((channel, message) -> CompletableFuture.failedFuture(
                new IllegalStateException("not connected to Redis at redis://127.0.0.1:1")), EmitterOptions.defaults());

        CompletionException failed = assertThrows(CompletionException.class, () -> down.emit("news").join());

        assertEquals("not connected to Redis at redis://127.0.0.1:1", failed.getCause().getMessage());
    }

    @Test
    void aPublicationWithoutAnswerFailsAtTheTimeout() {
        Emitter stuck = Emitter.create((channel, message) -> new CompletableFuture<>(),
                EmitterOptions.builder().timeout(Duration.ofMillis(50)).build());

        CompletionException failed = assertThrows(CompletionException.class, () -> stuck.emit("news").join());

        assertEquals(java.util.concurrent.TimeoutException.class, failed.getCause().getClass());
    }

    @Test
    void aPojoNeedsTheJsonMapper() {
        assertThrows(IllegalArgumentException.class, () -> emitter.emit("item", new Item("Sale")));
        assertEquals(List.of(), channels);

        List<Object> mapped = new ArrayList<>();
        Emitter withMapper = Emitter.create((channel, message) -> {
            mapped.add(msgpack.decode(message));
            return CompletableFuture.completedFuture(1L);
        }, EmitterOptions.builder().jsonMapper(value -> new RawJson("{\"name\":\"" + ((Item) value).name + "\"}")).build());
        withMapper.emit("item", new Item("Sale"));

        assertEquals(List.of("item", Map.of("name", "Sale")), packetData(mapped.get(0)));
    }

    @Test
    void aClosedEmitterRefusesEverythingItAndWhatWasMadeOfItWouldPublish() {
        EmitterOperator operator = emitter.to("room1");
        Emitter chat = emitter.of("/chat");

        emitter.close();
        emitter.close(); // idempotent

        assertThrows(IllegalStateException.class, () -> emitter.emit("news"));
        assertThrows(IllegalStateException.class, () -> operator.emit("news"));
        assertThrows(IllegalStateException.class, () -> chat.serverSideEmit("relay"));
        assertEquals(List.of(), channels);
    }

    @Test
    void closingWaitsForThePublicationsUnderWay() throws Exception {
        CompletableFuture<Long> redis = new CompletableFuture<>();
        Emitter slow = Emitter.create((channel, message) -> redis, EmitterOptions.defaults());
        CompletableFuture<Long> published = slow.emit("news");

        Thread closing = new Thread(slow::close);
        closing.start();
        closing.join(200);
        assertTrue(closing.isAlive(), "close waits while a publication is under way");
        redis.complete(1L);
        closing.join(2_000);

        assertTrue(!closing.isAlive() && published.isDone());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> EmitterOptions.builder().key("").build());
        assertThrows(IllegalArgumentException.class, () -> EmitterOptions.builder().timeout(Duration.ZERO).build());
        assertEquals("socket.io", EmitterOptions.defaults().key());
        assertEquals(Duration.ofSeconds(5), EmitterOptions.defaults().timeout());
    }

    private static Map<String, Object> options(List<String> rooms, Map<String, Object> flags, List<String> except) {
        return Map.of("rooms", rooms, "flags", flags, "except", except);
    }

    private static Object packetData(Object message) {
        return ((Map<?, ?>) ((List<?>) message).get(1)).get("data");
    }
}
