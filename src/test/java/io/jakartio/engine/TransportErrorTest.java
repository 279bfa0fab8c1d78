package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The description a session's close comes with ({@link SessionHandler#onClose(CloseReason,
 * TransportError)}): what went wrong for a transport error, in Node's words where it has some;
 * nothing for the other reasons.
 */
class TransportErrorTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    @Test
    void anAbortedPollIsAPollConnectionClosedPrematurely() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        RecordingExchange poll = engine.get(sid);

        poll.abort();

        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        assertEquals("poll connection closed prematurely", engine.handler.description(socket).getMessage());
    }

    @Test
    void anOverlappingPollIsAnOverlapFromClient() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);
        RecordingExchange first = engine.get(sid);

        engine.get(sid);

        first.assertOk("1");
        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        assertEquals("overlap from client", engine.handler.description(socket).getMessage());
    }

    @Test
    void aWebSocketFailureIsDescribedByItsMessageAndKeptAsCause() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());
        EngineSocket socket = engine.handler.assertOpen();
        ws.takeFrames();
        IOException failure = new IOException("Broken pipe");

        ws.fail(failure);

        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        TransportError description = engine.handler.description(socket);
        assertEquals("Broken pipe", description.getMessage());
        assertSame(failure, description.getCause());
    }

    @Test
    void aClientThatFallsTooFarBehindIsDescribedAsSuch() {
        engine.options(EngineOptions.builder().maxBufferedPackets(2).build());
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        engine.send(sid, "1", "2", "3");

        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        assertEquals("more than 2 packets queued (slow client)", engine.handler.description(socket).getMessage());
    }

    @Test
    void otherReasonsComeWithoutDescription() {
        String sid = engine.handshake();
        EngineSocket socket = engine.socket(sid);

        engine.post(sid, "1").assertOk("ok");

        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);
        assertNull(engine.handler.description(socket));
    }
}
