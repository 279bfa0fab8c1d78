package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node's {@code generateId}: the application's session ids, checked before they are used. */
class GenerateIdTest {

    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();
    private final List<EngineRequest> asked = new ArrayList<>();

    private void generate(SessionIdGenerator generator) {
        engine.options(EngineOptions.builder().generateId(request -> {
            asked.add(request);
            return generator.generate(request);
        }).build());
        engine.server().addListener(listener);
    }

    @Test
    void aPollingHandshakeGetsTheGeneratedIdFromItsOwnRequest() {
        generate(request -> "node1-" + request.query("user"));

        String sid = engine.handshake(FakeRequest.pollingGet().query("user", "ada"));

        assertEquals("node1-ada", sid);
        assertEquals("ada", asked.get(0).query("user"));
        assertSame(engine.socket("node1-ada"), engine.server().socket(sid));
    }

    @Test
    void aWebSocketOnlySessionAndAHandshakeCheckedBeforeTheUpgradeGetItToo() {
        AtomicInteger next = new AtomicInteger();
        generate(request -> "ws." + next.incrementAndGet());

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());
        WebSocketHandshake checked = engine.handshakeWebSocket(FakeRequest.webSocket());

        assertEquals("ws.1", EngineHarness.sidOf(ws.takeFrames().get(0)));
        assertEquals("ws.1", engine.handler.assertOpen().id());
        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class, checked);
        FakeWebSocket opened = new FakeWebSocket(engine.violations);
        opened.bind(engine.server().openVerifiedWebSocket(accepted.request(), opened));
        assertEquals("ws.2", EngineHarness.sidOf(opened.takeFrames().get(0)));
        assertEquals("ws.2", engine.handler.assertOpen().id());
        assertEquals(2, asked.size(), "the id is made once, when the handshake is checked");
    }

    @Test
    void theUpgradeOfASessionAsksForNoNewId() {
        generate(request -> "only-" + asked.size());
        String sid = engine.handshake();

        engine.upgrade(sid);

        assertEquals("only-1", sid);
        assertEquals(1, asked.size());
    }

    @Test
    void aGeneratorThatThrowsRefusesTheHandshakeAsNodeDoes() {
        IllegalStateException failure = new IllegalStateException("no more ids");
        generate(request -> {
            throw failure;
        });

        RecordingExchange polling = engine.request(FakeRequest.pollingGet());
        WebSocketHandshake checked = engine.handshakeWebSocket(FakeRequest.webSocket());
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        polling.assertError(400, BAD_REQUEST);
        assertInstanceOf(WebSocketHandshake.Refused.class, checked);
        assertEquals(1008, ws.closeCode());
        assertEquals(3, listener.errors.size());
        for (ConnectionError error : listener.errors) {
            assertEquals(3, error.code());
            assertEquals("ID_GENERATION_ERROR", error.context().get("name"));
            assertSame(failure, error.context().get("error"));
        }
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void anIdThatIsNullEmptyTooLongOrNeedsEscapingIsRefused() {
        List<String> ids = new ArrayList<>(List.of("", "a b", "a/b", "sid\"", "é", "x".repeat(129)));
        ids.add(null);
        generate(request -> ids.get(asked.size() - 1));

        for (int i = 0; i < ids.size(); i++) {
            engine.request(FakeRequest.pollingGet()).assertError(400, BAD_REQUEST);
        }

        assertEquals(ids.size(), listener.errors.size());
        assertEquals("unusable id: \"a b\"", listener.errors.get(1).context().get("error"));
        assertEquals("unusable id: null", listener.errors.get(ids.size() - 1).context().get("error"));
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void theLongestUsableIdUsesEveryAllowedCharacter() {
        String id = "AZaz09-_.~" + "x".repeat(118);
        generate(request -> id);

        assertEquals(id, engine.handshake());
    }

    @Test
    void anIdAlreadyInUseIsRefusedAndTheOpenSessionKeepsIt() {
        generate(request -> "same");
        String sid = engine.handshake();

        engine.request(FakeRequest.pollingGet()).assertError(400, BAD_REQUEST);
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        assertEquals(1008, ws.closeCode());
        assertEquals(2, listener.errors.size());
        assertEquals("id already in use", listener.errors.get(0).context().get("error"));
        assertEquals(sid, listener.errors.get(0).context().get("sid"));
        assertEquals(1, engine.server().clientsCount());
        engine.socket(sid).close();
        engine.get(sid); // the CLOSE the session queued
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
    }

    @Test
    void withoutAGeneratorIdsAreRandom() {
        engine.server().addListener(listener);

        String first = engine.handshake();
        String second = engine.handshake();

        assertEquals(20, first.length());
        assertNull(listener.errors.isEmpty() ? null : listener.errors);
        assertEquals(2, engine.server().clientsCount(), first + " " + second);
    }
}
