package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

/** The {@code /chat} namespace: isolation from {@code /}, and multiplexing over one Manager. */
class NamespacesTest extends ClientScenarios {

    @EverySetup
    void aChatMessageInChatReachesChatClientsButNotMainNamespaceClients(Setup setup) {
        Clients clients = clients(setup);
        TestClient first = clients.connect("/chat");
        TestClient second = clients.connect("/chat");
        TestClient outsider = clients.connect("/");
        List<Events> received = List.of(first.record("chat message"), second.record("chat message"));
        Events outsiderReceived = outsider.record("chat message");
        String text = "chat only " + uid();

        first.emit("chat message", text);

        long since = System.nanoTime();
        for (Events events : received) {
            assertEquals(List.of(text), Json.plain(events.nextWithFirst(text)));
        }
        outsiderReceived.none(args -> text.equals(args[0]), since);
    }

    @EverySetup
    void echoAndWhoamiWorkInChat(Setup setup) {
        TestClient client = clients(setup).connect("/chat");

        assertEquals(client.id(), client.ackFirst("whoami"));
        assertEquals(Json.list("in chat", 1, Json.map("ok", true), Json.list((Object) null)),
                Json.plain(client.ack("echo", "in chat", 1, Json.object("ok", true), Json.array((Object) null))));
    }

    @EverySetup
    void oneManagerMultiplexesTheMainNamespaceAndChatOverOneConnection(Setup setup) {
        Clients clients = clients(setup);
        EngineProbe connection = clients.manager();
        TestClient main = clients.settle(clients.socketOn(connection, "/", null).open());
        TestClient chat = clients.settle(clients.socketOn(connection, "/chat", null).open());

        assertSame(main.socket().io(), chat.socket().io(), "both sockets share the Manager");
        assertEquals(setup.upgrades() ? List.of("polling", "websocket") : List.of(setup.transport()),
                connection.transportsCreated(), "the transports of the one Engine.IO connection");
        assertNotEquals(main.id(), chat.id(), "each namespace has its own socket id");
        assertNotEquals(connection.id(), chat.id());
        assertEquals(main.id(), main.ackFirst("whoami"));
        assertEquals(chat.id(), chat.ackFirst("whoami"));

        Events chatReceived = chat.record("chat message");
        Events mainReceived = main.record("chat message");
        String text = "multiplexed " + uid();
        chat.emit("chat message", text);
        long since = System.nanoTime();
        chatReceived.nextWithFirst(text);
        mainReceived.none(args -> text.equals(args[0]), since);

        // the main namespace keeps working on the same connection
        Events echoes = main.record("echo");
        String tag = uid();
        main.emit("echo", tag);
        echoes.nextWithFirst(tag);
        assertEquals(setup.transport(), main.ackFirst("transport"));
    }
}
