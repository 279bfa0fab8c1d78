package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection middlewares ({@code io.use}) and per-event middlewares ({@code socket.use}). */
class MiddlewareTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    @Test
    void middlewaresRunInRegistrationOrderBeforeTheConnection() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Server io = harness.server();
        io.use((socket, next) -> {
            calls.add("first");
            next.proceed();
        });
        io.use((socket, next) -> {
            calls.add("second");
            next.proceed();
        });
        io.on("connection", socket -> calls.add("connection"));

        harness.open().connect();

        assertEquals(List.of("first", "second", "connection"), calls);
    }

    @Test
    void aMiddlewareSeesTheHandshakeAndItsDataReachesTheConnectedSocket() {
        Server io = harness.server();
        io.use((socket, next) -> {
            socket.data().put("user", socket.handshake().auth().get("token") + "-user");
            next.proceed();
        });
        List<Object> users = new CopyOnWriteArrayList<>();
        io.on("connection", socket -> users.add(socket.data().get("user")));

        harness.open().connect("/", "{\"token\":\"abc\"}");

        assertEquals(List.of("abc-user"), users);
    }

    @Test
    void aMiddlewareMayContinueLaterFromAnotherThread() throws Exception {
        List<Next> pending = new CopyOnWriteArrayList<>();
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> pending.add(next));
        harness.server().on("connection", connected::add);
        FakeClient client = harness.open();

        client.send("0");
        client.assertNoMoreFrames();
        assertTrue(connected.isEmpty());

        Thread thread = new Thread(() -> pending.get(0).proceed());
        thread.start();
        thread.join(5_000);

        String id = client.expectConnect();
        assertEquals(id, connected.get(0).id());
    }

    @Test
    void eventsSentWhileTheConnectionIsPendingInANamespaceAreRejected() {
        List<Next> pending = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> pending.add(next));
        FakeClient client = harness.open();
        client.send("0");

        client.send("2[\"early\"]");

        assertTrue(client.isClosed(), "the client may only emit after CONNECT was answered");
    }

    @Test
    void callingNextTwiceConnectsOnce() {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> {
            next.proceed();
            next.proceed();
            next.fail(new ConnectError("too late"));
        });
        harness.server().on("connection", connected::add);
        FakeClient client = harness.open();

        client.connect();

        assertEquals(1, connected.size());
    }

    @Test
    void aConnectErrorRefusesWithItsMessageAndData() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Server io = harness.server();
        io.use((socket, next) -> next.fail(new ConnectError("unauthorized", Map.of("reason", "bad token"))));
        io.use((socket, next) -> {
            calls.add("second middleware");
            next.proceed();
        });
        io.on("connection", socket -> calls.add("connection"));
        FakeClient client = harness.open();

        client.send("0{\"token\":\"x\"}");

        client.expect("4{\"message\":\"unauthorized\",\"data\":{\"reason\":\"bad token\"}}");
        assertTrue(calls.isEmpty(), "the chain stops at the failure: " + calls);
        assertTrue(io.sockets().sockets().isEmpty());
        assertFalse(client.isClosed());
    }

    @Test
    void aConnectErrorWithoutDataHasOnlyAMessage() {
        harness.server().of("/admin").use((socket, next) -> next.fail(new ConnectError("go away")));
        FakeClient client = harness.open();

        client.send("0/admin,");

        client.expect("4/admin,{\"message\":\"go away\"}");
    }

    @Test
    void anExceptionThrownByAMiddlewareRefusesTheConnection() {
        harness.server().use((socket, next) -> {
            throw new IllegalStateException("boom");
        });
        FakeClient client = harness.open();

        client.send("0");

        client.expect("4{\"message\":\"boom\"}");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsClass() {
        harness.server().use((socket, next) -> next.fail(new UnsupportedOperationException()));
        FakeClient client = harness.open();

        client.send("0");

        client.expect("4{\"message\":\"UnsupportedOperationException\"}");
    }

    @Test
    void aRefusedNamespaceLeavesTheClientsOtherNamespacesWorking() {
        Server io = harness.server();
        io.of("/admin").use((socket, next) -> next.fail(new ConnectError("unauthorized")));
        io.on("connection", socket -> socket.on("ping", args -> socket.emit("pong")));
        FakeClient client = harness.open();
        String id = client.connect();

        client.send("0/admin,");
        client.expect("4/admin,{\"message\":\"unauthorized\"}");
        client.send("2[\"ping\"]");

        client.expect("2[\"pong\"]");
        assertTrue(harness.socket(id).connected());
        assertFalse(client.isClosed());
    }

    @Test
    void aRefusedClientMayTryAgain() {
        harness.server().use((socket, next) -> {
            if ("good".equals(socket.handshake().auth().get("token"))) {
                next.proceed();
            } else {
                next.fail(new ConnectError("unauthorized"));
            }
        });
        FakeClient client = harness.open();
        client.send("0{\"token\":\"bad\"}");
        client.expect("4{\"message\":\"unauthorized\"}");

        String id = client.connect("/", "{\"token\":\"good\"}");

        assertEquals(Set.of(id), harness.server().sockets().sockets().keySet());
    }

    @Test
    void roomsJoinedByARefusingMiddlewareAreLeftAgain() {
        harness.server().use((socket, next) -> {
            socket.join("vip");
            next.fail(new ConnectError("unauthorized"));
        });
        FakeClient client = harness.open();

        client.send("0");

        client.expect("4{\"message\":\"unauthorized\"}");
        assertEquals(Set.of(), harness.server().sockets().adapter().rooms());
    }

    @Test
    void roomsJoinedByAMiddlewareAreLeftIfTheClientGoesAwayMeanwhile() {
        List<Next> pending = new CopyOnWriteArrayList<>();
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> {
            socket.join("vip");
            pending.add(next);
        });
        harness.server().on("connection", connected::add);
        FakeClient client = harness.open();
        client.send("0");
        client.closeTransport();

        pending.get(0).proceed();

        assertTrue(connected.isEmpty());
        assertTrue(harness.server().sockets().sockets().isEmpty());
        assertEquals(Set.of(), harness.server().sockets().adapter().rooms());
    }

    @Test
    void twoConnectsRacingThroughAnAsynchronousMiddlewareLeaveOneSocket() {
        List<Next> pending = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> pending.add(next));
        FakeClient client = harness.open();
        client.send("0");
        client.send("0");

        pending.get(0).proceed();
        String id = client.expectConnect();
        pending.get(1).proceed();

        assertEquals(Set.of(id), harness.server().sockets().sockets().keySet());
        client.closeTransport();
        assertTrue(harness.server().sockets().sockets().isEmpty(), "no socket outlives its connection");
    }

    @Test
    void aClientGoingAwayWhileItsConnectionCompletesLeavesNoSocketBehind() throws Exception {
        List<Next> pending = new CopyOnWriteArrayList<>();
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().use((socket, next) -> pending.add(next));
        harness.server().on("connection", socket -> socket.on("disconnect", args -> reasons.add(args[0])));
        FakeClient client = harness.open();
        client.send("0");
        Thread[] closer = new Thread[1];
        // Completing the connection cancels the connect timeout: the client goes away right then,
        // on another thread, which runs as far as it can before the completion goes on.
        harness.clock.onNextCancel(() -> {
            closer[0] = new Thread(client::closeTransport, "closer");
            closer[0].start();
            Threads.awaitBlockedOnOrDone(closer[0], Client.class);
        });

        pending.get(0).proceed();
        closer[0].join(5_000);

        assertFalse(closer[0].isAlive(), "closing never waits for a connection to complete");
        assertTrue(harness.server().sockets().sockets().isEmpty(), "no socket outlives its connection");
        assertEquals(List.of(), reasons, "the application never saw this socket connect, nor leave");
        assertEquals(Set.of(), harness.server().sockets().adapter().rooms());
        client.assertNoMoreFrames();
    }

    @Test
    void socketMiddlewaresSeeEachEventAndMayLetItThrough() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        List<Object> handled = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket
                .use((event, next) -> {
                    seen.add("first " + event);
                    next.proceed();
                })
                .use((event, next) -> {
                    seen.add("second " + event);
                    next.proceed();
                })
                .on("chat", args -> handled.add(List.of(args))));
        FakeClient client = harness.connect();

        client.send("2[\"chat\",\"hi\",1]");

        assertEquals(List.of("first [chat, hi, 1]", "second [chat, hi, 1]"), seen);
        assertEquals(List.of(List.of("hi", 1)), handled);
    }

    @Test
    void aSocketMiddlewareDropsAnEventAndReportsTheErrorLocally() {
        List<Object> handled = new CopyOnWriteArrayList<>();
        List<Object> errors = new CopyOnWriteArrayList<>();
        IllegalStateException forbidden = new IllegalStateException("forbidden");
        harness.server().on("connection", socket -> socket
                .use((event, next) -> {
                    if ("admin-only".equals(event.get(0))) {
                        next.fail(forbidden);
                    } else {
                        next.proceed();
                    }
                })
                .on("admin-only", args -> handled.add("admin-only"))
                .on("chat", args -> handled.add("chat"))
                .on("error", args -> errors.add(args[0])));
        FakeClient client = harness.connect();

        client.send("2[\"admin-only\"]");
        client.send("2[\"chat\"]");

        assertEquals(List.of("chat"), handled);
        assertEquals(List.of(forbidden), errors);
        assertFalse(client.isClosed(), "a dropped event does not disconnect; nothing goes to the client");
    }

    @Test
    void anExceptionInASocketMiddlewareDropsTheEventToo() {
        List<Object> handled = new CopyOnWriteArrayList<>();
        List<Object> errors = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket
                .use((event, next) -> {
                    throw new IllegalArgumentException("bad event");
                })
                .on("chat", args -> handled.add("chat"))
                .on("error", args -> errors.add(args[0])));
        FakeClient client = harness.connect();

        client.send("2[\"chat\"]");

        assertTrue(handled.isEmpty());
        assertEquals("bad event", assertInstanceOf(IllegalArgumentException.class, errors.get(0)).getMessage());
    }

    @Test
    void aSocketMiddlewareMayLetAnEventThroughLaterWithItsAck() {
        List<Next> pending = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket
                .use((event, next) -> pending.add(next))
                .on("question", args -> ((Ack) args[args.length - 1]).call("answer")));
        FakeClient client = harness.connect();
        client.send("27[\"question\"]");
        client.assertNoMoreFrames();

        pending.get(0).proceed();

        client.expect("37[\"answer\"]");
    }
}
