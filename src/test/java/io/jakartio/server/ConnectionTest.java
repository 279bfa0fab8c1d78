package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connecting to namespaces: the CONNECT handshake, the socket's identity and invalid clients. */
class ConnectionTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    @Test
    void connectIsAnsweredWithASocketIdThatDiffersFromTheEngineSessionId() {
        FakeClient client = harness.open();

        String id = client.connect();

        assertNotEquals(client.engineSid(), id);
        Socket socket = harness.socket(id);
        assertEquals(id, socket.id());
        assertEquals(client.engineSid(), socket.conn().id());
        assertTrue(socket.connected());
        assertSame(harness.server().sockets(), socket.nsp());
    }

    @Test
    void theSocketIsInItsOwnRoomAndTheEngineSessionIdNamesNone() {
        FakeClient client = harness.open();
        String socketId = client.connect();

        assertEquals(Set.of(socketId), harness.socket(socketId).rooms());
        assertEquals(Set.of(socketId), harness.server().sockets().adapter().sockets(Set.of(socketId)));
        assertEquals(Set.of(socketId), harness.server().sockets().adapter().rooms());
        assertFalse(harness.server().sockets().adapter().rooms().contains(client.engineSid()));
    }

    @Test
    void connectionListenersRunAfterTheConnectReplyWasQueued() {
        harness.server().on("connection", socket -> socket.emit("welcome", socket.id()));
        FakeClient client = harness.open();

        String id = client.connect();

        client.expect("2[\"welcome\",\"" + id + "\"]");
    }

    @Test
    void connectAliasListensToConnectionsToo() {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        harness.server().sockets().on("connect", connected::add);

        String id = harness.open().connect();

        assertEquals(1, connected.size());
        assertEquals(id, connected.get(0).id());
        assertThrows(IllegalArgumentException.class, () -> harness.server().sockets().on("message", s -> { }));
    }

    @Test
    void handshakeDescribesTheFirstRequest() {
        List<Handshake> handshakes = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> handshakes.add(socket.handshake()));
        long before = System.currentTimeMillis();
        FakeClient client = harness.open(TestRequest.webSocket()
                .query("room", "lobby")
                .query("tag", "a").query("tag", "b")
                .header("X-Custom", "one").header("X-Custom", "two")
                .header("Host", "chat.example")
                .header("Origin", "https://chat.example") // the server's own origin (over TLS)
                .address("10.1.2.3")
                .secure(true));

        client.connect("/", "{\"token\":\"x\",\"n\":1}");
        long after = System.currentTimeMillis();

        Handshake handshake = handshakes.get(0);
        assertEquals(Map.of("token", "x", "n", 1), handshake.auth());
        assertEquals("lobby", handshake.query("room"));
        assertEquals(List.of("a", "b"), handshake.query().get("tag"));
        assertEquals("a", handshake.query("tag"));
        assertEquals("4", handshake.query("EIO"));
        assertEquals("websocket", handshake.query("transport"));
        assertEquals("one, two", handshake.headers().get("x-custom"), "names lower-cased, values joined");
        assertEquals("one, two", handshake.header("X-CUSTOM"));
        assertEquals("https://chat.example", handshake.headers().get("origin"));
        assertTrue(handshake.xdomain(), "an Origin header makes the request cross-domain");
        assertEquals("10.1.2.3", handshake.address());
        assertTrue(handshake.secure());
        assertEquals("/socket.io/?EIO=4&transport=websocket&room=lobby&tag=a&tag=b", handshake.url());
        assertTrue(handshake.issued() >= before && handshake.issued() <= after, "issued " + handshake.issued());
        assertFalse(handshake.time().isBlank());
    }

    @Test
    void handshakeWithoutOriginOrAuthIsSameDomainWithEmptyAuth() {
        List<Handshake> handshakes = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> handshakes.add(socket.handshake()));

        harness.open().connect();

        Handshake handshake = handshakes.get(0);
        assertFalse(handshake.xdomain());
        assertFalse(handshake.secure());
        assertEquals(Map.of(), handshake.auth());
        assertEquals("127.0.0.1", handshake.address());
        assertThrows(UnsupportedOperationException.class, () -> handshake.auth().put("x", 1));
    }

    @Test
    void unknownNamespaceIsRefusedAndTheConnectionStaysUsable() {
        FakeClient client = harness.open();

        client.send("0/x,");

        client.expect("4/x,{\"message\":\"Invalid namespace\"}");
        assertFalse(client.isClosed());
        client.connect();
    }

    @Test
    void namespaceNamesGetALeadingSlash() {
        Namespace admin = harness.server().of("admin");

        assertEquals("/admin", admin.name());
        assertSame(admin, harness.server().of("/admin"));
        String id = harness.open().connect("/admin");
        assertSame(admin, harness.socket("/admin", id).nsp());
    }

    @Test
    void oneConnectionCarriesSeveralNamespacesWithOneSocketEach() {
        harness.server().of("/admin");
        FakeClient client = harness.open();

        String main = client.connect();
        String admin = client.connect("/admin");

        assertNotEquals(main, admin);
        assertSame(harness.socket(main).conn(), harness.socket("/admin", admin).conn());
        assertEquals(Set.of(main), harness.server().sockets().sockets().keySet());
        assertEquals(Set.of(admin), harness.server().of("/admin").sockets().keySet());
    }

    @Test
    void aConnectionThatJoinsNoNamespaceIsClosedAfterConnectTimeout() {
        harness.options(o -> o.connectTimeout(Duration.ofSeconds(5)));
        FakeClient idle = harness.open();
        FakeClient joined = harness.open();
        joined.connect();

        harness.clock.advance(Duration.ofMillis(4_999));
        assertFalse(idle.isClosed());

        harness.clock.advance(Duration.ofMillis(1));
        assertTrue(idle.isClosed());
        assertEquals("forced close", idle.closeReason());
        assertFalse(joined.isClosed());
        assertEquals(1, harness.server().engine().clientsCount());
    }

    @Test
    void aClientWhoseConnectWasRefusedIsStillClosedAtTheConnectTimeout() {
        harness.options(o -> o.connectTimeout(Duration.ofSeconds(5)));
        harness.server().use((socket, next) -> next.fail(new ConnectError("no")));
        FakeClient client = harness.open();
        client.send("0");
        client.expect("4{\"message\":\"no\"}");

        harness.clock.advance(Duration.ofSeconds(5));

        assertTrue(client.isClosed());
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedForLong() {
        FakeClient client = harness.connect();

        harness.clock.advance(Duration.ofMinutes(10));

        assertFalse(client.isClosed());
        assertEquals(24, client.pings(), "one PING every 25 s");
    }

    @Test
    void aSecondConnectForTheSameNamespaceClosesTheClient() {
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket.on("disconnect", args -> reasons.add(args[0])));
        FakeClient client = harness.open();
        String id = client.connect();

        client.send("0");

        assertTrue(client.isClosed());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR), reasons);
        assertFalse(harness.server().sockets().sockets().containsKey(id));
    }

    @Test
    void aPacketForANamespaceNotJoinedClosesTheClient() {
        harness.server().of("/admin");
        List<Object> reasons = new CopyOnWriteArrayList<>();
        List<Object> errors = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket
                .on("disconnect", args -> reasons.add(args[0]))
                .on("error", args -> errors.add(args[0])));
        FakeClient client = harness.open();
        client.connect();

        client.send("2/admin,[\"sneaky\"]");

        assertTrue(client.isClosed());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR), reasons);
        assertInstanceOf(IllegalStateException.class, errors.get(0));
    }

    @Test
    void aConnectErrorPacketFromTheClientClosesIt() {
        FakeClient client = harness.open();
        client.connect();

        client.send("4{\"message\":\"?\"}");

        assertTrue(client.isClosed());
    }

    @Test
    void aPacketThatDoesNotParseClosesTheClientWithReasonParseError() {
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().of("/admin");
        harness.server().on("connection", socket -> socket.on("disconnect", args -> reasons.add(args[0])));
        harness.server().of("/admin").on("connection",
                socket -> socket.on("disconnect", args -> reasons.add("admin: " + args[0])));
        FakeClient client = harness.open();
        client.connect();
        client.connect("/admin");

        client.send("2[\"unterminated\"");

        assertTrue(client.isClosed());
        assertEquals(List.of("admin: parse error", "parse error"),
                reasons.stream().map(String::valueOf).sorted().toList());
        assertEquals(0, harness.server().engine().clientsCount());
    }

    @Test
    void aReservedEventNameFromTheClientIsAParseError() {
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket
                .on("disconnect", args -> reasons.add(args[0])));
        FakeClient client = harness.open();
        client.connect();

        client.send("2[\"disconnect\",\"fake\"]");

        assertTrue(client.isClosed());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR), reasons);
    }

    @Test
    void anUnexpectedBinaryFrameIsAParseError() {
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket.on("disconnect", args -> reasons.add(args[0])));
        FakeClient client = harness.open();
        client.connect();

        client.sendBinary(new byte[] {1, 2});

        assertTrue(client.isClosed());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR), reasons);
    }

    @Test
    void anInvalidEngineFrameIsAParseErrorToo() {
        List<Object> reasons = new CopyOnWriteArrayList<>();
        harness.server().on("connection", socket -> socket.on("disconnect", args -> reasons.add(args[0])));
        FakeClient client = harness.open();
        client.connect();

        client.sendFrame("x");

        assertTrue(client.isClosed());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR), reasons);
    }

    @Test
    void tooManyAttachmentsAreAParseError() {
        harness.options(o -> o.maxAttachments(1));
        FakeClient client = harness.open();
        client.connect();

        client.send("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        assertTrue(client.isClosed());
    }
}
