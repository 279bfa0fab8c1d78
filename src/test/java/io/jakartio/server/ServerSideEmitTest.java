package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.RequestTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side events (Node's {@code io.serverSideEmit}, {@code serverSideEmitWithAck} and the
 * listeners of other servers' events) on one server, and what the server makes of what a
 * cluster adapter hands it. The Redis adapter's tests send them between real servers.
 */
class ServerSideEmitTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    /** The namespaces' hosts, as the adapter sees them: how another server's event comes in. */
    private final List<AdapterHost> hosts = new CopyOnWriteArrayList<>();

    private Server server() {
        harness.options(options -> options.adapter(host -> {
            hosts.add(host);
            return new InMemoryAdapter(host);
        }));
        return harness.server();
    }

    @Test
    void aSingleServerSendsServerSideEventsToNobodyNotEvenItself() {
        Server io = server();
        List<Object> heard = new CopyOnWriteArrayList<>();
        io.onServerSideEmit("relay", args -> heard.add(args[0]));

        assertTrue(io.serverSideEmit("relay", "hello"));

        assertTrue(heard.isEmpty(), "an event from this server is for the other servers only");
    }

    @Test
    void aSingleServerAnswersServerSideEmitWithAckAtOnceWithNoAnswers() throws Exception {
        Server io = server();

        CompletableFuture<List<Object>> answers = io.serverSideEmitWithAck("ping-node");

        assertTrue(answers.isDone(), "no other server to wait for");
        assertEquals(List.of(), answers.get());
    }

    @Test
    void theCallbackFormOfASingleServerGetsNoErrorAndNoAnswers() {
        Server io = server();
        List<Object> calls = new ArrayList<>();

        io.serverSideEmit("ping-node", (AckCallback) (error, args) -> calls.addAll(Arrays.asList(error, args[0])));

        assertEquals(Arrays.asList(null, List.of()), calls);
    }

    @Test
    void anEventFromAnotherServerReachesTheListenersOfItsNamespaceOnly() {
        Server io = server();
        List<Object> main = new CopyOnWriteArrayList<>();
        List<Object> chat = new CopyOnWriteArrayList<>();
        io.onServerSideEmit("relay", args -> main.add(Arrays.asList(args)));
        io.of("/chat").onServerSideEmit("relay", args -> chat.add(Arrays.asList(args)));

        hostOf("/").onServerSideEmit(List.of("relay", Map.of("msg", "hi"), 2), null);

        assertEquals(List.of(List.of(Map.of("msg", "hi"), 2)), main, "no Ack when none was asked for");
        assertTrue(chat.isEmpty());
    }

    @Test
    void aListenerAnswersWithItsAckAndOnlyTheFirstArgumentOfTheFirstCallCounts() {
        Server io = server();
        io.onServerSideEmit("ping-node", args -> {
            assertEquals(2, args.length);
            assertEquals("from node 2", args[0]);
            Ack ack = assertInstanceOf(Ack.class, args[1]);
            ack.call("pong", "ignored");
            ack.call("again");
        });
        List<Object> answers = new ArrayList<>();

        hostOf("/").onServerSideEmit(List.of("ping-node", "from node 2"), answers::add);

        assertEquals(List.of("pong"), answers);
    }

    @Test
    void anAckCalledWithoutArgumentsAnswersNull() {
        Server io = server();
        io.onServerSideEmit("ping-node", args -> ((Ack) args[0]).call());
        List<Object> answers = new ArrayList<>();

        hostOf("/").onServerSideEmit(List.of("ping-node"), answers::add);

        assertEquals(Arrays.asList((Object) null), answers);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        Server io = server();
        List<Object> heard = new ArrayList<>();
        io.onServerSideEmit("relay", args -> {
            throw new IllegalStateException("boom");
        });
        io.onServerSideEmit("relay", args -> heard.add(args[0]));

        hostOf("/").onServerSideEmit(List.of("relay", 1), null);

        assertEquals(List.of(1), heard);
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        Server io = server();
        List<Object> heard = new ArrayList<>();
        EventListener listener = args -> heard.add(args[0]);
        io.onServerSideEmit("relay", listener);
        io.offServerSideEmit("relay", listener);

        hostOf("/").onServerSideEmit(List.of("relay", 1), null);

        assertTrue(heard.isEmpty());
    }

    @Test
    void anEventWithoutAStringNameIsIgnored() {
        server();

        hostOf("/").onServerSideEmit(List.of(42, "x"), null);
        hostOf("/").onServerSideEmit(List.of(), null);
    }

    @Test
    void theNamespaceNamesOfNodeAreReserved() {
        Server io = server();

        for (String reserved : List.of("connect", "connection", "new_namespace")) {
            assertThrows(IllegalArgumentException.class, () -> io.serverSideEmit(reserved));
            assertThrows(IllegalArgumentException.class, () -> io.serverSideEmitWithAck(reserved));
            assertThrows(IllegalArgumentException.class, () -> io.onServerSideEmit(reserved, args -> { }));
        }
    }

    @Test
    void aRequestTimeoutOfTheAdapterBecomesAnAckTimeoutExceptionWithTheAnswersSoFar() throws Exception {
        harness.options(options -> options.adapter(host -> new InMemoryAdapter(host) {
            @Override
            public CompletableFuture<List<Object>> serverSideEmitWithAck(List<Object> args) {
                return CompletableFuture.failedFuture(new RequestTimeoutException(
                        "timeout reached: only 1 responses received out of 2", List.of("pong")));
            }
        }));
        Server io = harness.server();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> io.serverSideEmitWithAck("ping-node").get(1, TimeUnit.SECONDS));

        AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, failure.getCause());
        assertEquals("timeout reached: only 1 responses received out of 2", timeout.getMessage());
        assertEquals(List.of("pong"), timeout.responses());
        List<Object> calls = new ArrayList<>();
        io.serverSideEmit("ping-node", (AckCallback) (error, args) -> calls.addAll(Arrays.asList(error, args[0])));
        assertInstanceOf(AckTimeoutException.class, calls.get(0));
        assertEquals(List.of("pong"), calls.get(1));
    }

    @Test
    void theAdapterGetsTheEventNameFollowedByTheArguments() {
        List<Object> sent = new CopyOnWriteArrayList<>();
        harness.options(options -> options.adapter(host -> new InMemoryAdapter(host) {
            @Override
            public void serverSideEmit(List<Object> args) {
                sent.add(args);
            }
        }));

        harness.server().of("/chat").serverSideEmit("relay", "a", 1);

        assertEquals(List.of(List.of("relay", "a", 1)), sent);
    }

    @Test
    void aParentNamespaceHasNoServerSideEvents() {
        ParentNamespace teams = server().of(Pattern.compile("^/team-\\d+$"));

        assertThrows(UnsupportedOperationException.class, () -> teams.serverSideEmit("relay"));
        assertThrows(UnsupportedOperationException.class, () -> teams.serverSideEmitWithAck("ping-node"));
    }

    @Test
    void aLocalBroadcastWithAckWaitsForThisServerOnlyWhateverTheClusterSize() throws Exception {
        harness.options(options -> options.adapter(host -> new InMemoryAdapter(host) {
            @Override
            public CompletableFuture<Integer> serverCount() {
                return CompletableFuture.completedFuture(3);
            }
        }));
        FakeClient client = harness.connect();

        CompletableFuture<List<Object>> answers = harness.server().local().timeout(Duration.ofSeconds(5))
                .emitWithAck("vote");
        client.expect("20[\"vote\"]");
        client.send("30[\"yes\"]");

        assertEquals(List.of("yes"), answers.get(0, TimeUnit.SECONDS));
    }

    private AdapterHost hostOf(String namespace) {
        return hosts.stream().filter(host -> host.name().equals(namespace)).findFirst().orElseThrow();
    }
}
