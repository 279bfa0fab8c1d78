package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code socket.handshake()} tells who is connected: the user the container authenticated for
 * the connection's first request, the declared roles it is in, and its HTTP session.
 */
class WhoIsConnectedTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private final List<Socket> connected = new CopyOnWriteArrayList<>();
    private boolean listening;

    private Handshake connect(TestRequest.Builder request) {
        if (!listening) {
            harness.server().on("connection", connected::add);
            listening = true;
        }
        harness.open(request).connect();
        return connected.get(connected.size() - 1).handshake();
    }

    @Test
    void theHandshakeCarriesTheUserItsDeclaredRolesAndTheHttpSession() {
        harness.server().declareRoles("reader", "admin");

        Handshake handshake = connect(TestRequest.webSocket().user("alice", "reader", "payroll").httpSession("S1"));

        assertEquals("alice", handshake.principal().getName());
        assertTrue(handshake.isUserInRole("reader"));
        assertFalse(handshake.isUserInRole("admin"));
        assertEquals(Set.of("reader"), handshake.roles(), "the declared roles she is in; payroll was never declared");
        assertTrue(handshake.roles().contains("reader"));
        assertFalse(handshake.roles().contains("payroll"));
        assertEquals("S1", handshake.httpSessionId());
    }

    @Test
    void nobodyLoggedInMeansNoUserNoRolesAndNoSession() {
        harness.server().declareRoles("reader");

        Handshake handshake = connect(TestRequest.webSocket());

        assertNull(handshake.principal());
        assertFalse(handshake.isUserInRole("reader"));
        assertEquals(Set.of(), handshake.roles());
        assertNull(handshake.httpSessionId());
    }

    @Test
    void socketsOfAnonymousConnectionsShareOneRoleSetAndALoggedInUserHasHisOwn() {
        harness.server().declareRoles("reader");
        Handshake first = connect(TestRequest.webSocket());
        Handshake second = connect(TestRequest.webSocket());
        Handshake alice = connect(TestRequest.webSocket().user("alice", "reader"));

        assertSame(first.roles(), second.roles(), "nothing allocated per anonymous socket");
        assertNotSame(first.roles(), alice.roles());
    }

    @Test
    void aRoleNeverDeclaredAnswersFalseAndTheServerSaysOnceHowToDeclareIt() {
        RecordingLogger log = new RecordingLogger();
        DeclaredRoles declared = new DeclaredRoles(Set.of("reader"), log);
        Handshake handshake = Handshake.of(TestRequest.webSocket().user("alice", "reader", "admin").build(), null, 0,
                declared);

        assertFalse(handshake.isUserInRole("admin"), "the container was never asked about admin");
        assertFalse(handshake.isUserInRole("admin"));
        assertTrue(handshake.isUserInRole("reader"), "a declared role still answers");

        assertEquals(1, log.lines().size(), log.lines().toString());
        String line = log.lines().get(0);
        assertTrue(line.startsWith("WARNING isUserInRole(\"admin\") answers false: the role was never declared"), line);
        assertTrue(line.contains("io.declareRoles(\"admin\")"), line);
        assertTrue(line.contains("@DeclareRoles"), line);
    }

    @Test
    void anAnonymousHandshakeAskedAboutARoleNeverDeclaredWarnsToo() {
        RecordingLogger log = new RecordingLogger();
        Handshake handshake = Handshake.of(TestRequest.webSocket().build(), null, 0, new DeclaredRoles(Set.of(), log));

        assertFalse(handshake.isUserInRole("admin"));
        assertFalse(handshake.isUserInRole("admni"));

        assertEquals(2, log.lines().size(), "a typo in a role name shows before the first login: " + log.lines());
    }

    @Test
    void everySocketOfAConnectionSeesTheSameUser() {
        harness.server().declareRoles("reader");
        harness.server().of("/chat");
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        harness.server().on("connection", sockets::add);
        harness.server().of("/chat").on("connection", sockets::add);
        FakeClient client = harness.open(TestRequest.webSocket().user("alice", "reader").httpSession("S1"));

        client.connect();
        client.connect("/chat");

        assertEquals(2, sockets.size());
        for (Socket socket : sockets) {
            assertEquals("alice", socket.handshake().principal().getName());
            assertTrue(socket.handshake().isUserInRole("reader"));
            assertEquals("S1", socket.handshake().httpSessionId());
        }
    }

    @Test
    void fetchedSocketsShowTheUserAndRolesButNeverTheHttpSession() {
        harness.server().declareRoles("reader");
        connect(TestRequest.webSocket().user("alice", "reader").httpSession("S1"));

        RemoteSocket fetched = harness.server().fetchSockets().join().get(0);

        Principal user = fetched.handshake().principal();
        assertEquals("alice", user.getName());
        assertTrue(fetched.handshake().isUserInRole("reader"));
        assertEquals(Set.of("reader"), fetched.handshake().roles());
        assertNull(fetched.handshake().httpSessionId(), "a session id is a credential: it stays on its server");
    }

    @Test
    void theHandshakeMapCarriesTheUserNameAndRolesOnly() {
        harness.server().declareRoles("reader");
        Handshake handshake = connect(TestRequest.webSocket().user("alice", "reader").httpSession("S1"));

        Map<String, Object> map = handshake.toMap();

        assertEquals("alice", map.get("user"));
        assertEquals(List.of("reader"), map.get("roles"));
        assertFalse(map.containsValue("S1"));
        assertFalse(connect(TestRequest.webSocket()).toMap().containsKey("user"), "no user, no key");
    }

    @Test
    void aHandshakeBuiltByHandHasNoUserUnlessGivenOne() {
        Handshake plain = new Handshake(Map.of(), "t", "127.0.0.1", false, false, 0, "/socket.io/", Map.of(), Map.of());
        assertNull(plain.principal());
        assertFalse(plain.isUserInRole("admin"));
        assertEquals(Set.of(), plain.roles());

        Handshake full = new Handshake(Map.of(), "t", "127.0.0.1", false, false, 0, "/socket.io/", Map.of(), Map.of(),
                new TestRequest.User("alice"), Set.of("admin"), "S1");
        assertTrue(full.isUserInRole("admin"));
        assertThrows(UnsupportedOperationException.class, () -> full.roles().add("root"));
    }

    @Test
    void blankRoleNamesCannotBeDeclared() {
        Server io = harness.server();
        assertThrows(IllegalArgumentException.class, () -> io.declareRoles(" "));
        assertThrows(IllegalArgumentException.class, () -> io.declareRoles("admin", null));
        assertEquals(Set.of(), io.engine().declaredRoles(), "nothing declared by a call that failed");
        io.declareRoles("admin", "admin");
        assertEquals(Set.of("admin"), io.engine().declaredRoles());
    }
}
