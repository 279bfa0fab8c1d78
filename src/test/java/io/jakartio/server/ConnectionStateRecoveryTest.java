package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.PersistedSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection state recovery, the server's side: the private session id in CONNECT, sessions
 * persisted when a connection is lost, restored when the client comes back with
 * {@code auth.pid} and {@code auth.offset}. The sessions and the packet log live in a
 * test-scope adapter ({@link FakeSessionAwareAdapter}); with the real one,
 * {@link RecoveryOnOneServerTest}.
 */
class ConnectionStateRecoveryTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> connected = new CopyOnWriteArrayList<>();

    /** A server with recovery on, the fake session-aware adapter, and sockets recorded on connection. */
    private Server recovering(UnaryOperator<ConnectionStateRecovery> settings) {
        harness.options(o -> o.connectionStateRecovery(settings.apply(ConnectionStateRecovery.defaults()))
                .adapter(host -> new FakeSessionAwareAdapter(host, harness.clock::millis)));
        Server io = harness.server();
        io.on("connection", connected::add);
        return io;
    }

    private Server recovering() {
        return recovering(UnaryOperator.identity());
    }

    private FakeSessionAwareAdapter adapter() {
        return (FakeSessionAwareAdapter) harness.server().sockets().adapter();
    }

    /** @return the offset the client keeps: the last argument of the event it received */
    private static String offsetOf(FakeClient.Received event) {
        List<Object> args = event.args();
        return (String) args.get(args.size() - 1);
    }

    /** Sends CONNECT to the main namespace as the official client does when it reconnects. */
    private static void reconnect(FakeClient client, String pid, String offset) {
        client.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
    }

    /** Connects a client, has it receive one event (its offset), and loses its connection. */
    private RecoveryGrant connectReceiveAndLoseTheConnection(FakeClient client, String[] offset) {
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        harness.server().emit("first");
        offset[0] = offsetOf(client.expect("2[\"first\",\"offset-1\"]"));
        client.closeTransport();
        return grant;
    }

    // ---- the CONNECT packet ----

    @Test
    void theConnectPacketCarriesAPrivateSessionIdNextToTheSocketId() {
        recovering();
        FakeClient client = harness.open();

        client.send("0");

        FakeClient.Received connect = client.next();
        Map<?, ?> data = (Map<?, ?>) connect.packet().data();
        String sid = (String) data.get("sid");
        String pid = (String) data.get("pid");
        assertEquals("0{\"sid\":\"" + sid + "\",\"pid\":\"" + pid + "\"}", connect.text());
        assertEquals(20, pid.length(), "random like a socket id");
        assertNotEquals(sid, pid);
        assertFalse(connected.get(0).recovered());
    }

    @Test
    void withoutTheOptionNothingChanges() {
        harness.options(o -> o.adapter(host -> new FakeSessionAwareAdapter(host, harness.clock::millis)));
        Server io = harness.server();
        io.on("connection", connected::add);
        FakeClient client = harness.open();

        client.send("0");
        FakeClient.Received connect = client.next();
        connected.get(0).emit("hi", 1);
        io.emit("news");
        client.closeTransport();

        assertEquals("0{\"sid\":\"" + connected.get(0).id() + "\"}", connect.text(), "no pid");
        client.expect("2[\"hi\",1]", "2[\"news\"]");
        assertEquals(Optional.empty(), adapter().maxDisconnectionDuration(), "the adapter is told recovery is off");
        assertEquals(Map.of(), adapter().sessions(), "nothing persisted");
        FakeClient again = harness.open();
        again.send("0{\"pid\":\"whatever\",\"offset\":\"offset-1\"}");
        assertEquals("0{\"sid\":\"" + connected.get(1).id() + "\"}", again.next().text());
        assertFalse(connected.get(1).recovered());
        assertNotEquals(connected.get(0).id(), connected.get(1).id());
    }

    @Test
    void theSettingsDefaultToTwoMinutesAndSkippingTheMiddlewares() {
        assertEquals(new ConnectionStateRecovery(Duration.ofMinutes(2), true), ConnectionStateRecovery.defaults());
        assertNull(ServerOptions.defaults().connectionStateRecovery(), "off by default");
        ServerOptions options = ServerOptions.builder()
                .connectionStateRecovery(ConnectionStateRecovery.defaults().withSkipMiddlewares(false)).build();
        assertEquals(options, options.toBuilder().build());
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionStateRecovery.defaults().withMaxDisconnectionDuration(Duration.ZERO));
    }

    @Test
    void theAdapterIsToldTheMaxDisconnectionDuration() {
        recovering(r -> r.withMaxDisconnectionDuration(Duration.ofMinutes(5)));

        assertEquals(Optional.of(Duration.ofMinutes(5)), adapter().maxDisconnectionDuration());
    }

    // ---- recovery ----

    @Test
    void aReconnectingClientGetsItsSocketBackWithTheEventsItMissedInOrder() {
        Server io = recovering();
        io.on("connection", socket -> {
            if (!socket.recovered()) {
                socket.join("red");
                socket.data().put("user", "ann");
            }
            socket.emit("welcome", socket.recovered());
        });
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        String offset = offsetOf(client.expect("2[\"welcome\",false,\"offset-1\"]"));
        Socket lost = connected.get(0);
        client.closeTransport();

        io.emit("everyone");                        // offset-2
        io.to("red").emit("red room", "x");         // offset-3
        io.to("blue").emit("blue room");            // offset-4: not for it
        io.except("red").emit("all but red");       // offset-5: not for it
        lost.emit("direct", 2);                     // offset-6: socket.emit goes through the adapter
        io.to(grant.sid()).emit("by id");           // offset-7
        FakeClient back = harness.open();
        reconnect(back, grant.pid(), offset);

        // what it missed first, then its CONNECT, as from the reference server
        back.expect("2[\"everyone\",\"offset-2\"]",
                "2[\"red room\",\"x\",\"offset-3\"]",
                "2[\"direct\",2,\"offset-6\"]",
                "2[\"by id\",\"offset-7\"]");
        assertEquals("0{\"sid\":\"" + grant.sid() + "\",\"pid\":\"" + grant.pid() + "\"}", back.next().text());
        back.expect("2[\"welcome\",true,\"offset-8\"]");
        Socket socket = connected.get(1);
        assertTrue(socket.recovered());
        assertEquals(grant.sid(), socket.id());
        assertEquals(Set.of(grant.sid(), "red"), socket.rooms());
        assertEquals(Map.of("user", "ann"), socket.data());
        assertSame(socket, io.sockets().sockets().get(grant.sid()));
        io.to("red").emit("still in red");
        back.expect("2[\"still in red\",\"offset-9\"]");
    }

    @Test
    void aRecoveredSocketCanBeRecoveredAgain() {
        recovering();
        FakeClient client = harness.open();
        String[] offset = new String[1];
        RecoveryGrant grant = connectReceiveAndLoseTheConnection(client, offset);
        FakeClient second = harness.open();
        reconnect(second, grant.pid(), offset[0]);
        RecoveryGrant.expect(second);
        harness.server().emit("second");
        String secondOffset = offsetOf(second.expect("2[\"second\",\"offset-2\"]"));
        second.closeTransport();
        harness.server().emit("missed");

        FakeClient third = harness.open();
        reconnect(third, grant.pid(), secondOffset);

        third.expect("2[\"missed\",\"offset-3\"]");
        assertEquals(grant, RecoveryGrant.expect(third));
        assertTrue(connected.get(2).recovered());
    }

    @Test
    void anUnknownPidOrOffsetGivesAFreshSocketAndRunsTheMiddlewares() {
        Server io = recovering();
        AtomicInteger middlewareRuns = countMiddlewareRuns(io);
        FakeClient client = harness.open();
        String[] offset = new String[1];
        RecoveryGrant grant = connectReceiveAndLoseTheConnection(client, offset);

        FakeClient stranger = harness.open();
        reconnect(stranger, "unknown-pid", offset[0]);
        RecoveryGrant fresh = RecoveryGrant.expect(stranger);
        FakeClient tooOld = harness.open();
        reconnect(tooOld, grant.pid(), "offset-unknown");
        RecoveryGrant alsoFresh = RecoveryGrant.expect(tooOld);

        assertNotEquals(grant.sid(), fresh.sid());
        assertNotEquals("unknown-pid", fresh.pid());
        assertNotEquals(grant.sid(), alsoFresh.sid());
        assertFalse(connected.get(1).recovered());
        assertFalse(connected.get(2).recovered());
        assertEquals(3, middlewareRuns.get());
        // As in the reference server, the handshake keeps the whole CONNECT payload.
        assertEquals(Map.of("pid", "unknown-pid", "offset", offset[0]), connected.get(1).handshake().auth());
    }

    @Test
    void withoutAnOffsetTheClientCannotRecover() {
        recovering();
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        client.closeTransport(); // received nothing, so the official client has no offset to send

        FakeClient back = harness.open();
        back.send("0{\"pid\":\"" + grant.pid() + "\"}");

        assertNotEquals(grant.sid(), RecoveryGrant.expect(back).sid());
        assertFalse(connected.get(1).recovered());
    }

    @Test
    void aSessionIsNotRecoveredAfterTheMaxDisconnectionDuration() {
        recovering(r -> r.withMaxDisconnectionDuration(Duration.ofSeconds(30)));
        FakeClient client = harness.open();
        String[] offset = new String[1];
        RecoveryGrant grant = connectReceiveAndLoseTheConnection(client, offset);

        harness.clock.advance(Duration.ofSeconds(31));
        FakeClient back = harness.open();
        reconnect(back, grant.pid(), offset[0]);

        assertNotEquals(grant.sid(), RecoveryGrant.expect(back).sid());
        assertFalse(connected.get(1).recovered());
    }

    @Test
    void aRecoveredSocketSkipsTheMiddlewaresByDefault() {
        Server io = recovering();
        AtomicInteger middlewareRuns = countMiddlewareRuns(io);
        FakeClient client = harness.open();
        String[] offset = new String[1];
        RecoveryGrant grant = connectReceiveAndLoseTheConnection(client, offset);

        FakeClient back = harness.open();
        reconnect(back, grant.pid(), offset[0]);

        assertEquals(grant, RecoveryGrant.expect(back));
        assertEquals(1, middlewareRuns.get(), "only for the first connection");
    }

    @Test
    void withSkipMiddlewaresOffTheMiddlewaresSeeTheRecoveredSocketAndMayRefuseIt() {
        Server io = recovering(r -> r.withSkipMiddlewares(false));
        List<Object> seen = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            seen.add(socket.recovered() + " " + socket.rooms().contains("red"));
            if (socket.recovered() && "refuse".equals(socket.handshake().auth().get("mode"))) {
                next.fail(new ConnectError("not again"));
            } else {
                next.proceed();
            }
        });
        io.on("connection", socket -> socket.join("red"));
        FakeClient client = harness.open();
        String[] offset = new String[1];
        RecoveryGrant grant = connectReceiveAndLoseTheConnection(client, offset);

        FakeClient back = harness.open();
        reconnect(back, grant.pid(), offset[0]);
        assertEquals(grant, RecoveryGrant.expect(back));
        back.closeTransport();
        harness.server().emit("second");
        FakeClient refused = harness.open();
        refused.send("0{\"pid\":\"" + grant.pid() + "\",\"offset\":\"offset-1\",\"mode\":\"refuse\"}");

        refused.expect("4{\"message\":\"not again\"}");
        assertEquals(List.of("false false", "true true", "true true"), seen);
        assertFalse(harness.server().sockets().adapter().rooms().contains("red"), "the refused socket left its rooms");
    }

    @Test
    void aSessionTheAdapterRestoresLaterStillConnectsWithItsMissedEventsFirst() throws Exception {
        Server io = recovering();
        io.on("connection", socket -> socket.emit("hello"));
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);
        String offset = offsetOf(client.expect("2[\"hello\",\"offset-1\"]"));
        client.closeTransport();
        io.emit("missed");
        adapter().deferRestores();

        FakeClient back = harness.open();
        reconnect(back, grant.pid(), offset);
        back.assertNoMoreFrames();
        Thread adapterThread = new Thread(adapter()::completeRestores, "adapter");
        adapterThread.start();
        adapterThread.join(5_000);

        back.expect("2[\"missed\",\"offset-2\"]");
        assertEquals(grant, RecoveryGrant.expect(back));
        back.expect("2[\"hello\",\"offset-3\"]");
        assertTrue(connected.get(1).recovered());
    }

    // ---- persisting ----

    @Test
    void aLostConnectionPersistsTheSessionBeforeTheSocketLeavesItsRooms() {
        Server io = recovering();
        io.on("connection", socket -> {
            socket.join("red");
            socket.data().put("user", "ann");
        });
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant grant = RecoveryGrant.expect(client);

        client.closeTransport();

        PersistedSession session = adapter().sessions().get(grant.pid());
        assertEquals(grant.sid(), session.sid());
        assertEquals(Set.of(grant.sid(), "red"), session.rooms());
        assertEquals(Map.of("user", "ann"), session.data());
    }

    @Test
    void everyKindOfLostConnectionIsPersisted() {
        Server io = recovering();
        FakeClient pingTimeout = harness.open();
        pingTimeout.send("0");
        RecoveryGrant timedOut = RecoveryGrant.expect(pingTimeout);
        FakeClient forced = harness.open();
        forced.send("0");
        RecoveryGrant forcedClose = RecoveryGrant.expect(forced);
        FakeClient shutdown = harness.open();
        shutdown.send("0");
        RecoveryGrant shutDown = RecoveryGrant.expect(shutdown);

        pingTimeout.stopAnsweringPings();
        harness.clock.advance(Duration.ofSeconds(45));
        connected.get(1).conn().close();
        Map<String, ?> beforeShutdown = adapter().sessions();
        io.close();

        assertEquals(Set.of(timedOut.pid(), forcedClose.pid()), beforeShutdown.keySet(), "ping timeout, forced close");
        assertEquals(Set.of(timedOut.pid(), forcedClose.pid(), shutDown.pid()), adapter().sessions().keySet(),
                "server shutting down is recoverable too, as in the reference server");
    }

    @Test
    void deliberateDisconnectionsAreNotPersisted() {
        recovering();
        FakeClient leaves = harness.open();
        leaves.send("0");
        RecoveryGrant left = RecoveryGrant.expect(leaves);
        FakeClient kicked = harness.open();
        kicked.send("0");
        RecoveryGrant.expect(kicked);
        FakeClient broken = harness.open();
        broken.send("0");
        RecoveryGrant.expect(broken);
        FakeClient closedByServer = harness.open();
        closedByServer.send("0");
        RecoveryGrant.expect(closedByServer);
        harness.server().emit("news");
        String offset = offsetOf(leaves.expect("2[\"news\",\"offset-1\"]"));
        kicked.expect("2[\"news\",\"offset-1\"]");
        broken.expect("2[\"news\",\"offset-1\"]");
        closedByServer.expect("2[\"news\",\"offset-1\"]");

        leaves.send("1");                   // client namespace disconnect
        connected.get(1).disconnect();      // server namespace disconnect
        broken.send("9");                   // parse error
        connected.get(3).disconnect(true);  // every namespace disconnected by the server, then closed

        kicked.expect("1");
        closedByServer.expect("1");
        assertEquals(Map.of(), adapter().sessions());
        leaves.send("0{\"pid\":\"" + left.pid() + "\",\"offset\":\"" + offset + "\"}");
        assertNotEquals(left.sid(), RecoveryGrant.expect(leaves).sid());
    }

    // ---- offsets ----

    @Test
    void volatileAndAcknowledgedEmitsCarryNoOffset() {
        Server io = recovering();
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant.expect(client);
        Socket socket = connected.get(0);

        socket.asVolatile().emit("volatile");
        socket.emit("question", (Ack) reply -> { });
        io.asVolatile().emit("volatile broadcast");
        io.timeout(Duration.ofSeconds(5)).emit("vote", (AckCallback) (error, answers) -> { });
        socket.emit("plain");

        client.expect("2[\"volatile\"]", "20[\"question\"]", "2[\"volatile broadcast\"]", "21[\"vote\"]",
                "2[\"plain\",\"offset-1\"]");
        assertEquals(1, adapter().loggedPackets());
    }

    @Test
    void aBroadcastGetsOneOffsetEncodedOnceForEveryRecipient() {
        Server io = recovering();
        FakeClient a = harness.open();
        a.send("0");
        RecoveryGrant.expect(a);
        FakeClient b = harness.open();
        b.send("0");
        RecoveryGrant.expect(b);

        io.emit("news", "item");

        FakeClient.Received first = a.expect("2[\"news\",\"item\",\"offset-1\"]");
        FakeClient.Received second = b.expect("2[\"news\",\"item\",\"offset-1\"]");
        assertSame(first.frames().get(0), second.frames().get(0), "encoded once");
    }

    @Test
    void theOutgoingCatchAllListenersSeeTheOffsetAsTheClientDoes() {
        recovering();
        List<Object> outgoing = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket.onAnyOutgoing((event, args) -> outgoing.add(List.of(args))));
        FakeClient client = harness.open();
        client.send("0");
        RecoveryGrant.expect(client);

        connected.get(0).emit("hi", 1);

        client.expect("2[\"hi\",1,\"offset-1\"]");
        assertEquals(List.of(List.of(1, "offset-1")), outgoing);
    }

    /** Installs a middleware that lets every connection through and counts its runs. */
    private static AtomicInteger countMiddlewareRuns(Server io) {
        AtomicInteger runs = new AtomicInteger();
        io.use((socket, next) -> {
            runs.incrementAndGet();
            next.proceed();
        });
        return runs;
    }
}
