package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node's {@code connection_error}, {@code initial_headers} and {@code headers} events, as {@link EngineListener}. */
class EngineListenerTest {

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    private RecordingListener listen() {
        return listen(new RecordingListener());
    }

    private RecordingListener listen(RecordingListener listener) {
        engine.server().addListener(listener);
        return listener;
    }

    @Test
    void aPollingHandshakeAsksForInitialHeadersThenHeadersAndSendsWhatTheyAdd() {
        RecordingListener listener = listen(new RecordingListener(Map.of("X-Initial", "1"), Map.of("X-Every", "2")));

        RecordingExchange handshake = engine.request(FakeRequest.pollingGet());

        engine.handler.assertOpen();
        assertEquals(List.of("initial_headers polling", "headers polling"), listener.takeCalls());
        assertEquals("1", handshake.header("X-Initial"));
        assertEquals("2", handshake.header("X-Every"));
        assertEquals("text/plain; charset=UTF-8", handshake.header("Content-Type"));
    }

    @Test
    void laterPollsAndPostsAskForHeadersOnly() {
        String sid = engine.handshake();
        RecordingListener listener = listen(new RecordingListener(Map.of("X-Initial", "1"), Map.of("X-Every", "2")));

        RecordingExchange post = engine.post(sid, "4hi");
        RecordingExchange poll = engine.get(sid);
        engine.send(sid, "back");

        engine.handler.assertMessage("hi");
        poll.assertOk("4back");
        assertEquals(List.of("headers polling", "headers polling"), listener.takeCalls());
        for (RecordingExchange exchange : List.of(post, poll)) {
            assertEquals("2", exchange.header("X-Every"));
            assertNull(exchange.header("X-Initial"));
        }
    }

    @Test
    void aWebSocketHandshakeOfANewSessionGetsInitialHeadersAndHeadersOnItsSwitchingProtocols() {
        RecordingListener listener = listen(new RecordingListener(Map.of("X-Initial", "1"), Map.of("X-Every", "2")));

        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket());

        WebSocketHandshake.Accepted accepted = assertInstanceOf(WebSocketHandshake.Accepted.class, handshake);
        assertEquals(Map.of("X-Initial", "1", "X-Every", "2"), accepted.headers());
        assertEquals(List.of("initial_headers websocket", "headers websocket"), listener.takeCalls());
    }

    @Test
    void anUpgradesWebSocketGetsHeadersOnly() {
        String sid = engine.handshake();
        RecordingListener listener = listen(new RecordingListener(Map.of("X-Initial", "1"), Map.of("X-Every", "2")));

        WebSocketHandshake handshake = engine.handshakeWebSocket(FakeRequest.webSocket().sid(sid));

        assertEquals(Map.of("X-Every", "2"), assertInstanceOf(WebSocketHandshake.Accepted.class, handshake).headers());
        assertEquals(List.of("headers websocket"), listener.takeCalls());
    }

    @Test
    void aRefusedRequestIsAConnectionErrorWithNoHeaders() {
        RecordingListener listener = listen();
        FakeRequest request = FakeRequest.pollingGet().sid("gone").build();

        engine.request(request).assertError(400, "{\"code\":1,\"message\":\"Session ID unknown\"}");

        ConnectionError error = listener.assertOneError(1);
        assertEquals("Session ID unknown", error.message());
        assertSame(request, error.request());
        assertEquals(Map.of("sid", "gone"), error.context());
        assertEquals(400, error.httpStatus());
        assertEquals(List.of(), listener.takeCalls());
    }

    @Test
    void everyKindOfRefusedHandshakeIsReportedWithNodesCodeAndContext() {
        engine.options(EngineOptions.builder()
                .allowRequest(request -> {
                    if (request.header("X-Token") == null) {
                        throw new RequestRejectedException("token required");
                    }
                })
                .build());
        RecordingListener listener = listen();

        engine.request(FakeRequest.pollingGet().query("transport", "carrier-pigeon"));
        assertEquals(Map.of("transport", "carrier-pigeon"), listener.assertOneError(0).context());

        engine.request(FakeRequest.pollingPost().header("X-Token", "t"));
        assertEquals(Map.of("method", "POST"), listener.assertOneError(2).context());

        engine.request(FakeRequest.pollingGet().query("EIO", "3").header("X-Token", "t"));
        assertEquals(Map.of("protocol", "3"), listener.assertOneError(5).context());

        engine.request(FakeRequest.pollingGet());
        ConnectionError forbidden = listener.assertOneError(4);
        assertEquals("token required", forbidden.message());
        assertEquals(Map.of("message", "token required"), forbidden.context());
        assertEquals(403, forbidden.httpStatus());

        engine.request(FakeRequest.pollingGet().header("Origin", "https://evil.example").header("X-Token", "t"));
        assertEquals(Map.of("name", "ORIGIN_NOT_ALLOWED", "origin", "https://evil.example"),
                listener.assertOneError(4).context());

        assertInstanceOf(WebSocketHandshake.Refused.class, engine.handshakeWebSocket(FakeRequest.webSocket()));
        assertEquals("token required", listener.assertOneError(4).message());

        engine.webSocket(FakeRequest.webSocket().sid("gone"));
        assertEquals(Map.of("sid", "gone"), listener.assertOneError(1).context());
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRequestNorTheOtherListeners() {
        engine.server().addListener(new EngineListener() {
            @Override
            public void onHeaders(Map<String, String> headers, EngineRequest request) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onConnectionError(ConnectionError error) {
                throw new IllegalStateException("listener bug");
            }
        });
        RecordingListener second = listen(new RecordingListener(Map.of(), Map.of("X-Second", "yes")));

        RecordingExchange handshake = engine.request(FakeRequest.pollingGet());
        engine.request(FakeRequest.pollingGet().sid("gone"));

        engine.handler.assertOpen();
        assertEquals(200, handshake.status());
        assertEquals("yes", handshake.header("X-Second"));
        second.assertOneError(1);
    }

    @Test
    void aRemovedListenerIsNoLongerCalled() {
        RecordingListener listener = listen();
        engine.server().removeListener(listener);

        engine.request(FakeRequest.pollingGet().sid("gone"));

        listener.assertNoErrors();
        assertEquals(List.of(), listener.takeCalls());
    }
}
