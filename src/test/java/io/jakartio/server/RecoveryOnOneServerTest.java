package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.SessionAwareAdapter;
import io.jakartio.parser.SocketPacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection state recovery with the server's own adapter ({@link SessionAwareAdapter}), end to
 * end through the server with fake clients: the option alone turns it on, a client that comes
 * back gets its socket and what it missed, and what is broadcast while it connects again (its
 * middlewares may take their time) follows its missed packets, none lost, none twice.
 */
class RecoveryOnOneServerTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> connected = new CopyOnWriteArrayList<>();

    /** Recovery on, the session-aware adapter on the harness's clock. */
    private Server recovering(UnaryOperator<ConnectionStateRecovery> settings) {
        harness.options(o -> o.connectionStateRecovery(settings.apply(ConnectionStateRecovery.defaults()))
                .adapter(host -> new SessionAwareAdapter(host, harness.clock::millis)));
        Server io = harness.server();
        io.on("connection", connected::add);
        return io;
    }

    /** Takes an event, checks its name and arguments before the offset; returns the offset. */
    private static String expectEvent(FakeClient client, Object... nameAndArgs) {
        FakeClient.Received event = client.next();
        assertEquals(SocketPacketType.EVENT, event.type(), "expected an event, got " + event);
        List<Object> args = event.args();
        assertEquals(List.of(nameAndArgs), args.subList(0, args.size() - 1), "got " + event);
        return assertInstanceOf(String.class, args.get(args.size() - 1), "the offset");
    }

    private static void reconnect(FakeClient client, RecoveryGrant grant, String offset) {
        client.send("0{\"pid\":\"" + grant.pid() + "\",\"offset\":\"" + offset + "\"}");
    }

    /** Connects, joins "red", gets one event, and loses the connection; returns the offset. */
    private String[] connectJoinAndDrop(Server io) {
        io.on("connection", socket -> {
            if (!socket.recovered()) {
                socket.join("red");
            }
        });
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        io.to("red").emit("hello");
        String offset = expectEvent(client, "hello");
        client.closeTransport();
        return new String[] {grant.sid(), grant.pid(), offset};
    }

    // ---- on by the option alone ----

    @Test
    void theOptionAlonePicksTheSessionAwareAdapterForEveryNamespace() {
        Server io = new Server(ServerOptions.builder().connectionStateRecovery(ConnectionStateRecovery.defaults()).build(),
                harness.clock);
        Server off = new Server(ServerOptions.defaults(), harness.clock);
        try {
            assertInstanceOf(SessionAwareAdapter.class, io.of("/").adapter());
            assertInstanceOf(SessionAwareAdapter.class, io.of("/admin").adapter());
            assertEquals(InMemoryAdapter.class, off.of("/").adapter().getClass());
        } finally {
            io.close();
            off.close();
        }
    }

    @Test
    void withTheDefaultAdapterAClientComesBackWithItsSocketAndWhatItMissed() {
        harness.options(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()));
        Server io = harness.server();
        io.on("connection", connected::add);
        io.on("connection", socket -> {
            if (!socket.recovered()) {
                socket.join("red");
                socket.data().put("name", "ann");
            }
        });
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        io.emit("welcome");
        String offset = expectEvent(client, "welcome");
        client.closeTransport();

        io.emit("to all");
        io.to("red").emit("to red", 1);
        io.to("blue").emit("to blue");
        io.except("red").emit("all but red");
        io.to(grant.sid()).emit("to it");
        FakeClient back = harness.open();
        reconnect(back, grant, offset);

        // what it missed first, then its CONNECT, as from the reference server
        expectEvent(back, "to all");
        expectEvent(back, "to red", 1);
        expectEvent(back, "to it");
        assertEquals(grant, RecoveryGrant.expect(back));
        Socket socket = connected.get(1);
        assertTrue(socket.recovered());
        assertEquals(Set.of(grant.sid(), "red"), socket.rooms());
        assertEquals(Map.of("name", "ann"), socket.data());
        io.to("red").emit("live");
        expectEvent(back, "live");
    }

    // ---- while it connects again ----

    @Test
    void broadcastsWhileTheMiddlewaresRunFollowTheMissedPacketsInOrder() {
        Server io = recovering(r -> r.withSkipMiddlewares(false));
        List<Next> waiting = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            if (socket.recovered()) {
                waiting.add(next); // e.g. a slow database check
            } else {
                next.proceed();
            }
        });
        String[] lost = connectJoinAndDrop(io);
        io.to("red").emit("missed");
        FakeClient back = harness.open();
        back.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");
        back.assertNoMoreFrames();

        io.to("red").emit("during 1");
        io.to("blue").emit("not for it");
        io.to(lost[0]).emit("during 2");
        io.asVolatile().emit("volatile, dropped");
        back.assertNoMoreFrames(); // nothing before its namespace accepts it
        waiting.get(0).proceed();
        io.to("red").emit("after");

        expectEvent(back, "missed");
        expectEvent(back, "during 1");
        expectEvent(back, "during 2");
        assertEquals(lost[0], RecoveryGrant.expect(back).sid());
        expectEvent(back, "after");
        assertTrue(connected.get(1).recovered());
    }

    @Test
    void aRecoveredSocketRefusedByTheMiddlewaresGetsNothingButTheError() {
        Server io = recovering(r -> r.withSkipMiddlewares(false));
        List<Next> waiting = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            if (socket.recovered()) {
                waiting.add(next);
            } else {
                next.proceed();
            }
        });
        String[] lost = connectJoinAndDrop(io);
        FakeClient back = harness.open();
        back.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");
        io.to("red").emit("during");

        waiting.get(0).fail(new ConnectError("banned meanwhile"));
        io.to("red").emit("after");

        back.expect("4{\"message\":\"banned meanwhile\"}");
        assertFalse(io.sockets().adapter().rooms().contains("red"), "it left the rooms it rejoined");
    }

    @Test
    void aSocketTheServerLetGoIsNotRecoveredThoughItsClientClosesTheConnectionAtOnce() {
        // socket.io-client closes the connection when the server disconnects its last socket: that
        // close may reach the server before it has finished disconnecting the socket (seen in
        // FullChatBrowserIT, where the page then came back recovered)
        Server io = recovering(UnaryOperator.identity());
        List<String> reasons = new CopyOnWriteArrayList<>();
        io.on("connection", socket -> socket.on("disconnect", args -> reasons.add(String.valueOf(args[0]))));
        FakeClient client = harness.open().closeWhenLetGo();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        io.emit("hello");
        String offset = expectEvent(client, "hello");

        io.disconnectSockets(false);
        assertEquals(SocketPacketType.DISCONNECT, client.next().type());
        assertEquals(List.of("server namespace disconnect"), reasons);

        FakeClient back = harness.open();
        reconnect(back, grant, offset);
        assertNotEquals(grant.sid(), RecoveryGrant.expect(back).sid(), "a new socket");
        assertFalse(connected.get(1).recovered());
    }

    @Test
    void aClientLostAgainBeforeItConnectedKeepsItsSessionForTheNextTry() {
        Server io = recovering(r -> r.withSkipMiddlewares(false));
        List<Next> waiting = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            if (socket.recovered() && waiting.isEmpty()) {
                waiting.add(next);
            } else {
                next.proceed();
            }
        });
        String[] lost = connectJoinAndDrop(io);
        io.to("red").emit("missed");
        FakeClient first = harness.open();
        first.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");
        first.closeTransport(); // gone again while its middleware runs
        waiting.get(0).proceed();
        io.to("red").emit("missed too");

        FakeClient second = harness.open();
        second.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");

        expectEvent(second, "missed");
        expectEvent(second, "missed too");
        assertEquals(lost[0], RecoveryGrant.expect(second).sid());
        assertTrue(connected.get(1).recovered());
    }

    @Test
    void aClientTooSlowToConnectAgainIsClosedAsTheEngineClosesOneThatFallsBehind() {
        harness.options(o -> o.engine(e -> e.maxBufferedPackets(3)));
        Server io = recovering(r -> r.withSkipMiddlewares(false));
        List<Next> waiting = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            if (socket.recovered()) {
                waiting.add(next);
            } else {
                next.proceed();
            }
        });
        String[] lost = connectJoinAndDrop(io);
        FakeClient back = harness.open();
        back.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");
        for (int i = 0; i < 5; i++) {
            io.to("red").emit("flood", i);
        }

        waiting.get(0).proceed();

        assertTrue(back.isClosed(), "held more than maxBufferedPackets before it could connect");
        assertTrue(back.takeAll().stream().noneMatch(p -> p.type() == SocketPacketType.CONNECT),
                "closed before its CONNECT");
    }

    // ---- coming back too late, or with recovery off ----

    @Test
    void aClientBackAfterTheWindowGetsAFreshSocket() {
        Server io = recovering(r -> r.withMaxDisconnectionDuration(Duration.ofSeconds(30)));
        String[] lost = connectJoinAndDrop(io);

        harness.clock.advance(Duration.ofSeconds(31));
        FakeClient back = harness.open();
        back.send("0{\"pid\":\"" + lost[1] + "\",\"offset\":\"" + lost[2] + "\"}");

        RecoveryGrant fresh = RecoveryGrant.expect(back);
        assertNotEquals(lost[0], fresh.sid());
        assertNotEquals(lost[1], fresh.pid(), "a new private id too: the client sees recovered = false");
        assertFalse(connected.get(1).recovered());
        assertEquals(Set.of(fresh.sid(), "red"), connected.get(1).rooms(), "set up again by the handler");
    }

    @Test
    void withRecoveryOffNothingChanges() {
        Server io = harness.server();
        io.on("connection", connected::add);
        FakeClient client = harness.open();
        client.send("0");
        FakeClient.Received connect = client.next();
        connected.get(0).emit("direct", 1);
        io.emit("broadcast");
        client.closeTransport();
        io.emit("missed");

        assertEquals("0{\"sid\":\"" + connected.get(0).id() + "\"}", connect.text(), "no pid");
        client.expect("2[\"direct\",1]", "2[\"broadcast\"]");
        assertEquals(InMemoryAdapter.class, io.sockets().adapter().getClass());
        FakeClient again = harness.open();
        again.send("0{\"pid\":\"whatever\",\"offset\":\"whatever\"}");
        assertEquals("0{\"sid\":\"" + connected.get(1).id() + "\"}", again.next().text());
        assertFalse(connected.get(1).recovered());
        assertNull(connected.get(1).handshake().auth().get("sid"));
        List<String> ids = new ArrayList<>();
        connected.forEach(s -> ids.add(s.id()));
        assertNotEquals(ids.get(0), ids.get(1));
    }
}
