package io.jakartio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.server.Ack;
import io.jakartio.server.DisconnectReason;
import io.jakartio.server.Handshake;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.server.Socket;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnnotatedHandlersTest {

    public record Move(int x, int y) {
    }

    @SocketNamespace("/game")
    public static class GameHandlers {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @OnConnect
        void connected(Socket socket, Handshake handshake) {
            socket.emit("welcome", handshake.query("name"));
        }

        @OnEvent("move")
        boolean move(Socket socket, Move move) {
            socket.emit("moved", move);
            return true;
        }

        @OnEvent("sum")
        int sum(int a, long b) {
            return (int) (a + b);
        }

        @OnEvent("later")
        CompletableFuture<String> later(String text) {
            return CompletableFuture.completedFuture(text.toUpperCase());
        }

        @OnEvent("explicit")
        void explicit(String text, Ack ack) {
            ack.call("got " + text);
        }

        @OnEvent("no-ack")
        void noAck(String text, Ack ack) {
            calls.add("no-ack " + text + " ack=" + ack);
        }

        @OnEvent("boom")
        void boom() {
            throw new IllegalStateException("boom");
        }

        @OnDisconnect
        void left(Socket socket, DisconnectReason reason) {
            calls.add("left " + reason);
        }
    }

    private Server io;
    private GameHandlers handlers;
    private FrameClient client;

    @BeforeEach
    void start() throws Exception {
        JsonbMapper mapper = new JsonbMapper(JsonbBuilder.create());
        io = new Server(ServerOptions.builder().jsonMapper(mapper).build());
        handlers = new GameHandlers();
        AnnotatedHandlers.register(io, handlers, GameHandlers.class, mapper);
        client = new FrameClient(io, FrameClient.request("name=ada"));
        assertTrue(client.next().startsWith("0{\"sid\""));
        client.send("40/game,");
        assertTrue(client.next().startsWith("40/game,{\"sid\""));
    }

    @AfterEach
    void stop() {
        io.close();
    }

    @Test
    void onConnectReceivesTheSocketAndTheHandshake() throws Exception {
        assertEquals("42/game,[\"welcome\",\"ada\"]", client.next());
    }

    @Test
    void eventArgumentsBindToRecordsAndTheReturnValueIsTheAck() throws Exception {
        client.next(); // welcome
        client.send("42/game,1[\"move\",{\"x\":1,\"y\":2}]");
        assertEquals("42/game,[\"moved\",{\"x\":1,\"y\":2}]", client.next());
        assertEquals("43/game,1[true]", client.next());
    }

    @Test
    void numbersBindToPrimitivesAndCompletionStagesAckWhenDone() throws Exception {
        client.next();
        client.send("42/game,2[\"sum\",2,3]");
        assertEquals("43/game,2[5]", client.next());
        client.send("42/game,3[\"later\",\"abc\"]");
        assertEquals("43/game,3[\"ABC\"]", client.next());
    }

    @Test
    void anAckParameterReceivesTheAckOrNullWhenNoneWasAskedFor() throws Exception {
        client.next();
        client.send("42/game,4[\"explicit\",\"x\"]");
        assertEquals("43/game,4[\"got x\"]", client.next());
        client.send("42/game,[\"no-ack\",\"y\"]");
        client.send("42/game,5[\"sum\",1,1]");
        assertEquals("43/game,5[2]", client.next()); // processed in order, so no-ack ran before
        assertEquals(List.of("no-ack y ack=null"), handlers.calls);
    }

    @Test
    void aFailingHandlerIsLoggedAndTheConnectionKeepsWorking() throws Exception {
        client.next();
        client.send("42/game,[\"boom\"]");
        client.send("42/game,6[\"sum\",20,22]");
        assertEquals("43/game,6[42]", client.next());
    }

    @Test
    void anArgumentThatCannotBindSkipsTheCallButNotTheConnection() throws Exception {
        client.next();
        client.send("42/game,7[\"move\",\"not a move\"]");
        client.send("42/game,8[\"sum\",1,2]");
        assertEquals("43/game,8[3]", client.next());
    }

    @Test
    void onDisconnectReceivesTheReason() throws Exception {
        client.next();
        client.send("41/game,");
        client.send("42/game,[\"sum\",1,2]"); // no longer connected: this closes the client
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (handlers.calls.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("left client namespace disconnect"), handlers.calls);
        assertEquals("<close 1000>", client.next(), "an event for a namespace left closes the client");
        assertNull(client.poll(), "and the handlers never ran for it");
    }
}
