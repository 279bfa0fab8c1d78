package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code onAny}, {@code onAnyOutgoing} and removing listeners. */
class CatchAllListenerTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Object> calls = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final AnyListener recorder = (event, args) -> {
        List<Object> call = new ArrayList<>();
        call.add(event);
        call.addAll(Arrays.asList(args));
        calls.add(call);
    };

    private FakeClient connect() {
        harness.server().on("connection", sockets::add);
        return harness.connect();
    }

    @Test
    void onAnySeesEveryIncomingEventBeforeItsListeners() {
        harness.server().on("connection", socket -> socket
                .onAny(recorder)
                .on("chat", args -> calls.add("chat listener")));
        FakeClient client = connect();

        client.send("2[\"chat\",\"hi\",1]");
        client.send("2[\"unheard\"]");

        assertEquals(List.of(List.of("chat", "hi", 1), "chat listener", List.of("unheard")), calls);
    }

    @Test
    void onAnyGetsTheAckAsLastArgument() {
        harness.server().on("connection", socket -> socket.onAny((event, args) -> ((Ack) args[args.length - 1]).call("ok")));
        FakeClient client = connect();

        client.send("23[\"question\"]");

        client.expect("33[\"ok\"]");
    }

    @Test
    void offAnyStopsACatchAllListener() {
        FakeClient client = connect();
        sockets.get(0).onAny(recorder);
        client.send("2[\"one\"]");

        sockets.get(0).offAny(recorder);
        client.send("2[\"two\"]");

        assertEquals(List.of(List.of("one")), calls);
    }

    @Test
    void onAnyOutgoingSeesEventsEmittedToTheSocket() {
        FakeClient client = connect();
        Socket socket = sockets.get(0);
        socket.onAnyOutgoing(recorder);

        socket.emit("hello", "world", 1);
        socket.emit("question", "name?", (Ack) args -> { });
        socket.timeout(Duration.ofSeconds(1)).emit("timed", (AckCallback) (error, args) -> { });

        client.expect("2[\"hello\",\"world\",1]", "20[\"question\",\"name?\"]", "21[\"timed\"]");
        assertEquals(List.of(List.of("hello", "world", 1), List.of("question", "name?"), List.of("timed")), calls,
                "the acknowledgement callback is not an argument");
        harness.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void offAnyOutgoingStopsIt() {
        FakeClient client = connect();
        Socket socket = sockets.get(0);
        socket.onAnyOutgoing(recorder);
        socket.offAnyOutgoing(recorder);

        socket.emit("hello");

        client.expect("2[\"hello\"]");
        assertEquals(List.of(), calls);
    }

    @Test
    void aThrowingCatchAllListenerDoesNotStopTheEvent() {
        harness.server().on("connection", socket -> socket
                .onAny((event, args) -> {
                    throw new IllegalStateException("listener bug");
                })
                .onAnyOutgoing((event, args) -> {
                    throw new IllegalStateException("listener bug");
                })
                .on("chat", args -> calls.add("chat listener")));
        FakeClient client = connect();

        client.send("2[\"chat\"]");
        sockets.get(0).emit("reply");

        assertEquals(List.of("chat listener"), calls);
        client.expect("2[\"reply\"]");
    }

    @Test
    void listenersOfLocalEventsSeeTheirArguments() {
        IllegalStateException failure = new IllegalStateException("no");
        harness.server().on("connection", socket -> socket
                .use((event, next) -> next.fail(failure))
                .on("error", args -> calls.add(args[0]))
                .on("disconnecting", args -> calls.add("disconnecting " + args[0]))
                .on("disconnect", args -> calls.add("disconnect " + args[0])));
        FakeClient client = connect();

        client.send("2[\"anything\"]");
        client.send("1");

        assertEquals(List.of(failure, "disconnecting client namespace disconnect",
                "disconnect client namespace disconnect"), calls);
    }

    @Test
    void onAnySeesEventsThatASocketMiddlewareThenDrops() {
        harness.server().on("connection", socket -> socket
                .onAny(recorder)
                .use((event, next) -> next.fail(new IllegalStateException("dropped")))
                .on("chat", args -> calls.add("chat listener"))
                .on("error", args -> calls.add("error " + ((Throwable) args[0]).getMessage())));
        FakeClient client = connect();

        client.send("2[\"chat\",\"hi\"]");

        assertEquals(List.of(List.of("chat", "hi"), "error dropped"), calls);
    }

    @Test
    void onAnyOutgoingSeesBroadcastsToTheSocketToo() {
        FakeClient first = connect();
        FakeClient second = harness.connect();
        sockets.get(0).onAnyOutgoing(recorder);

        harness.server().emit("news", "all");
        harness.server().to(sockets.get(0).id()).emit("dm", "you");
        harness.server().except(sockets.get(0).id()).emit("others");

        first.expect("2[\"news\",\"all\"]", "2[\"dm\",\"you\"]");
        second.expect("2[\"news\",\"all\"]", "2[\"others\"]");
        assertEquals(List.of(List.of("news", "all"), List.of("dm", "you")), calls);
    }
}
