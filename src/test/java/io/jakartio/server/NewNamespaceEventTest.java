package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.AdapterListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's {@code new_namespace} event ({@code io.onNewNamespace}): announced for every
 * namespace created, static or a dynamic child, as Node announces it; never for {@code "/"}
 * nor a parent; a listener's failure breaks nothing.
 */
class NewNamespaceEventTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<String> announced = new CopyOnWriteArrayList<>();

    @Test
    void aNamespaceCreatedWithOfIsAnnouncedOnce() {
        Server io = harness.server();
        io.onNewNamespace(nsp -> announced.add(nsp.name()));

        Namespace admin = io.of("/admin");
        io.of("admin");
        io.of("/");

        assertEquals(List.of("/admin"), announced);
        assertSame(admin, io.of("/admin"));
    }

    @Test
    void aDynamicChildIsAnnouncedBeforeTheClientThatCreatedItConnects() {
        Server io = harness.server();
        List<String> order = new CopyOnWriteArrayList<>();
        ParentNamespace teams = io.of(Pattern.compile("^/team-\\d+$"));
        teams.on("connection", socket -> order.add("connection " + socket.nsp().name()));
        io.onNewNamespace(nsp -> order.add("new_namespace " + nsp.name()));
        assertEquals(List.of(), order, "a parent is not a namespace of its own");

        harness.open().connect("/team-7");
        harness.open().connect("/team-7");

        assertEquals(List.of("new_namespace /team-7", "connection /team-7", "connection /team-7"), order);
    }

    @Test
    void aListenerMayListenToTheNewNamespacesRooms() {
        Server io = harness.server();
        List<String> joins = new CopyOnWriteArrayList<>();
        io.onNewNamespace(nsp -> nsp.adapter().addListener(new AdapterListener() {
            @Override
            public void onJoinRoom(String room, String id) {
                joins.add(nsp.name() + " " + room);
            }
        }));
        io.of("/chat").on("connection", socket -> socket.join("lobby"));

        String id = harness.open().connect("/chat");

        assertEquals(List.of("/chat " + id, "/chat lobby"), joins);
    }

    @Test
    void aListenerThatThrowsBreaksNeitherOfNorTheOtherListeners() {
        Server io = harness.server();
        io.onNewNamespace(nsp -> {
            throw new IllegalStateException("an operations hook's bug");
        });
        io.onNewNamespace(nsp -> announced.add(nsp.name()));
        io.of(Pattern.compile("^/dyn-\\d+$"));

        Namespace created = io.of("/static");
        String id = harness.open().connect("/dyn-1");

        assertEquals(List.of("/static", "/dyn-1"), announced);
        assertEquals("/static", created.name());
        assertTrue(io.of("/dyn-1").sockets().containsKey(id), "the client still connected");
    }

    @Test
    void listeningWithOnTellsWhereTheEventIs() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> harness.server().on("new_namespace", socket -> { }));

        assertTrue(refused.getMessage().contains("io.onNewNamespace"), refused.getMessage());
    }
}
