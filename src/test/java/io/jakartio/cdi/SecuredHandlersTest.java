package io.jakartio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.Handshake;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.server.Socket;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll} and {@code @DeclareRoles} on
 * handler classes and {@code @OnEvent} methods, against requests snapshot as the bindings take
 * them from a container that logged a user in.
 */
class SecuredHandlersTest {

    @SocketNamespace("/admin")
    @RolesAllowed({"admin", "moderator"})
    @DeclareRoles("auditor")
    public static class AdminHandlers {
        @OnConnect
        void welcome(Socket socket, Handshake handshake) {
            socket.emit("welcome", handshake.principal().getName(), handshake.isUserInRole("auditor"),
                    handshake.httpSessionId());
        }

        @OnEvent("kick")
        String kick(String user) {
            return "kicked " + user;
        }

        @OnEvent("ban")
        @RolesAllowed("admin")
        String ban(String user) {
            return "banned " + user;
        }

        @OnEvent("wipe")
        @DenyAll
        String wipe() {
            return "wiped";
        }
    }

    @SocketNamespace("/lobby")
    public static class LobbyHandlers {
        final List<String> announced = new CopyOnWriteArrayList<>();

        @OnEvent("say")
        @PermitAll
        String say(String text) {
            return "said " + text;
        }

        @OnEvent("whoami")
        @RolesAllowed("**")
        String whoami(Handshake handshake) {
            return handshake.principal().getName();
        }

        @OnEvent("announce")
        @RolesAllowed("admin")
        void announce(String text) {
            announced.add(text);
        }
    }

    private Server io;
    private LobbyHandlers lobby;

    @BeforeEach
    void start() {
        JsonbMapper mapper = new JsonbMapper(JsonbBuilder.create());
        io = new Server(ServerOptions.builder().jsonMapper(mapper).build());
        AnnotatedHandlers.register(io, new AdminHandlers(), AdminHandlers.class, mapper);
        lobby = new LobbyHandlers();
        AnnotatedHandlers.register(io, lobby, LobbyHandlers.class, mapper);
    }

    @AfterEach
    void stop() {
        io.close();
    }

    private FrameClient open(String user, String... roles) throws InterruptedException {
        FrameClient client = new FrameClient(io, user == null ? FrameClient.request("")
                : FrameClient.login(io, user, Set.of(roles), "S-" + user));
        assertTrue(client.next().startsWith("0{\"sid\""));
        return client;
    }

    private static void connect(FrameClient client, String nsp) throws InterruptedException {
        client.send("40" + nsp + ",");
        String reply = client.next();
        assertTrue(reply.startsWith("40" + nsp + ",{\"sid\""), reply);
    }

    @Test
    void registeringDeclaresEveryRoleTheAnnotationsName() {
        assertEquals(Set.of("admin", "moderator", "auditor"), io.engine().declaredRoles());
    }

    @Test
    void aUserInAClassRoleConnectsAndTheHandlerSeesWhoHeIs() throws Exception {
        FrameClient root = open("root", "admin", "auditor");
        connect(root, "/admin");
        assertEquals("42/admin,[\"welcome\",\"root\",true,\"S-root\"]", root.next());
    }

    @Test
    void aUserInNoClassRoleIsRefusedTheNamespaceAndToldWhy() throws Exception {
        FrameClient alice = open("alice", "reader");
        alice.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"not authorized: one of the roles admin, moderator required\"}",
                alice.next());

        FrameClient nobody = open(null);
        nobody.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"not authenticated\"}", nobody.next());
        assertTrue(io.of("/admin").sockets().isEmpty());
    }

    @Test
    void aMethodRoleNarrowsTheClassRolesAndARefusedAckSaysWhy() throws Exception {
        FrameClient mod = open("mod", "moderator");
        connect(mod, "/admin");
        mod.next(); // welcome

        mod.send("42/admin,1[\"kick\",\"troll\"]");
        assertEquals("43/admin,1[\"kicked troll\"]", mod.next(), "the class's roles let a moderator kick");
        mod.send("42/admin,2[\"ban\",\"troll\"]");
        assertEquals("43/admin,2[{\"error\":\"not authorized: role admin required\"}]", mod.next());

        FrameClient root = open("root", "admin");
        connect(root, "/admin");
        root.next();
        root.send("42/admin,3[\"ban\",\"troll\"]");
        assertEquals("43/admin,3[\"banned troll\"]", root.next());
    }

    @Test
    void denyAllRefusesAnEventEvenToAnAdmin() throws Exception {
        FrameClient root = open("root", "admin");
        connect(root, "/admin");
        root.next();
        root.send("42/admin,4[\"wipe\"]");
        assertEquals("43/admin,4[{\"error\":\"not authorized\"}]", root.next());
    }

    @Test
    void permitAllAndAnyAuthenticatedUserOnEventsOfAnOpenNamespace() throws Exception {
        FrameClient nobody = open(null);
        connect(nobody, "/lobby");
        nobody.send("42/lobby,1[\"say\",\"hi\"]");
        assertEquals("43/lobby,1[\"said hi\"]", nobody.next());
        nobody.send("42/lobby,2[\"whoami\"]");
        assertEquals("43/lobby,2[{\"error\":\"not authenticated\"}]", nobody.next());

        FrameClient alice = open("alice", "reader");
        connect(alice, "/lobby");
        alice.send("42/lobby,3[\"whoami\"]");
        assertEquals("43/lobby,3[\"alice\"]", alice.next());
    }

    @Test
    void aRefusedEventWithoutAckNeverReachesTheMethodAndNothingIsSent() throws Exception {
        FrameClient alice = open("alice", "reader");
        connect(alice, "/lobby");
        alice.send("42/lobby,[\"announce\",\"free pizza\"]");
        alice.send("42/lobby,5[\"say\",\"still here\"]");
        assertEquals("43/lobby,5[\"said still here\"]", alice.next(), "nothing came before the next reply");

        FrameClient root = open("root", "admin");
        connect(root, "/lobby");
        root.send("42/lobby,[\"announce\",\"meeting\"]");
        root.send("42/lobby,6[\"say\",\"done\"]");
        root.next();
        assertEquals(List.of("meeting"), lobby.announced);
        assertNull(alice.poll());
    }

    @SocketNamespace("/odd")
    public static class Contradictory {
        @OnEvent("x")
        @RolesAllowed("admin")
        @PermitAll
        void x() {
        }
    }

    @SocketNamespace("/odd")
    public static class GuardedConnect {
        @OnConnect
        @RolesAllowed("admin")
        void connected() {
        }
    }

    @SocketNamespace("/odd")
    @RolesAllowed("admin")
    @DenyAll
    public static class ContradictoryClass {
    }

    @Test
    void contradictoryOrMisplacedAnnotationsFailTheRegistration() {
        JsonbMapper mapper = new JsonbMapper(null);
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> AnnotatedHandlers.register(io, new Contradictory(), Contradictory.class, mapper));
        assertTrue(both.getMessage().endsWith(
                "Contradictory.x has more than one of @RolesAllowed, @PermitAll and @DenyAll"),
                both.getMessage());
        IllegalArgumentException onConnect = assertThrows(IllegalArgumentException.class,
                () -> AnnotatedHandlers.register(io, new GuardedConnect(), GuardedConnect.class, mapper));
        assertTrue(onConnect.getMessage().contains("annotate its class to guard the namespace's connections"),
                onConnect.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AnnotatedHandlers.register(io, new ContradictoryClass(), ContradictoryClass.class, mapper));
    }

    @SocketNamespace("/vault")
    @RolesAllowed({})
    public static class Vault {
    }

    @Test
    void rolesAllowedWithNoRoleLetsNobodyIn() throws Exception {
        AnnotatedHandlers.register(io, new Vault(), Vault.class, new JsonbMapper(null));
        FrameClient root = open("root", "admin");
        root.send("40/vault,");
        assertEquals("44/vault,{\"message\":\"not authorized\"}", root.next());
    }

    @Test
    void aRecoveredSocketThatSkipsTheMiddlewaresIsStillRefusedAndDisconnected() throws Exception {
        // Connection state recovery lets a returning client skip the middlewares (Socket.IO's
        // default); an adapter that finds every session stands in for a session-aware one.
        JsonbMapper mapper = new JsonbMapper(null);
        Server recovering = new Server(ServerOptions.builder().jsonMapper(mapper)
                .connectionStateRecovery(ConnectionStateRecovery.defaults())
                .adapter(host -> new InMemoryAdapter(host) {
                    @Override
                    public CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
                        return CompletableFuture.completedFuture(
                                Optional.of(new RestoredSession("old-sid", pid, Set.of(), Map.of(), List.of())));
                    }
                }).build());
        try {
            AnnotatedHandlers.register(recovering, new AdminHandlers(), AdminHandlers.class, mapper);
            FrameClient alice = new FrameClient(recovering,
                    FrameClient.login(recovering, "alice", Set.of("reader"), null));
            assertTrue(alice.next().startsWith("0{\"sid\""));

            alice.send("40/admin,{\"pid\":\"p\",\"offset\":\"o\"}");

            assertTrue(alice.next().startsWith("40/admin,{\"sid\":\"old-sid\""), "recovered, middlewares skipped");
            assertEquals("41/admin,", alice.next(), "and disconnected at once: alice is in no role of /admin");
            assertTrue(recovering.of("/admin").sockets().isEmpty());
        } finally {
            recovering.close();
        }
    }
}
