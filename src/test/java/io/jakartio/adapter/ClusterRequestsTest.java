package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The requests of a cluster adapter: complete with every server's answer, fail at the timeout
 * with the answers that came, stop waiting for a known server that is gone, and servers are
 * known by heartbeat. Time is driven by hand.
 */
class ClusterRequestsTest {

    private final List<Runnable> timers = new ArrayList<>();
    private final ClusterRequests requests = new ClusterRequests((delay, task) -> {
        timers.add(task);
        return () -> timers.remove(task);
    });

    private void fireTimers() {
        new ArrayList<>(timers).forEach(Runnable::run);
    }

    @Test
    void aRequestCompletesWithItsOwnResultsAndEveryAnswer() {
        CompletableFuture<List<Object>> answers = requests.expect("r1", 2, List.of("mine"), Set.of(), Duration.ofSeconds(5), "fetchSockets");

        requests.answer("r1", "b", List.of("b1", "b2"));
        assertFalse(answers.isDone());
        requests.answer("r1", "c", List.of());

        assertEquals(List.of("mine", "b1", "b2"), answers.join());
        assertTrue(timers.isEmpty(), "its timer is cancelled");
    }

    @Test
    void aRequestFailsAtItsTimeoutWithTheAnswersThatCame() {
        CompletableFuture<List<Object>> answers = requests.expect("r1", 2, List.of(), Set.of(), Duration.ofSeconds(5), "serverSideEmit");
        requests.answer("r1", "b", List.of("pong"));

        fireTimers();

        CompletionException e = assertThrows(CompletionException.class, answers::join);
        RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, e.getCause());
        assertEquals(List.of("pong"), timeout.responses());
        assertEquals("timeout reached: only 1 responses received out of 2 (serverSideEmit)", timeout.getMessage());
    }

    @Test
    void aKnownServerThatIsGoneIsNoLongerWaitedForButAnUnknownOneStillIs() {
        CompletableFuture<List<Object>> answers = requests.expect("r1", 3, List.of(), Set.of("b", "c"), Duration.ofSeconds(5), "x");
        requests.answer("r1", "b", List.of("b"));

        requests.nodeGone("b"); // answered already: changes nothing
        requests.nodeGone("z"); // not known when the request left: may be the one counted, or not
        assertFalse(answers.isDone());
        requests.nodeGone("c");
        assertFalse(answers.isDone(), "a third server was counted and not known: it is waited for");
        requests.answer("r1", "d", List.of("d"));

        assertEquals(List.of("b", "d"), answers.join());
    }

    @Test
    void serversAreKnownUntilSilentForTheHeartbeatTimeoutOrClosed() {
        AtomicLong now = new AtomicLong(1_000);
        ClusterNodes nodes = new ClusterNodes(10_000, now::get);
        nodes.seen("b");
        nodes.seen("c");
        nodes.seen(ClusterNodes.EMITTER_UID);

        now.addAndGet(6_000);
        nodes.seen("b");
        now.addAndGet(5_000);

        assertEquals(List.of("c"), nodes.expire());
        assertEquals(Set.of("b"), nodes.alive());
        assertTrue(nodes.remove("b"));
        assertEquals(0, nodes.count());
    }

    @Test
    void theMessageTypesHaveTheNumbersOfSocketIoAdapter() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
                java.util.Arrays.stream(ClusterMessageType.values()).map(ClusterMessageType::number).toList());
        assertEquals(ClusterMessageType.FETCH_SOCKETS_RESPONSE, ClusterMessageType.of(8));
        assertEquals(null, ClusterMessageType.of(14));
    }
}
