package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms, socket queries across a namespace (fetchSockets, socketsJoin...) and delivery flags. */
class RoomsTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private FakeClient alice;
    private FakeClient bob;
    private FakeClient carol;

    /** Connects alice, bob and carol to the main namespace; their sockets are {@link #sockets}. */
    private void connectThree() {
        harness.server().on("connection", sockets::add);
        alice = harness.connect();
        bob = harness.connect();
        carol = harness.connect();
    }

    private Socket socket(int index) {
        return sockets.get(index);
    }

    /** @return the fetched sockets in connection order */
    private List<RemoteSocket> inConnectionOrder(List<RemoteSocket> remotes) {
        List<RemoteSocket> fetched = new ArrayList<>(remotes);
        fetched.sort(Comparator.comparing(remote -> sockets.indexOf(harness.socket(remote.id()))));
        return fetched;
    }

    @Test
    void joinAndLeaveChangeTheSocketsRooms() {
        connectThree();
        Socket socket = socket(0);

        socket.join("a", "b");
        socket.join("c");
        socket.leave("b");
        socket.leave("never joined");

        assertEquals(Set.of(socket.id(), "a", "c"), socket.rooms());
        assertEquals(Set.of(socket.id()), harness.server().sockets().adapter().sockets(Set.of("a")));
        assertTrue(harness.server().sockets().adapter().rooms().containsAll(Set.of("a", "c")));
        assertFalse(harness.server().sockets().adapter().rooms().contains("b"), "an empty room is forgotten");
    }

    @Test
    void joiningARoomTwiceInOneCallIsHarmless() {
        connectThree();

        socket(0).join("a", "a");
        harness.server().socketsJoin("b", "b");
        harness.server().socketsLeave("b", "b");

        assertEquals(Set.of(socket(0).id(), "a"), socket(0).rooms());
    }

    @Test
    void roomsReturnsASnapshot() {
        connectThree();
        Set<String> before = socket(0).rooms();

        socket(0).join("later");

        assertEquals(Set.of(socket(0).id()), before);
    }

    @Test
    void fetchSocketsDescribesTheTargetedSockets() {
        harness.server().use((socket, next) -> {
            socket.data().put("name", socket.handshake().auth().get("name"));
            next.proceed();
        });
        harness.server().on("connection", sockets::add);
        harness.open(TestRequest.webSocket().header("User-Agent", "test")).connect("/", "{\"name\":\"alice\"}");
        harness.open().connect("/", "{\"name\":\"bob\"}");
        socket(0).join("room");

        List<RemoteSocket> all = inConnectionOrder(harness.server().fetchSockets().join());
        List<RemoteSocket> inRoom = harness.server().in("room").fetchSockets().join();

        assertEquals(2, all.size());
        RemoteSocket first = all.get(0);
        assertEquals(socket(0).id(), first.id());
        assertEquals(Set.of(socket(0).id(), "room"), first.rooms());
        assertEquals(Map.of("name", "alice"), first.data());
        assertEquals(Map.of("name", "alice"), first.handshake().auth());
        assertEquals("test", first.handshake().header("user-agent"));
        assertEquals(socket(0).handshake().url(), first.handshake().url());
        assertEquals(socket(0).handshake().issued(), first.handshake().issued());
        assertEquals(socket(0).handshake().query(), first.handshake().query());
        assertEquals(List.of(socket(0).id()), inRoom.stream().map(RemoteSocket::id).toList());
        assertEquals(List.of(socket(1).id()), harness.server().except("room").fetchSockets().join()
                .stream().map(RemoteSocket::id).toList());
    }

    @Test
    void fetchedSocketsAreSnapshots() {
        connectThree();
        RemoteSocket remote = harness.server().to(socket(0).id()).fetchSockets().join().get(0);

        socket(0).join("later");
        socket(0).data().put("later", true);

        assertEquals(Set.of(socket(0).id()), remote.rooms());
        assertEquals(Map.of(), remote.data());
    }

    @Test
    void socketsJoinAndSocketsLeaveActOnTheTargetedSockets() {
        connectThree();
        socket(0).join("a");
        socket(1).join("a");

        harness.server().in("a").socketsJoin("b", "c");
        harness.server().except("a").socketsJoin("d");
        harness.server().socketsLeave("c");

        assertEquals(Set.of(socket(0).id(), "a", "b"), socket(0).rooms());
        assertEquals(Set.of(socket(1).id(), "a", "b"), socket(1).rooms());
        assertEquals(Set.of(socket(2).id(), "d"), socket(2).rooms());
    }

    @Test
    void disconnectSocketsWithoutCloseLeavesTheConnectionsOpen() {
        connectThree();
        socket(0).join("a");
        socket(1).join("a");

        harness.server().in("a").disconnectSockets(false);

        alice.expect("1");
        bob.expect("1");
        assertFalse(alice.isClosed());
        assertEquals(Set.of(socket(2).id()), harness.server().sockets().sockets().keySet());
        alice.connect();
    }

    @Test
    void disconnectSocketsWithCloseClosesTheConnections() {
        connectThree();

        harness.server().disconnectSockets(true);

        for (FakeClient client : List.of(alice, bob, carol)) {
            client.expect("1");
            assertTrue(client.isClosed());
        }
        assertTrue(harness.server().sockets().sockets().isEmpty());
        assertEquals(0, harness.server().engine().clientsCount());
    }

    @Test
    void aRemoteSocketActsOnTheRealSocket() {
        connectThree();
        RemoteSocket remote = harness.server().to(socket(1).id()).fetchSockets().join().get(0);

        remote.emit("hello", 1);
        remote.join("x", "y");
        remote.leave("x");
        bob.expect("2[\"hello\",1]");
        assertEquals(Set.of(socket(1).id(), "y"), socket(1).rooms());

        remote.disconnect(false);
        bob.expect("1");
        assertFalse(bob.isClosed());
        remote.disconnect(true);
        assertFalse(bob.isClosed(), "already gone from the namespace: nothing to close");
        alice.assertNoMoreFrames();
        carol.assertNoMoreFrames();
    }

    @Test
    void aRemoteSocketCanCloseTheConnection() {
        connectThree();
        RemoteSocket remote = harness.server().to(socket(2).id()).fetchSockets().join().get(0);

        remote.disconnect(true);

        carol.expect("1");
        assertTrue(carol.isClosed());
    }

    @Test
    void volatileEmitsAreDroppedWhileTheConnectionIsBusy() {
        connectThree();
        alice.holdSends();

        socket(0).emit("reliable", 1);
        socket(0).asVolatile().emit("volatile", 2);
        socket(0).emit("reliable", 3);
        harness.server().asVolatile().emit("volatile broadcast");
        alice.releaseSends();
        socket(0).asVolatile().emit("volatile", 4);

        alice.expect("2[\"reliable\",1]", "2[\"reliable\",3]", "2[\"volatile\",4]");
        bob.expect("2[\"volatile broadcast\"]");
        carol.expect("2[\"volatile broadcast\"]");
    }

    @Test
    void theLocalFlagStillReachesEveryLocalSocket() {
        connectThree();
        socket(0).join("a");

        harness.server().local().emit("everyone");
        harness.server().local().to("a").emit("a");
        harness.server().to("a").local().fetchSockets().join();

        alice.expect("2[\"everyone\"]", "2[\"a\"]");
        bob.expect("2[\"everyone\"]");
        carol.expect("2[\"everyone\"]");
    }

    @Test
    void aDisconnectedSocketIsGoneFromItsRooms() {
        connectThree();
        socket(0).join("a");
        socket(1).join("a");

        alice.closeTransport();

        assertEquals(Set.of(socket(1).id()), harness.server().sockets().adapter().sockets(Set.of("a")));
        assertFalse(harness.server().sockets().adapter().rooms().contains(socket(0).id()));
        assertEquals(Set.of(), socket(0).rooms());
    }

    @Test
    void joiningAfterTheDisconnectionDoesNothing() {
        connectThree();
        socket(0).on("disconnect", args -> socket(0).join("too late"));

        alice.closeTransport();
        socket(0).join("later still");

        assertEquals(Set.of(), socket(0).rooms());
        assertFalse(harness.server().sockets().adapter().rooms().contains("too late"));
        assertFalse(harness.server().sockets().adapter().rooms().contains("later still"));
    }
}
