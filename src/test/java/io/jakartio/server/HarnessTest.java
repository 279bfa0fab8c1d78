package io.jakartio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The test fakes themselves: a harness that let a mistake through would hide bugs. */
class HarnessTest {

    /** Not registered as an extension: the tests inspect it, then close its server. */
    private final SocketIoHarness harness = new SocketIoHarness();

    @Test
    void packetsLeftUntakenAreReported() {
        try {
            FakeClient client = harness.connect();
            harness.server().emit("forgotten");

            assertEquals(List.of("client1 received packets the test did not assert: [2[\"forgotten\"]]"),
                    harness.problems(true));
            assertThrows(AssertionFailedError.class, client::assertNoMoreFrames);

            client.expect("2[\"forgotten\"]");
            assertEquals(List.of(), harness.problems(true));
            client.assertNoMoreFrames();
        } finally {
            harness.server().close();
        }
    }

    @Test
    void expectingAPacketThatDidNotComeFails() {
        try {
            FakeClient client = harness.connect();

            assertThrows(AssertionFailedError.class, client::next);
            harness.server().emit("actual");
            assertThrows(AssertionFailedError.class, () -> client.expect("2[\"expected\"]"));
        } finally {
            harness.server().close();
        }
    }

    @Test
    void aBinaryPacketIsOneReceivedPacketOnceItsAttachmentsArrived() {
        try {
            FakeClient client = harness.connect();
            client.holdSends();
            harness.server().emit("blob", (Object) new byte[] {1});

            assertThrows(AssertionFailedError.class, client::next, "the attachment has not been written yet");
            assertTrue(harness.problems(true).get(0).contains("(incomplete)"));
            client.releaseSends();
            assertEquals(2, client.expect("51-[\"blob\",{\"_placeholder\":true,\"num\":0}]").frames().size());
        } finally {
            harness.server().close();
        }
    }

    @Test
    void heldSendsKeepTheConnectionBusyAndReleaseInOrder() {
        try {
            FakeClient client = harness.connect();
            int before = client.sends();
            client.holdSends();

            harness.server().emit("a");
            harness.server().emit("b");
            assertEquals(before + 1, client.sends(), "one send in flight, the next waits for its completion");
            client.releaseSends();

            client.expect("2[\"a\"]", "2[\"b\"]");
            assertEquals(List.of(), harness.problems(true));
        } finally {
            harness.server().close();
        }
    }

    @Test
    void pingsAreAnsweredUnlessTheClientStops() {
        try {
            FakeClient answering = harness.connect();
            FakeClient silent = harness.connect().stopAnsweringPings();

            harness.clock.advance(Duration.ofSeconds(45));

            assertFalse(answering.isClosed());
            assertTrue(silent.isClosed());
            assertEquals("ping timeout", silent.closeReason());
        } finally {
            harness.server().close();
        }
    }

    @Test
    void theManualClockRunsDueTasksInOrderAndSkipsCancelledOnes() {
        ManualScheduler clock = new ManualScheduler();
        StringBuilder order = new StringBuilder();
        clock.schedule(Duration.ofSeconds(2), () -> order.append("b"));
        clock.schedule(Duration.ofSeconds(1), () -> {
            order.append("a");
            clock.schedule(Duration.ofMillis(500), () -> order.append("a'"));
        });
        clock.schedule(Duration.ofSeconds(1), () -> order.append("tie")).cancel();
        AtomicInteger hooks = new AtomicInteger();
        clock.onNextCancel(hooks::incrementAndGet);
        clock.schedule(Duration.ofSeconds(3), () -> order.append("c")).cancel();

        clock.advance(Duration.ofSeconds(2));

        assertEquals("aa'b", order.toString());
        assertEquals(1, hooks.get());
        assertEquals(0, clock.pendingTasks());
    }
}
