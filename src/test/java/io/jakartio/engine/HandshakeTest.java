package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HandshakeTest {

    private static final Pattern URL_SAFE_SID = Pattern.compile("[A-Za-z0-9_-]{20}");

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    @Test
    void pollingHandshakeAnswersOpenPacketWithTheDefaults() {
        RecordingExchange exchange = engine.request(FakeRequest.pollingGet());

        String sid = EngineHarness.sidOf(exchange.body());
        exchange.assertOk("0{\"sid\":\"" + sid + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertEquals("text/plain; charset=UTF-8", exchange.header("Content-Type"));
        EngineSocket socket = engine.handler.assertOpen();
        assertEquals(sid, socket.id());
        assertSame(socket, engine.server().socket(sid));
        assertEquals(TransportType.POLLING, socket.transport());
        assertTrue(socket.isOpen());
        assertEquals(1, engine.server().clientsCount());
    }

    @Test
    void handshakeReflectsConfiguredTimings() {
        engine.options(EngineOptions.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxHttpBufferSize(1234)
                .build());

        String body = engine.request(FakeRequest.pollingGet()).body();

        assertTrue(body.endsWith("\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1234}"), body);
        engine.handler.assertOpen();
    }

    @Test
    void sidIsTwentyUrlSafeCharactersAndUniqueOverManySessions() {
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String sid = engine.handshake();
            assertTrue(URL_SAFE_SID.matcher(sid).matches(), sid);
            assertTrue(sids.add(sid), "duplicate sid " + sid);
        }
        assertEquals(2_000, engine.server().clientsCount());
    }

    @Test
    void sessionIdsAreTwentyUrlSafeCharacters() {
        SessionIds ids = new SessionIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String sid = ids.next();
            assertTrue(URL_SAFE_SID.matcher(sid).matches(), sid);
            assertTrue(seen.add(sid));
        }
    }

    @Test
    void handlerSeesTheHandshakeRequest() {
        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().header("X-Token", "abc"));

        EngineSocket socket = engine.handler.assertOpen();
        assertEquals("abc", socket.request().header("x-token"));
        assertEquals(200, exchange.status());
    }

    @Test
    void packetsSentInOnOpenFollowTheOpenPacket() {
        engine.handler.whenOpened(socket -> socket.send(List.of(EnginePacket.message("hi")), false));

        RecordingExchange exchange = engine.request(FakeRequest.pollingGet());

        assertTrue(exchange.body().startsWith("0{"), exchange.body());
        assertTrue(exchange.body().endsWith("}\u001e4hi"), exchange.body());
        engine.handler.assertOpen();
    }

    @Test
    void packetsSentInOnOpenFollowTheOpenFrameOnAWebSocket() {
        engine.handler.whenOpened(socket -> socket.send(List.of(EnginePacket.message("hi")), false));

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        List<String> frames = ws.takeFrames();
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(0).startsWith("0{\"sid\":"), frames::toString);
        assertEquals("4hi", frames.get(1));
        engine.handler.assertOpen();
    }

    @Test
    void nothingReachesTheWebSocketBeforeOnOpenReturns() {
        FakeWebSocket ws = new FakeWebSocket(engine.violations);
        List<List<String>> seenInOnOpen = new ArrayList<>();
        engine.handler.whenOpened(socket -> seenInOnOpen.add(ws.takeFrames()));

        engine.webSocket(FakeRequest.webSocket(), ws);

        assertEquals(List.of(List.of()), seenInOnOpen, "the client could answer before the handler is ready");
        assertEquals(1, ws.takeFrames().size());
        engine.handler.assertOpen();
    }

    @Test
    void aSessionThatClosesWhileOnOpenRunsTellsTheHandlerOnceOnOpenReturned() {
        engine.options(EngineOptions.builder().maxBufferedPackets(2).build());
        List<Boolean> closedInsideOnOpen = new ArrayList<>();
        engine.handler.whenOpened(socket -> {
            socket.send(List.of(EnginePacket.message("a"), EnginePacket.message("b")), false); // over the bound with OPEN
            closedInsideOnOpen.add(socket.isOpen());
        });

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        assertEquals(List.of(false), closedInsideOnOpen, "the session closed inside onOpen");
        engine.handler.assertOpen();
        engine.handler.assertClose(CloseReason.TRANSPORT_ERROR);
        assertTrue(ws.isClosed());
    }

    @Test
    void closingInOnOpenStillSendsTheOpenPacketFirst() {
        engine.handler.whenOpened(EngineSocket::close);

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());
        RecordingExchange poll = engine.request(FakeRequest.pollingGet());

        List<String> frames = ws.takeFrames();
        assertEquals(1, frames.size(), frames::toString);
        assertTrue(frames.get(0).startsWith("0{"), frames::toString);
        assertEquals(1000, ws.closeCode());
        assertTrue(poll.body().startsWith("0{"), poll::body);
        assertTrue(poll.body().endsWith("}\u001e1"), poll::body);
        engine.handler.assertOpen();
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
        engine.handler.assertOpen();
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
    }

    @Test
    void webSocketOnlyHandshakeOffersNoUpgrades() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());

        List<String> frames = ws.takeFrames();
        assertEquals(1, frames.size());
        String sid = EngineHarness.sidOf(frames.get(0));
        assertEquals("0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}", frames.get(0));
        EngineSocket socket = engine.handler.assertOpen();
        assertEquals(TransportType.WEBSOCKET, socket.transport());
        assertFalse(ws.isClosed());
    }

    @Test
    void upgradesDisabledAdvertisesNone() {
        engine.options(EngineOptions.builder().allowUpgrades(false).build());

        String body = engine.request(FakeRequest.pollingGet()).body();

        assertTrue(body.contains("\"upgrades\":[],"), body);
        engine.handler.assertOpen();
    }

    @Test
    void webSocketTransportDisabledAdvertisesNoUpgradesAndRefusesWebSockets() {
        engine.options(EngineOptions.builder().transports(Set.of(TransportType.POLLING)).build());

        String body = engine.request(FakeRequest.pollingGet()).body();
        assertTrue(body.contains("\"upgrades\":[],"), body);
        String sid = EngineHarness.sidOf(body);
        engine.handler.assertOpen();

        FakeWebSocket fresh = engine.webSocket(FakeRequest.webSocket());
        assertEquals(1008, fresh.closeCode());
        assertEquals("Transport unknown", fresh.closeReason());
        FakeWebSocket probe = engine.webSocket(FakeRequest.webSocket().sid(sid));
        assertEquals(1008, probe.closeCode());
        fresh.assertFrames();
        probe.assertFrames();
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
    }

    @Test
    void pollingTransportDisabledRefusesPollingHandshake() {
        engine.options(EngineOptions.builder().transports(Set.of(TransportType.WEBSOCKET)).build());

        engine.request(FakeRequest.pollingGet())
                .assertError(400, "{\"code\":0,\"message\":\"Transport unknown\"}");
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void unknownTransportIsCodeZero() {
        engine.request(FakeRequest.pollingGet().query("transport", "carrier-pigeon"))
                .assertError(400, "{\"code\":0,\"message\":\"Transport unknown\"}");
        engine.request(FakeRequest.pollingGet().query("transport", null))
                .assertError(400, "{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @Test
    void webSocketTransportOnThePollingEndpointIsRefused() {
        engine.request(FakeRequest.pollingGet().query("transport", "websocket"))
                .assertError(400, "{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @Test
    void unknownSidIsCodeOne() {
        engine.get("no-such-session").assertError(400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
        engine.post("no-such-session", "4hi").assertError(400, "{\"code\":1,\"message\":\"Session ID unknown\"}");

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().sid("no-such-session"));
        assertEquals(1008, ws.closeCode());
        assertEquals("Session ID unknown", ws.closeReason());
    }

    @Test
    void postHandshakeIsCodeTwo() {
        engine.request(FakeRequest.pollingPost().body("4hi"))
                .assertError(400, "{\"code\":2,\"message\":\"Bad handshake method\"}");
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void badProtocolVersionIsCodeFive() {
        String expected = "{\"code\":5,\"message\":\"Unsupported protocol version\"}";
        engine.request(FakeRequest.pollingGet().query("EIO", "3")).assertError(400, expected);
        engine.request(FakeRequest.pollingGet().query("EIO", null)).assertError(400, expected);
        engine.request(FakeRequest.pollingGet().query("EIO", "abc")).assertError(400, expected);

        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));
        assertEquals(1008, ws.closeCode());
        assertEquals("Unsupported protocol version", ws.closeReason());
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void allowRequestRejectionIsForbiddenWithTheCustomMessage() {
        engine.options(EngineOptions.builder()
                .allowRequest(request -> {
                    if (request.header("X-Api-Key") == null) {
                        throw new RequestRejectedException("missing API key");
                    }
                })
                .build());

        engine.request(FakeRequest.pollingGet())
                .assertError(403, "{\"code\":4,\"message\":\"missing API key\"}");
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket());
        assertEquals(1008, ws.closeCode());
        ws.assertFrames();
        assertEquals(0, engine.server().clientsCount());

        engine.request(FakeRequest.pollingGet().header("X-Api-Key", "k"));
        engine.handler.assertOpen();
    }

    @Test
    void allowRequestIsNotConsultedForRequestsOfAnOpenSession() {
        int[] checks = {0};
        engine.options(EngineOptions.builder().allowRequest(request -> checks[0]++).build());
        String sid = engine.handshake();

        engine.post(sid, "4hello").assertOk("ok");
        engine.handler.assertMessage("hello");
        assertEquals(1, checks[0]);
    }

    @Test
    void unsupportedMethodOnASessionIsABadRequest() {
        String sid = engine.handshake();

        engine.request(FakeRequest.builder("PUT").query("EIO", "4").query("transport", "polling").sid(sid))
                .assertError(400, "{\"code\":3,\"message\":\"Bad request\"}");
    }

    @Test
    void errorBodiesEscapeJson() {
        assertEquals("{\"code\":4,\"message\":\"say \\\"please\\\"\"}",
                EngineServer.errorBody(EngineError.FORBIDDEN, "say \"please\""));
    }

    @Test
    void serverCloseEndsEverySessionAsShuttingDown() {
        String polling = engine.handshake();
        FakeWebSocket ws = engine.webSocketSession();
        EngineSocket webSocketSession = engine.handler.lastOpened();
        RecordingExchange poll = engine.get(polling);

        engine.server().close();

        poll.assertOk("1");
        assertEquals(1000, ws.closeCode());
        assertEquals("server shutting down", ws.closeReason());
        List<RecordingHandler.Event> events = engine.handler.takeAll();
        assertEquals(2, events.size(), events::toString);
        for (RecordingHandler.Event event : events) {
            assertEquals(RecordingHandler.Kind.CLOSE, event.kind());
            assertEquals(CloseReason.SERVER_SHUTTING_DOWN, event.payload());
        }
        assertFalse(webSocketSession.isOpen());
        assertEquals(0, engine.server().clientsCount());
    }
}
