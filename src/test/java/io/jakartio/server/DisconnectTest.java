package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How sockets leave their namespace, why, and what they look like while and after they do. */
class DisconnectTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    /** "namespace: reason" for every disconnect listener call. */
    private final List<String> reasons = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private void record(Namespace nsp) {
        nsp.on("connection", socket -> {
            sockets.add(socket);
            socket.on("disconnect", args -> reasons.add(nsp.name() + ": " + args[0]));
        });
    }

    @Test
    void serverSideDisconnectSendsDisconnectAndKeepsTheConnection() {
        record(harness.server().sockets());
        record(harness.server().of("/admin"));
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        sockets.get(1).disconnect();
        sockets.get(0).disconnect();

        client.expect("1/admin,", "1");
        assertEquals(List.of("/admin: server namespace disconnect", "/: server namespace disconnect"), reasons);
        assertFalse(client.isClosed());
        assertFalse(sockets.get(0).connected());
        client.connect("/admin");
    }

    @Test
    void disconnectingTwiceNotifiesOnce() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();

        sockets.get(0).disconnect();
        sockets.get(0).disconnect();
        sockets.get(0).disconnect(true);

        client.expect("1");
        assertEquals(List.of("/: server namespace disconnect"), reasons);
        assertFalse(client.isClosed());
    }

    @Test
    void disconnectWithCloseDisconnectsEveryNamespaceThenClosesTheConnection() {
        record(harness.server().sockets());
        record(harness.server().of("/admin"));
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        sockets.get(0).disconnect(true);

        List<String> packets = client.takeAll().stream().map(FakeClient.Received::text).sorted().toList();
        assertEquals(List.of("1", "1/admin,"), packets);
        assertTrue(client.isClosed());
        assertEquals("forced close", client.closeReason());
        assertEquals(Set.of("/: server namespace disconnect", "/admin: server namespace disconnect"), Set.copyOf(reasons));
        assertEquals(0, harness.server().engine().clientsCount());
    }

    @Test
    void clientSideDisconnectLeavesTheNamespaceButNotTheConnection() {
        record(harness.server().sockets());
        record(harness.server().of("/admin"));
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        client.send("1/admin,");

        assertEquals(List.of("/admin: client namespace disconnect"), reasons);
        assertFalse(client.isClosed());
        assertTrue(harness.server().of("/admin").sockets().isEmpty());
        assertTrue(sockets.get(0).connected());
        client.connect("/admin");
    }

    @Test
    void aClientThatLeftItsLastNamespaceIsNotClosedByTheConnectTimeout() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();

        client.send("1");
        harness.clock.advance(Duration.ofMinutes(2));

        assertFalse(client.isClosed(), "the connect timeout only applies to the first namespace");
    }

    @Test
    void theClientClosingTheConnectionIsATransportClose() {
        record(harness.server().sockets());
        record(harness.server().of("/admin"));
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        client.closeTransport();

        assertEquals(Set.of("/: transport close", "/admin: transport close"), Set.copyOf(reasons));
        assertEquals(2, reasons.size());
        assertTrue(harness.server().sockets().sockets().isEmpty());
        assertTrue(harness.server().of("/admin").sockets().isEmpty());
    }

    @Test
    void anEngineCloseFrameIsATransportCloseToo() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();

        client.sendFrame("1");

        assertEquals(List.of("/: transport close"), reasons);
    }

    @Test
    void closingTheEngineConnectionFromTheServerIsAForcedClose() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();

        sockets.get(0).conn().close();

        assertEquals(List.of("/: forced close"), reasons);
        assertTrue(client.isClosed());
    }

    @Test
    void aClientThatStopsAnsweringPingsTimesOut() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();
        client.stopAnsweringPings();

        harness.clock.advance(Duration.ofSeconds(25));
        assertEquals(1, client.pings());
        harness.clock.advance(Duration.ofSeconds(20));

        assertEquals(List.of("/: ping timeout"), reasons);
        assertTrue(client.isClosed());
    }

    @Test
    void disconnectingSeesTheRoomsAndDisconnectSeesTheCleanedUpSocket() {
        List<Object> observed = new CopyOnWriteArrayList<>();
        Namespace main = harness.server().sockets();
        main.on("connection", socket -> {
            socket.join("room");
            socket.on("disconnecting", args -> {
                observed.add(args[0]);
                observed.add(socket.rooms());
                observed.add(main.sockets().containsKey(socket.id()));
                observed.add(socket.connected());
            });
            socket.on("disconnect", args -> {
                observed.add(args[0]);
                observed.add(socket.rooms());
                observed.add(main.sockets().containsKey(socket.id()));
                observed.add(socket.connected());
                observed.add(main.adapter().rooms());
            });
        });
        FakeClient client = harness.open();
        String id = client.connect();

        client.closeTransport();

        assertEquals(List.of(
                DisconnectReason.TRANSPORT_CLOSE, Set.of(id, "room"), true, true,
                DisconnectReason.TRANSPORT_CLOSE, Set.of(), false, false, Set.of()), observed);
    }

    @Test
    void aLeavingSocketIsNoLongerReachedByBroadcasts() {
        record(harness.server().sockets());
        FakeClient leaving = harness.connect();
        FakeClient staying = harness.connect();

        leaving.send("1");
        harness.server().emit("news");

        staying.expect("2[\"news\"]");
        leaving.assertNoMoreFrames();
    }

    @Test
    void eventsOfADisconnectedNamespaceCloseTheClient() {
        record(harness.server().sockets());
        FakeClient client = harness.connect();
        client.send("1");

        client.send("2[\"after\"]");

        assertTrue(client.isClosed());
    }

    @Test
    void closingTheServerDisconnectsEveryoneWithServerShuttingDown() {
        record(harness.server().sockets());
        record(harness.server().of("/admin"));
        FakeClient first = harness.open();
        first.connect();
        first.connect("/admin");
        FakeClient second = harness.connect();

        harness.server().close();

        assertEquals(List.of("/: server shutting down", "/: server shutting down", "/admin: server shutting down"),
                reasons.stream().sorted().toList());
        assertTrue(first.isClosed());
        assertTrue(second.isClosed());
        assertEquals("server shutting down", first.closeReason());
        assertEquals(0, harness.server().engine().clientsCount());
    }

    @Test
    void twoClientsWhoseHandlersCloseEachOtherAtTheSameTimeDoNotDeadlock() throws Exception {
        CyclicBarrier bothInHandlers = new CyclicBarrier(2);
        record(harness.server().sockets());
        harness.server().on("connection", socket -> socket.on("close-other", args -> {
            try {
                bothInHandlers.await(5, TimeUnit.SECONDS); // each holds its own client's dispatch lock
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Socket other = sockets.get(0) == socket ? sockets.get(1) : sockets.get(0);
            other.disconnect(true);
        }));
        FakeClient first = harness.connect();
        FakeClient second = harness.connect();

        Thread a = new Thread(() -> first.send("2[\"close-other\"]"), "first");
        Thread b = new Thread(() -> second.send("2[\"close-other\"]"), "second");
        a.start();
        b.start();
        a.join(5_000);
        b.join(5_000);

        assertFalse(a.isAlive() || b.isAlive(), "deadlock: " + Threads.dump(a) + Threads.dump(b));
        assertEquals(2, reasons.size());
        assertTrue(first.isClosed() && second.isClosed());
        first.takeAll();
        second.takeAll();
    }
}
