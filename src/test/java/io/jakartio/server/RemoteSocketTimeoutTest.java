package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.ClusterAdapter;
import io.jakartio.adapter.ClusterMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code timeout()} where Node has it beyond sockets and broadcasts: on a {@link RemoteSocket}
 * (an emit with acknowledgement to a fetched socket, answered as the socket's own emit is), and on
 * {@code fetchSockets} (how long a cluster's other servers are waited for).
 */
class RemoteSocketTimeoutTest {

    @RegisterExtension
    final SocketIoHarness harness = new SocketIoHarness();

    private RemoteSocket fetchOne() {
        List<RemoteSocket> sockets = harness.server().fetchSockets().join();
        assertEquals(1, sockets.size());
        return sockets.get(0);
    }

    @Test
    void aRemoteSocketsEmitWithAckGetsTheSocketsAnswer() {
        FakeClient client = harness.connect();

        CompletableFuture<Object> answer = fetchOne().timeout(Duration.ofSeconds(2)).emitWithAck("status?", 1);

        client.expect("20[\"status?\",1]");
        client.send("30[\"fine\",\"ignored\"]");
        assertEquals("fine", answer.join());
    }

    @Test
    void aRemoteSocketsAckCallbackGetsNoErrorAndTheFirstArgumentAlone() {
        FakeClient client = harness.connect();
        List<Object> calls = new CopyOnWriteArrayList<>();

        fetchOne().timeout(Duration.ofSeconds(2)).emit("status?", (AckCallback) (error, args) -> {
            calls.add(error == null ? "no error" : error);
            calls.add(List.of(args));
        });

        client.expect("20[\"status?\"]");
        client.send("30[{\"ok\":true}]");
        assertEquals(List.of("no error", List.of(java.util.Map.of("ok", true))), calls);
    }

    @Test
    void aRemoteSocketThatDoesNotAnswerInTimeFailsWithAnAckTimeout() {
        FakeClient client = harness.connect();

        CompletableFuture<Object> answer = fetchOne().timeout(Duration.ofSeconds(2)).emitWithAck("status?");
        client.expect("20[\"status?\"]");
        harness.clock.advance(Duration.ofMillis(1999));
        assertFalse(answer.isDone());
        harness.clock.advance(Duration.ofMillis(1));

        CompletionException error = assertThrows(CompletionException.class, answer::join);
        assertInstanceOf(AckTimeoutException.class, error.getCause());
    }

    @Test
    void aRemoteSocketGoneMeanwhileAnswersNothing() {
        FakeClient client = harness.connect();
        RemoteSocket remote = fetchOne();
        client.send("1");

        CompletableFuture<Object> answer = remote.timeout(Duration.ofSeconds(2)).emitWithAck("status?");

        assertTrue(answer.isDone(), "no client to wait for, as in Node (an undefined answer)");
        assertNull(answer.join());
    }

    @Test
    void anAcknowledgementWithoutTimeoutIsRefusedAndTheTimeoutCopyLeavesTheSnapshotAsItWas() {
        FakeClient client = harness.connect();
        RemoteSocket remote = fetchOne();

        assertThrows(IllegalStateException.class, () -> remote.emit("status?", (AckCallback) (error, args) -> { }));
        assertThrows(IllegalStateException.class, () -> remote.emitWithAck("status?"));
        RemoteSocket timed = remote.timeout(Duration.ofSeconds(1));
        assertEquals(remote.id(), timed.id());
        assertEquals(remote.rooms(), timed.rooms());
        timed.emit("plain", 1); // a timeout without acknowledgement is simply unused

        client.expect("2[\"plain\",1]");
    }

    @Test
    void fetchSocketsWaitsForTheOtherServersAsLongAsTheOperatorsTimeout() {
        harness.options(options -> options.adapter(OneSilentPeer::new));
        harness.connect();

        CompletableFuture<List<RemoteSocket>> quick = harness.server().timeout(Duration.ofMillis(300)).fetchSockets();
        CompletableFuture<List<RemoteSocket>> usual = harness.server().fetchSockets();
        harness.clock.advance(Duration.ofMillis(300));

        assertTrue(quick.isCompletedExceptionally(), "the silent server was waited for 300 ms only");
        assertFalse(usual.isDone(), "without a timeout, the adapter's request timeout (5 s) applies");
        harness.clock.advance(Duration.ofMillis(4700));
        assertTrue(usual.isCompletedExceptionally());
    }

    /** A cluster adapter that knows one other server, which never answers. */
    private static final class OneSilentPeer extends ClusterAdapter {
        OneSilentPeer(AdapterHost host) {
            super(host, host::schedule, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(2));
            onMessage("silent-peer", new ClusterMessage.Heartbeat(), null);
        }

        @Override
        protected CompletableFuture<String> doPublish(ClusterMessage message) {
            return CompletableFuture.completedFuture("");
        }

        @Override
        protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
