package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rest of Node's listener API: {@code once}, {@code removeAllListeners}, {@code listeners},
 * {@code prependAny}, {@code listenersAny}, {@code offAny()} and their outgoing twins, on sockets,
 * namespaces and the server.
 */
class ListenerApiTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Object> calls = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private AnyListener recorder(String name) {
        return (event, args) -> {
            List<Object> call = new ArrayList<>();
            call.add(name);
            call.add(event);
            call.addAll(Arrays.asList(args));
            calls.add(call);
        };
    }

    private FakeClient connect() {
        harness.server().on("connection", sockets::add);
        return harness.connect();
    }

    @Test
    void onceHearsTheNextEventOnly() {
        FakeClient client = connect();
        sockets.get(0).once("chat", args -> calls.add("once " + args[0])).on("chat", args -> calls.add("on " + args[0]));

        client.send("2[\"chat\",1]");
        client.send("2[\"chat\",2]");

        assertEquals(List.of("once 1", "on 1", "on 2"), calls);
    }

    @Test
    void offWithTheListenerGivenToOnceRemovesItBeforeItIsCalled() {
        FakeClient client = connect();
        EventListener listener = args -> calls.add("once");
        sockets.get(0).once("chat", listener).off("chat", listener);

        client.send("2[\"chat\"]");

        assertEquals(List.of(), calls);
    }

    @Test
    void onceWorksForLocalEventsSuchAsDisconnect() {
        FakeClient client = connect();
        sockets.get(0).once("disconnect", args -> calls.add("left: " + args[0]));

        client.send("1");

        assertEquals(List.of("left: client namespace disconnect"), calls);
    }

    @Test
    void listenersListsWhatWasGivenInCallOrder() {
        connect();
        Socket socket = sockets.get(0);
        EventListener first = args -> { };
        EventListener second = args -> { };
        socket.on("chat", first).once("chat", second);

        assertEquals(List.of(first, second), socket.listeners("chat"));
        assertEquals(List.of(), socket.listeners("other"));
    }

    @Test
    void removeAllListenersOfAnEventLeavesTheOtherEventsAndTheCatchAllListeners() {
        FakeClient client = connect();
        sockets.get(0)
                .on("chat", args -> calls.add("chat"))
                .once("chat", args -> calls.add("chat once"))
                .on("news", args -> calls.add("news"))
                .onAny(recorder("any"))
                .removeAllListeners("chat");

        client.send("2[\"chat\"]");
        client.send("2[\"news\"]");

        assertEquals(List.of(List.of("any", "chat"), List.of("any", "news"), "news"), calls);
    }

    @Test
    void removeAllListenersRemovesEveryEventsListenersButNotTheCatchAllOnes() {
        FakeClient client = connect();
        sockets.get(0)
                .on("chat", args -> calls.add("chat"))
                .on("disconnect", args -> calls.add("disconnect"))
                .onAny(recorder("any"))
                .removeAllListeners();

        client.send("2[\"chat\"]");
        client.send("1");

        assertEquals(List.of(List.of("any", "chat")), calls);
    }

    @Test
    void prependAnyRunsBeforeTheCatchAllListenersAlreadyAdded() {
        FakeClient client = connect();
        AnyListener first = recorder("first");
        AnyListener second = recorder("second");
        AnyListener third = recorder("third");
        Socket socket = sockets.get(0).onAny(second).onAny(third).prependAny(first);

        client.send("2[\"chat\",1]");

        assertEquals(List.of(List.of("first", "chat", 1), List.of("second", "chat", 1), List.of("third", "chat", 1)), calls);
        assertEquals(List.of(first, second, third), socket.listenersAny());
    }

    @Test
    void offAnyWithoutArgumentRemovesEveryIncomingCatchAllListenerOnly() {
        FakeClient client = connect();
        Socket socket = sockets.get(0).onAny(recorder("a")).onAny(recorder("b")).onAnyOutgoing(recorder("out"));

        socket.offAny();
        client.send("2[\"chat\"]");
        socket.emit("reply");

        client.expect("2[\"reply\"]");
        assertEquals(List.of(), socket.listenersAny());
        assertEquals(List.of(List.of("out", "reply")), calls);
    }

    @Test
    void prependAnyOutgoingAndListenersAnyOutgoingKeepTheCallOrder() {
        FakeClient client = connect();
        AnyListener first = recorder("first");
        AnyListener second = recorder("second");
        Socket socket = sockets.get(0).onAnyOutgoing(second).prependAnyOutgoing(first);

        socket.emit("hello", 1);

        client.expect("2[\"hello\",1]");
        assertEquals(List.of(List.of("first", "hello", 1), List.of("second", "hello", 1)), calls);
        assertEquals(List.of(first, second), socket.listenersAnyOutgoing());
    }

    @Test
    void offAnyOutgoingWithoutArgumentRemovesEveryOutgoingCatchAllListenerOnly() {
        FakeClient client = connect();
        Socket socket = sockets.get(0).onAnyOutgoing(recorder("a")).onAnyOutgoing(recorder("b")).onAny(recorder("in"));

        socket.offAnyOutgoing();
        socket.emit("hello");
        client.send("2[\"chat\"]");

        client.expect("2[\"hello\"]");
        assertEquals(List.of(), socket.listenersAnyOutgoing());
        assertEquals(List.of(List.of("in", "chat")), calls);
    }

    @Test
    void aNamespacesOnceConnectionListenerHearsTheFirstConnectionOnly() {
        harness.server().of("/admin").once("connection", socket -> calls.add("first " + socket.nsp().name()));
        harness.server().of("/admin").on("connection", socket -> calls.add("every"));

        harness.open().connect("/admin");
        harness.open().connect("/admin");

        assertEquals(List.of("first /admin", "every", "every"), calls);
    }

    @Test
    void theServersOnceOffAndRemoveAllListenersActOnTheMainNamespace() {
        Server io = harness.server();
        ConnectionListener removed = socket -> calls.add("removed");
        ConnectionListener onceRemoved = socket -> calls.add("once removed");
        io.on("connection", removed).once("connection", onceRemoved).once("connection", socket -> calls.add("once"));
        io.off("connection", removed).off("connection", onceRemoved);

        harness.connect();
        harness.connect();
        io.on("connection", socket -> calls.add("later")).removeAllListeners("connection");
        harness.connect();

        assertEquals(List.of("once"), calls);
    }

    @Test
    void aNamespaceEmitsConnectionOnlySoOtherEventNamesAreRefused() {
        Namespace nsp = harness.server().sockets();
        ConnectionListener listener = socket -> { };

        for (Runnable call : List.<Runnable>of(() -> nsp.once("chat", listener), () -> nsp.off("chat", listener),
                () -> nsp.removeAllListeners("chat"))) {
            IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call::run);
            assertEquals("a namespace emits \"connection\" only, not \"chat\"", error.getMessage());
        }
    }
}
