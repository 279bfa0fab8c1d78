package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jakartio.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The fakes the engine tests rely on catch what they promise to catch. */
class TestFakesTest {

    @Test
    void manualSchedulerRunsDueTasksInTimeOrderAtTheirOwnTime() {
        ManualScheduler scheduler = new ManualScheduler();
        List<String> log = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(30), () -> log.add("c@" + scheduler.now().toMillis()));
        scheduler.schedule(Duration.ofMillis(10), () -> log.add("a@" + scheduler.now().toMillis()));
        scheduler.schedule(Duration.ofMillis(10), () -> log.add("b@" + scheduler.now().toMillis()));
        scheduler.schedule(Duration.ofMillis(31), () -> log.add("late"));

        scheduler.advance(Duration.ofMillis(30));

        assertEquals(List.of("a@10", "b@10", "c@30"), log);
        assertEquals(Duration.ofMillis(30), scheduler.now());
        assertEquals(List.of(Duration.ofMillis(1)), scheduler.pendingDelays());
    }

    @Test
    void manualSchedulerRunsTasksScheduledWhileAdvancingThatFallDueInTheWindow() {
        ManualScheduler scheduler = new ManualScheduler();
        List<Long> ticks = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            ticks.add(scheduler.now().toMillis());
            scheduler.schedule(Duration.ofMillis(100), tick[0]);
        };
        scheduler.schedule(Duration.ofMillis(100), tick[0]);

        scheduler.advance(Duration.ofMillis(350));

        assertEquals(List.of(100L, 200L, 300L), ticks);
        assertEquals(1, scheduler.pendingTasks());
    }

    @Test
    void manualSchedulerSkipsCancelledTasks() {
        ManualScheduler scheduler = new ManualScheduler();
        List<String> log = new ArrayList<>();
        Scheduler.Cancellable first = scheduler.schedule(Duration.ofMillis(5), () -> log.add("first"));
        scheduler.schedule(Duration.ofMillis(5), () -> log.add("second"));

        first.cancel();
        first.cancel();
        scheduler.advance(Duration.ofSeconds(1));

        assertEquals(List.of("second"), log);
        assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void fakeRequestRefusesBodiesOverTheLimit() throws Exception {
        FakeRequest request = FakeRequest.pollingPost().body("12345").header("X-Name", "v").build();

        assertArrayEquals("12345".getBytes(), request.body(5));
        assertThrows(PayloadTooLargeException.class, () -> request.body(4));
        assertEquals("v", request.header("x-name"));
        assertEquals("4", request.query("EIO"));
        assertEquals("/engine.io/?EIO=4&transport=polling", request.url());
    }

    @Test
    void recordingExchangeFailsOnASecondResponse() {
        List<String> violations = new ArrayList<>();
        RecordingExchange exchange = new RecordingExchange("GET", violations);
        exchange.respond(HttpResponse.text(200, "text/plain", "6", java.util.Map.of()));

        assertThrows(AssertionError.class,
                () -> exchange.respond(HttpResponse.text(200, "text/plain", "1", java.util.Map.of())));
        assertEquals(1, violations.size());
        exchange.assertOk("6");
    }

    @Test
    void recordingExchangeRunsItsAbortCallbackOnlyBeforeTheResponse() {
        int[] aborts = {0};
        RecordingExchange answered = new RecordingExchange("answered");
        answered.onAbort(() -> aborts[0]++);
        answered.respond(HttpResponse.text(200, "text/plain", "ok", java.util.Map.of()));
        answered.abort();
        RecordingExchange pending = new RecordingExchange("pending");
        pending.onAbort(() -> aborts[0]++);
        pending.abort();
        pending.abort();

        assertEquals(1, aborts[0]);
    }

    @Test
    void fakeWebSocketFailsOnASendStartedBeforeThePreviousCompleted() {
        List<String> violations = new ArrayList<>();
        FakeWebSocket ws = new FakeWebSocket(violations).holdSends();
        Consumer<Throwable> ignore = error -> { };
        ws.sendText("4a", ignore);

        assertThrows(AssertionError.class, () -> ws.sendText("4b", ignore));
        assertEquals(1, violations.size());
        ws.completeNext();
        ws.sendBinary(new byte[] {1}, ignore);
        ws.assertFrames("4a", "binary:AQ==");
    }

    @Test
    void recordingHandlerFailsOnUnassertedEvents() {
        List<String> violations = new ArrayList<>();
        RecordingHandler handler = new RecordingHandler(violations);
        EngineServer server = new EngineServer(EngineOptions.defaults(), new ManualScheduler(), handler);
        server.openWebSocket(FakeRequest.webSocket().build(), new FakeWebSocket(violations));

        assertThrows(AssertionError.class, handler::assertNoMoreEvents);
        handler.assertNoMoreEvents(); // the failure consumed them
    }

    @Test
    void recordingHandlerReportsMessagesAfterClose() {
        List<String> violations = new ArrayList<>();
        RecordingHandler handler = new RecordingHandler(violations);
        EngineServer server = new EngineServer(EngineOptions.defaults(), new ManualScheduler(), handler);
        server.openWebSocket(FakeRequest.webSocket().build(), new FakeWebSocket(violations));
        EngineSocket socket = handler.assertOpen();

        SessionHandler session = handler.sessionHandler(socket);
        session.onClose(CloseReason.FORCED_CLOSE);
        session.onMessage("late");
        session.onClose(CloseReason.FORCED_CLOSE);

        assertEquals(2, violations.size(), violations::toString);
        handler.takeAll();
    }
}
