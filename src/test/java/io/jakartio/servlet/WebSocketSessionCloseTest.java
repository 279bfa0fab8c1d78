package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.servlet.WebSocketSession.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The close handshake of a native WebSocket both ways (RFC 6455 section 7), and its timeout on
 * the manual clock: a {@link WebSocketSession} over a {@link FakeSink}.
 */
class WebSocketSessionCloseTest extends OpenWebSocketSession {

    private static final Duration JUST_BEFORE_THE_TIMEOUT = WebSocketSession.CLOSE_TIMEOUT.minusMillis(1);

    WebSocketSessionCloseTest() {
        super(10);
    }

    @Test
    void theEnginesCloseSendsACloseFrameAndRefusesTheTransportsLaterFrames() {
        session.close(1000, "forced close");

        assertEquals(List.of("close:1000:forced close"), sink.flushedFrames());
        assertEquals(State.CLOSE_SENT, session.state());
        session.sendText("4late", transport);
        assertEquals(List.of("ClosedChannelException"), transport.results());
        assertEquals(List.of("close:1000:forced close"), sink.written());
        assertFalse(sink.dropped(), "the peer's close frame is awaited");
    }

    @Test
    void thePeersAnswerDropsTheConnectionAndTheEngineHearsItOnce() {
        session.close(1000, "forced close");

        receive(FakeSink.clientClose(1000));

        assertTrue(sink.dropped());
        assertEquals(State.CLOSED, session.state());
        assertEquals(List.of("close"), engine.events());
        clock.advance(WebSocketSession.CLOSE_TIMEOUT);
        assertEquals(List.of("close"), engine.events(), "the timeout finds it closed");
    }

    @Test
    void theEnginesCloseTimeoutReplacesTheFiveSeconds() {
        FakeSink other = new FakeSink();
        RecordingWebSocketHandler told = new RecordingWebSocketHandler();
        WebSocketSession quick = new WebSocketSession(other, clock, 10, null, Duration.ofSeconds(1));
        other.attach(quick);
        assertTrue(quick.open(told));
        quick.close(1000, "forced close");

        clock.advance(Duration.ofMillis(999));
        assertFalse(other.dropped());
        clock.advanceMillis(1);
        assertTrue(other.dropped(), "dropped after the engine's closeTimeout");
        assertEquals(List.of("close"), told.events());
    }

    @Test
    void withoutAnAnswerTheConnectionDropsAfterTheCloseTimeoutOfFiveSeconds() {
        session.close(1000, "forced close");

        clock.advance(JUST_BEFORE_THE_TIMEOUT);
        assertFalse(sink.dropped());
        clock.advanceMillis(1);

        assertEquals(Duration.ofSeconds(5), WebSocketSession.CLOSE_TIMEOUT);
        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void thePeersCloseIsEchoedWithItsCodeAndTheConnectionDropsOnceFlushed() {
        receive(FakeSink.clientClose(1001));

        assertEquals(List.of("close:1001:"), sink.flushedFrames());
        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aCloseFrameWithoutStatusIsAnsweredWith1000() {
        receive(FakeSink.clientFrame(0x8, new byte[0]));

        assertEquals(List.of("close:1000:"), sink.flushedFrames());
    }

    @Test
    void anEchoTheSinkTakesLaterDropsTheConnectionOnceFlushed() {
        sink.notReady();
        receive(FakeSink.clientClose(1000));
        assertEquals(State.CLOSING, session.state());
        assertFalse(sink.dropped());

        sink.ready();
        session.onWritable();

        assertEquals(List.of("close:1000:"), sink.flushedFrames());
        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void anEchoThatNeverLeavesDropsTheConnectionAfterTheCloseTimeout() {
        sink.notReady(); // a peer that closed and stopped reading

        receive(FakeSink.clientClose(1000));
        clock.advance(JUST_BEFORE_THE_TIMEOUT);
        assertFalse(sink.dropped());
        clock.advanceMillis(1);

        assertTrue(sink.dropped());
        assertEquals(List.of(), sink.written());
        assertEquals(List.of("close"), engine.events());
    }

    @Test
    void aProtocolErrorIsAnsweredWithItsCloseCodeAndTheEngineHearsOfItFirst() {
        byte[] unmasked = {(byte) 0x81, 0x02, '4', 'x'};

        receive(unmasked);

        assertEquals(List.of("close:1002:client frames must be masked"), sink.flushedFrames());
        assertTrue(sink.dropped());
        assertEquals(List.of("error:IOException", "close"), engine.events());
    }

    @Test
    void aMessageOverTheLimitIsClosedWith1009AndNoReasonAndIsTheEnginesPayloadTooLarge() {
        receive(FakeSink.clientText("4" + "x".repeat(10))); // 11 bytes, the limit is 10

        assertEquals(List.of("close:1009:"), sink.flushedFrames());
        assertEquals(List.of("error:PayloadTooLargeException", "close"), engine.events());
    }

    @Test
    void theEndOfTheInputDropsTheConnectionAndTheEngineHearsAClose() {
        session.terminate();
        session.terminate();

        assertTrue(sink.dropped());
        assertEquals(List.of("close"), engine.events());
        assertFalse(session.wantsInput());
    }

    @Test
    void aSessionThatClosedWhileTheEngineOpenedItTellsTheEngineAtOpen() {
        WebSocketSession opening = new WebSocketSession(sink, clock, 10);
        RecordingWebSocketHandler late = new RecordingWebSocketHandler();
        opening.terminate(); // the container destroyed it while the engine was opening it

        assertFalse(opening.open(late));

        assertEquals(List.of("close"), late.events());
    }

    @Test
    void afterTheDropNothingMoreIsWritten() {
        session.terminate();

        session.sendText("4late", transport);
        receive(FakeSink.clientFrame(0x9, new byte[0]));
        session.onWritable();
        session.flush();
        session.close(1000, "forced close");

        assertEquals(List.of("ClosedChannelException"), transport.results());
        assertEquals(List.of(), sink.written());
        assertEquals(1, sink.flushes(), "only the 101's");
    }
}
