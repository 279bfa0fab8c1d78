package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dynamic namespaces: a parent ({@code io.of(Pattern)}, {@code io.of(matcher)}) and its children. */
class DynamicNamespaceTest {

    private static final Pattern TEAMS = Pattern.compile("^/team-\\d+$");

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private List<String> names(List<Namespace> namespaces) {
        return namespaces.stream().map(Namespace::name).sorted().toList();
    }

    @Test
    void aMatchingNamespaceIsCreatedOnDemand() {
        ParentNamespace teams = harness.server().of(TEAMS);
        List<Socket> connected = new CopyOnWriteArrayList<>();
        teams.on("connection", connected::add);
        FakeClient client = harness.open();

        String id = client.connect("/team-1");
        client.send("0/teams,");

        client.expect("4/teams,{\"message\":\"Invalid namespace\"}");
        assertEquals(List.of("/team-1"), names(teams.children()));
        assertEquals("/team-1", connected.get(0).nsp().name());
        assertEquals(id, connected.get(0).id());
        assertSame(teams.children().get(0), harness.server().of("/team-1"), "the child is a namespace like any other");
    }

    @Test
    void theMatcherSeesTheNameAndTheAuthPayload() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        harness.server().of((name, auth) -> {
            seen.add(name + " " + auth);
            return "yes".equals(auth.get("ok"));
        });
        FakeClient client = harness.open();

        client.send("0/dyn,{\"ok\":\"no\"}");
        client.expect("4/dyn,{\"message\":\"Invalid namespace\"}");
        client.connect("/dyn", "{\"ok\":\"yes\"}");

        assertEquals(List.of("/dyn {ok=no}", "/dyn {ok=yes}"), seen);
    }

    @Test
    void anExistingNamespaceWinsOverAParent() {
        Namespace fixed = harness.server().of("/team-1");
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient client = harness.open();

        String id = client.connect("/team-1");

        assertTrue(teams.children().isEmpty());
        assertSame(fixed, harness.socket("/team-1", id).nsp());
    }

    @Test
    void childrenShareTheParentsMiddlewaresAndListenersIncludingLaterOnes() {
        ParentNamespace teams = harness.server().of(TEAMS);
        List<String> calls = new CopyOnWriteArrayList<>();
        teams.use((socket, next) -> {
            calls.add("middleware 1 " + socket.nsp().name());
            next.proceed();
        });
        teams.on("connection", socket -> calls.add("listener 1 " + socket.nsp().name()));
        harness.open().connect("/team-1");

        teams.use((socket, next) -> {
            calls.add("middleware 2 " + socket.nsp().name());
            next.proceed();
        });
        teams.on("connection", socket -> calls.add("listener 2 " + socket.nsp().name()));
        harness.open().connect("/team-1");
        harness.open().connect("/team-2");

        assertEquals(List.of(
                "middleware 1 /team-1", "listener 1 /team-1",
                "middleware 1 /team-1", "middleware 2 /team-1", "listener 1 /team-1", "listener 2 /team-1",
                "middleware 1 /team-2", "middleware 2 /team-2", "listener 1 /team-2", "listener 2 /team-2"), calls);
    }

    @Test
    void theParentsMiddlewareMayRefuseAChild() {
        ParentNamespace teams = harness.server().of(TEAMS);
        teams.use((socket, next) -> next.fail(new ConnectError("unauthorized", Map.of("team", socket.nsp().name()))));
        FakeClient client = harness.open();

        client.send("0/team-7,");

        client.expect("4/team-7,{\"message\":\"unauthorized\",\"data\":{\"team\":\"/team-7\"}}");
        assertTrue(harness.server().of("/team-7").sockets().isEmpty());
    }

    @Test
    void aThrowingParentListenerDoesNotStopTheOthers() {
        ParentNamespace teams = harness.server().of(TEAMS);
        List<String> calls = new CopyOnWriteArrayList<>();
        teams.on("connection", socket -> {
            throw new IllegalStateException("listener bug");
        });
        teams.on("connection", socket -> calls.add("second"));

        harness.open().connect("/team-1");

        assertEquals(List.of("second"), calls);
    }

    @Test
    void emittingOnTheParentReachesEveryChild() {
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient one = harness.open();
        one.connect("/team-1");
        FakeClient two = harness.open();
        two.connect("/team-2");
        FakeClient main = harness.connect();

        teams.emit("announcement", "maintenance");

        one.expect("2/team-1,[\"announcement\",\"maintenance\"]");
        two.expect("2/team-2,[\"announcement\",\"maintenance\"]");
        main.assertNoMoreFrames();
    }

    @Test
    void parentRoomsAndQueriesSpanTheChildren() {
        ParentNamespace teams = harness.server().of(TEAMS);
        teams.on("connection", socket -> socket.join("captains"));
        FakeClient one = harness.open();
        String oneId = one.connect("/team-1");
        FakeClient two = harness.open();
        String twoId = two.connect("/team-2");

        teams.to("captains").emit("briefing");
        List<String> ids = teams.in("captains").fetchSockets().join().stream().map(RemoteSocket::id).sorted().toList();
        teams.fetchSockets().join().stream().filter(remote -> remote.id().equals(twoId)).findFirst().orElseThrow()
                .emit("just you");

        one.expect("2/team-1,[\"briefing\"]");
        two.expect("2/team-2,[\"briefing\"]", "2/team-2,[\"just you\"]");
        assertEquals(List.of(oneId, twoId).stream().sorted().toList(), ids);
    }

    @Test
    void aBroadcastAckOnTheParentWaitsForTheAnswersOfEveryChild() {
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient one = harness.open();
        one.connect("/team-1");
        FakeClient two = harness.open();
        String twoId = two.connect("/team-2");
        harness.socket("/team-2", twoId).join("room");
        List<Object> calls = new CopyOnWriteArrayList<>();

        teams.to("room").timeout(Duration.ofSeconds(5)).emit("vote", (AckCallback) (error, args) -> {
            calls.add(error);
            calls.add(args[0]);
        });
        two.expect("2/team-2,0[\"vote\"]");
        assertTrue(calls.isEmpty(), "team-1 has nobody in the room, team-2 has not answered: " + calls);
        two.send("3/team-2,0[\"yes\"]");

        assertEquals(Arrays.asList(null, List.of("yes")), calls);
    }

    @Test
    void aBroadcastAckOnAParentWithoutChildrenCompletesAtOnce() {
        ParentNamespace teams = harness.server().of(TEAMS);

        CompletableFuture<List<Object>> answers = teams.timeout(Duration.ofSeconds(5)).emitWithAck("vote");

        assertTrue(answers.isDone(), "nobody to wait for");
        assertEquals(List.of(), answers.join());
    }

    @Test
    void aBroadcastAckOnTheParentCollectsAcrossChildren() {
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient one = harness.open();
        one.connect("/team-1");
        FakeClient two = harness.open();
        two.connect("/team-2");

        CompletableFuture<List<Object>> answers = teams.timeout(Duration.ofSeconds(5)).emitWithAck("vote");
        one.expect("2/team-1,0[\"vote\"]");
        two.expect("2/team-2,0[\"vote\"]");
        two.send("3/team-2,0[2]");
        assertTrue(!answers.isDone(), "team-1 has not answered");
        one.send("3/team-1,0[1]");

        assertTrue(answers.isDone());
        assertEquals(List.of(2, 1), answers.join());
    }

    @Test
    void withCleanupAnEmptyChildIsRemovedAndCreatedAgainOnDemand() {
        harness.options(o -> o.cleanupEmptyChildNamespaces(true));
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient first = harness.open();
        first.connect("/team-1");
        FakeClient second = harness.open();
        second.connect("/team-1");
        Namespace child = teams.children().get(0);

        first.send("1/team-1,");
        assertEquals(List.of("/team-1"), names(teams.children()), "one socket is left");
        second.closeTransport();

        assertTrue(teams.children().isEmpty());
        harness.open().connect("/team-1");
        assertNotSame(child, teams.children().get(0));
    }

    @Test
    void withCleanupAChildWithAConnectionStillInItsMiddlewaresIsKept() {
        harness.options(o -> o.cleanupEmptyChildNamespaces(true));
        ParentNamespace teams = harness.server().of(TEAMS);
        List<Next> held = new CopyOnWriteArrayList<>();
        teams.use((socket, next) -> {
            if ("held".equals(socket.handshake().auth().get("who"))) {
                held.add(next);
            } else {
                next.proceed();
            }
        });
        FakeClient leaving = harness.open();
        leaving.connect("/team-1");
        FakeClient waiting = harness.open();
        waiting.send("0/team-1,{\"who\":\"held\"}");

        leaving.send("1/team-1,");          // the child is empty, but a connection is pending
        held.get(0).proceed();
        waiting.expectConnect("/team-1");
        FakeClient late = harness.open();
        late.connect("/team-1");

        assertEquals(1, teams.children().size(), "one child, not a dropped one and a new one");
        teams.emit("news");
        waiting.expect("2/team-1,[\"news\"]");
        late.expect("2/team-1,[\"news\"]");
    }

    @Test
    void withCleanupAChildIsDroppedOnceItsLastPendingConnectionIsRefused() {
        harness.options(o -> o.cleanupEmptyChildNamespaces(true));
        ParentNamespace teams = harness.server().of(TEAMS);
        teams.use((socket, next) -> next.fail(new ConnectError("no")));
        FakeClient client = harness.open();

        client.send("0/team-1,");

        client.expect("4/team-1,{\"message\":\"no\"}");
        assertTrue(teams.children().isEmpty());
    }

    @Test
    void withoutCleanupAnEmptyChildStays() {
        ParentNamespace teams = harness.server().of(TEAMS);
        FakeClient client = harness.open();
        client.connect("/team-1");
        Namespace child = teams.children().get(0);

        client.send("1/team-1,");

        assertEquals(List.of(child), teams.children());
    }

    @Test
    void cleanupLeavesStaticNamespacesAlone() {
        harness.options(o -> o.cleanupEmptyChildNamespaces(true));
        Namespace admin = harness.server().of("/admin");
        FakeClient client = harness.open();
        client.connect("/admin");

        client.send("1/admin,");

        assertSame(admin, harness.server().of("/admin"));
        assertInstanceOf(Namespace.class, admin);
    }
}
