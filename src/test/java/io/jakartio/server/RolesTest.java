package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Roles}: a namespace or an event only for users the container logged in and put in a
 * role; the others get a CONNECT_ERROR, or an error acknowledgement, that says why.
 */
class RolesTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    @Test
    void aNamespaceForARoleLetsItsUsersInAndTellsOthersWhichRoleTheyLack() {
        Server io = harness.server();
        io.of("/admin").use(Roles.allowed(io, "admin"));

        harness.open(TestRequest.webSocket().user("root", "admin")).connect("/admin");

        FakeClient alice = harness.open(TestRequest.webSocket().user("alice", "reader"));
        alice.send("0/admin,");
        alice.expect("4/admin,{\"message\":\"not authorized: role admin required\"}");

        FakeClient nobody = harness.open(TestRequest.webSocket());
        nobody.send("0/admin,");
        nobody.expect("4/admin,{\"message\":\"not authenticated\"}");
        assertTrue(io.of("/admin").sockets().size() == 1, "only root got in");
    }

    @Test
    void oneOfSeveralRolesIsEnough() {
        Server io = harness.server();
        io.of("/staff").use(Roles.allowed(io, "admin", "moderator"));

        harness.open(TestRequest.webSocket().user("mod", "moderator")).connect("/staff");
        FakeClient alice = harness.open(TestRequest.webSocket().user("alice", "reader"));
        alice.send("0/staff,");
        alice.expect("4/staff,{\"message\":\"not authorized: one of the roles admin, moderator required\"}");
    }

    @Test
    void allowedDeclaresItsRolesSoTheContainerIsAskedAboutThem() {
        Server io = harness.server();
        Roles staff = Roles.allowed(io, "admin", "moderator");

        assertEquals(Set.of("admin", "moderator"), io.engine().declaredRoles());
        assertEquals(Set.of("admin", "moderator"), staff.names());
    }

    @Test
    void anyAuthenticatedUserPassesAuthenticatedAndTheDoubleStarRole() {
        Server io = harness.server();
        io.of("/members").use(Roles.authenticated());
        io.of("/stars").use(Roles.allowed(io, "**"));

        FakeClient alice = harness.open(TestRequest.webSocket().user("alice"));
        alice.connect("/members");
        alice.connect("/stars");
        FakeClient nobody = harness.open(TestRequest.webSocket());
        nobody.send("0/members,");
        nobody.expect("4/members,{\"message\":\"not authenticated\"}");
        assertEquals(Set.of(), io.engine().declaredRoles(), "** is no role to ask the container about");
    }

    @Test
    void denyAllRefusesEveryone() {
        Server io = harness.server();
        io.of("/closed").use(Roles.denyAll());

        FakeClient root = harness.open(TestRequest.webSocket().user("root", "admin"));
        root.send("0/closed,");
        root.expect("4/closed,{\"message\":\"not authorized\"}");
    }

    @Test
    void aGuardedEventReachesItsListenerOnlyForTheRole() {
        Server io = harness.server();
        Roles moderators = Roles.allowed(io, "moderator");
        List<Object> banned = new CopyOnWriteArrayList<>();
        io.on("connection", socket -> socket.on("ban", moderators.guard(socket, "ban", args -> {
            banned.add(args[0]);
            ((Ack) args[args.length - 1]).call("banned");
        })));

        FakeClient mod = harness.open(TestRequest.webSocket().user("mod", "moderator"));
        mod.connect();
        mod.send("21[\"ban\",\"troll\"]");
        mod.expect("31[\"banned\"]");

        FakeClient alice = harness.open(TestRequest.webSocket().user("alice", "reader"));
        alice.connect();
        alice.send("27[\"ban\",\"mod\"]");
        alice.expect("37[{\"error\":\"not authorized: role moderator required\"}]");
        alice.send("2[\"ban\",\"mod\"]");
        alice.assertNoMoreFrames();

        assertEquals(List.of("troll"), banned, "the listener never ran for alice");
    }

    @Test
    void aRefusedEventWithoutAckIsDroppedAndTheConnectionGoesOn() {
        Server io = harness.server();
        Roles admins = Roles.allowed(io, "admin");
        io.on("connection", socket -> {
            socket.on("wipe", admins.guard(socket, "wipe", args -> socket.emit("wiped")));
            socket.on("ping", args -> socket.emit("pong"));
        });

        FakeClient alice = harness.open(TestRequest.webSocket().user("alice", "reader"));
        alice.connect();
        alice.send("2[\"wipe\"]");
        alice.send("2[\"ping\"]");

        alice.expect("2[\"pong\"]");
    }

    @Test
    void refusalsAreLoggedAtMostOncePerSecondWithTheCountOfThoseLeftOut() {
        Server io = harness.server();
        AtomicLong nanos = new AtomicLong();
        RecordingLogger log = new RecordingLogger();
        Roles admins = Roles.allowed(io, "admin").with(nanos::get, log);
        io.on("connection", socket -> socket.on("wipe", admins.guard(socket, "wipe", args -> { })));
        FakeClient alice = harness.open(TestRequest.webSocket().user("alice", "reader"));
        String id = alice.connect();

        for (int i = 0; i < 5; i++) {
            alice.send("2[\"wipe\"]");
        }
        nanos.addAndGet(999_000_000L);
        alice.send("2[\"wipe\"]");
        assertEquals(List.of("INFO refused event \"wipe\" in / (socket " + id + ", user alice): "
                + "not authorized: role admin required"), log.lines());

        nanos.addAndGet(1_000_000L);
        alice.send("2[\"wipe\"]");
        assertEquals(2, log.lines().size());
        assertTrue(log.lines().get(1).endsWith("(5 more refused since the last report, not logged)"), log.lines().get(1));
    }

    @Test
    void refusalNamesWhatIsMissingAndNullMeansPass() {
        Server io = harness.server();
        Roles admins = Roles.allowed(io, "admin");
        Handshake root = Handshake.of(TestRequest.webSocket().user("root", "admin").build(), null, 0, io.declaredRoles());
        Handshake alice = Handshake.of(TestRequest.webSocket().user("alice").build(), null, 0, io.declaredRoles());
        Handshake nobody = Handshake.of(TestRequest.webSocket().build(), null, 0, io.declaredRoles());

        assertNull(admins.refusal(root));
        assertEquals("not authorized: role admin required", admins.refusal(alice));
        assertEquals("not authenticated", admins.refusal(nobody));
        assertEquals("not authorized", Roles.denyAll().refusal(root));
        assertEquals("Roles.allowed(admin)", admins.toString());
    }

    @Test
    void aCheckNamesAtLeastOneRealRole() {
        Server io = harness.server();
        assertThrows(IllegalArgumentException.class, () -> Roles.allowed(io));
        assertThrows(IllegalArgumentException.class, () -> Roles.allowed(io, ""));
    }
}
