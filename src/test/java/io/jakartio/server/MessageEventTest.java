package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code send} and {@code write}: the {@code "message"} event, as {@code WebSocket.send()}. */
class MessageEventTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private FakeClient connect() {
        harness.server().on("connection", sockets::add);
        return harness.connect();
    }

    @Test
    void aSocketsSendAndWriteEmitTheMessageEvent() {
        FakeClient client = connect();
        Socket socket = sockets.get(0);

        assertSame(socket, socket.send("hello", 1));
        assertSame(socket, socket.write("again"));
        socket.send();

        client.expect("2[\"message\",\"hello\",1]", "2[\"message\",\"again\"]", "2[\"message\"]");
    }

    @Test
    void sendTakesAnAcknowledgementAsEmitDoes() {
        FakeClient client = connect();
        List<Object> answers = new CopyOnWriteArrayList<>();

        sockets.get(0).send("question", (Ack) reply -> answers.addAll(List.of(reply)));
        client.expect("20[\"message\",\"question\"]");
        client.send("30[\"answer\"]");

        assertEquals(List.of("answer"), answers);
    }

    @Test
    void theClientsMessagesReachTheMessageListener() {
        FakeClient client = connect();
        Socket socket = sockets.get(0);
        socket.on("message", args -> socket.send("echo: " + args[0]));

        client.send("2[\"message\",\"hi\"]");

        client.expect("2[\"message\",\"echo: hi\"]");
    }

    @Test
    void localReachesTheOtherSocketsOfThisServerAndDisconnectedIsTheOppositeOfConnected() {
        FakeClient first = connect();
        FakeClient second = harness.connect();
        Socket socket = sockets.get(0);

        socket.local().emit("news");

        second.expect("2[\"news\"]");
        first.assertNoMoreFrames();
        assertEquals(false, socket.disconnected());
        first.send("1");
        assertEquals(true, socket.disconnected());
    }

    @Test
    void aNamespacesAndTheServersSendAndWriteReachEverySocket() {
        Namespace admins = harness.server().of("/admin");
        FakeClient first = connect();
        FakeClient second = harness.connect();
        FakeClient admin = harness.open();
        admin.connect("/admin");

        harness.server().send("to all");
        harness.server().write("to all again");
        admins.send("to admins");
        admins.write("to admins again");

        for (FakeClient client : List.of(first, second)) {
            client.expect("2[\"message\",\"to all\"]", "2[\"message\",\"to all again\"]");
        }
        admin.expect("2/admin,[\"message\",\"to admins\"]", "2/admin,[\"message\",\"to admins again\"]");
    }
}
