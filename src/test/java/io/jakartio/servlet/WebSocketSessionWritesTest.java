package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import io.jakartio.testing.ManualScheduler;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a native WebSocket writes (a {@link WebSocketSession} over a {@link FakeSink}): at once
 * when the sink is ready, completing on the writing thread; in order through a backlog when it
 * is not; flushed once per burst; the upgrade's 101 flushed at open.
 */
class WebSocketSessionWritesTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final FakeSink sink = new FakeSink();
    private final RecordingWebSocketHandler engine = new RecordingWebSocketHandler();
    private final Completions transport = new Completions();
    private final WebSocketSession session = new WebSocketSession(sink, clock, 1000);

    private void open() {
        sink.attach(session);
        engine.watch(session);
        assertTrue(session.open(engine));
    }

    @AfterEach
    void contracts() {
        sink.assertNoViolations();
        engine.assertNoViolations();
    }

    @Test
    void theUpgradeResponseIsFlushedAtOpenEvenWhenNothingWasWritten() {
        open(); // an upgrade's probe: the engine sends nothing until the client's 2probe

        assertEquals(1, sink.flushes(), "some containers (Grizzly) send the 101 only when flushed");
        assertEquals(List.of(), sink.written());
    }

    @Test
    void aFrameTheSinkTakesCompletesOnTheWritingThread() {
        open();

        session.send(EnginePacket.message("hi"), transport);

        assertEquals(List.of("text:4hi"), sink.written());
        assertEquals(List.of("ok"), transport.results());
        assertEquals(List.of(Thread.currentThread()), transport.threads());
    }

    @Test
    void framesWrittenInABurstAreFlushedOnceWhenTheTransportRanDry() {
        open();

        session.sendText("4a", transport);
        session.sendText("4b", transport);
        session.sendBinary(new byte[3], transport);
        assertEquals(List.of(), sink.flushedFrames(), "nothing flushed while the transport writes");
        session.flush();

        assertEquals(List.of("text:4a", "text:4b", "binary:3"), sink.flushedFrames());
        assertEquals(2, sink.flushes(), "the 101 at open, then one for the burst");
    }

    @Test
    void aFrameTheSinkCannotTakeWaitsAndCompletesOnceWritten() {
        open();
        sink.notReady();

        session.sendText("4a", transport);
        session.flush();
        assertEquals(List.of(), sink.written());
        assertEquals(List.of(), transport.results(), "the transport waits: one frame in flight");
        assertTrue(session.hasBacklog());

        sink.ready();
        session.onWritable();

        assertEquals(List.of("text:4a"), sink.written());
        assertEquals(List.of("ok"), transport.results());
        assertFalse(session.hasBacklog(), "dropped once written: an idle connection keeps no backlog");
        session.flush();
        assertEquals(List.of("text:4a"), sink.flushedFrames());
    }

    @Test
    void controlFramesKeepTheirPlaceBehindTheTransportsFrame() {
        open();
        sink.notReady();

        session.sendText("4a", transport);
        session.receive(FakeSink.clientFrame(0x9, "p".getBytes()), 0, 7); // a ping
        sink.ready();
        session.onWritable();

        assertEquals(List.of("text:4a", "pong:p"), sink.written());
        assertEquals(List.of("ok"), transport.results());
    }

    @Test
    void aPingIsAnsweredAndFlushedAtOnce() {
        open();

        session.receive(FakeSink.clientFrame(0x9, "x".getBytes()), 0, 7);

        assertEquals(List.of("pong:x"), sink.flushedFrames());
    }

    @Test
    void theClientsMessagesReachTheEngineInOrder() {
        open();
        byte[] two = concat(FakeSink.clientText("4one"), FakeSink.clientFrame(0x2, new byte[] {4, 1, 2}));

        session.receive(two, 0, two.length);

        assertEquals(List.of("text:4one", "binary:3"), engine.events());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
