package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine.IO v3 sessions (allowEIO3) on both transports: the handshake, {@code <length>:<packet>}
 * payloads, binary data as bytes or in base64 ({@code b64}), binary POSTs, WebSocket binary
 * frames led by the type byte, and the upgrade with its probes.
 */
class Eio3TransportsTest {

    private static final Pattern OPEN = Pattern.compile("^(\\d+):(0\\{\"sid\":\"([^\"]+)\".*\\})$");
    private static final byte[] ONE_TWO_THREE = {1, 2, 3};

    @RegisterExtension
    final EngineHarness engine = new EngineHarness().options(EngineOptions.builder().allowEIO3(true).build());

    /** A v3 polling handshake; {@code b64} is the value of that parameter, or empty for none. */
    static String handshake(EngineHarness engine, String b64) {
        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().query("EIO", "3")
                .query("b64", b64.isEmpty() ? null : b64));
        assertEquals(200, exchange.status(), exchange::body);
        Matcher open = OPEN.matcher(exchange.body());
        assertTrue(open.matches(), exchange.body());
        assertEquals(Integer.parseInt(open.group(1)), open.group(2).length(), "the length counts the OPEN packet");
        EngineSocket socket = engine.handler.assertOpen();
        assertEquals(open.group(3), socket.id());
        assertEquals(3, socket.protocol());
        return socket.id();
    }

    private RecordingExchange get(String sid) {
        return engine.request(FakeRequest.pollingGet().query("EIO", "3").sid(sid));
    }

    private RecordingExchange post(String sid, byte[] body, String contentType) {
        FakeRequest.Builder request = FakeRequest.pollingPost().query("EIO", "3").sid(sid).body(body);
        return engine.request(contentType == null ? request : request.header("Content-Type", contentType));
    }

    private void sendHelloAndBytes(String sid) {
        engine.socket(sid).send(List.of(EnginePacket.message("hello"), EnginePacket.binary(ONE_TWO_THREE)), false);
    }

    // ---- the handshake ----

    @Test
    void theHandshakeIsTheV4OpenPacketInAV3Payload() {
        RecordingExchange exchange = engine.request(FakeRequest.pollingGet().query("EIO", "3"));

        String body = exchange.body();
        String open = body.substring(body.indexOf(':') + 1);
        assertEquals(body.substring(0, body.indexOf(':')), Integer.toString(open.length()));
        assertTrue(open.matches("0\\{\"sid\":\"[^\"]+\",\"upgrades\":\\[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}"), open);
        engine.handler.assertOpen();
    }

    @Test
    void withoutAllowEio3AV3ClientIsRefusedAsBefore() {
        engine.options(EngineOptions.defaults());
        String expected = "{\"code\":5,\"message\":\"Unsupported protocol version\"}";

        engine.request(FakeRequest.pollingGet().query("EIO", "3")).assertError(400, expected);
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));

        assertEquals(1008, ws.closeCode());
        assertEquals(0, engine.server().clientsCount());
    }

    @Test
    void withAllowEio3OtherVersionsAreStillRefused() {
        String expected = "{\"code\":5,\"message\":\"Unsupported protocol version\"}";

        engine.request(FakeRequest.pollingGet().query("EIO", "2")).assertError(400, expected);
        engine.request(FakeRequest.pollingGet().query("EIO", null)).assertError(400, expected);
    }

    // ---- polling ----

    @Test
    void aPollWithB64GetsBinaryDataInBase64InATextPayload() {
        String sid = handshake(engine, "1");
        sendHelloAndBytes(sid);

        RecordingExchange poll = get(sid);

        poll.assertOk("6:4hello6:b4AQID");
        assertEquals("text/plain; charset=UTF-8", poll.header("Content-Type"));
    }

    @Test
    void aPollWithoutB64GetsBinaryDataInABinaryPayload() {
        String sid = handshake(engine, "");
        sendHelloAndBytes(sid);

        RecordingExchange poll = get(sid);

        assertEquals(200, poll.status());
        assertEquals("application/octet-stream", poll.header("Content-Type"));
        assertArrayEquals(new byte[] {0, 6, (byte) 255, '4', 'h', 'e', 'l', 'l', 'o', 1, 4, (byte) 255, 4, 1, 2, 3},
                poll.response().body());
    }

    @Test
    void anEmptyB64IsNoB64AsInJavaScript() {
        RecordingExchange open = engine.request(FakeRequest.pollingGet().query("EIO", "3").query("b64", ""));
        String sid = engine.handler.assertOpen().id();
        assertTrue(open.body().contains(sid));
        sendHelloAndBytes(sid);

        assertEquals("application/octet-stream", get(sid).header("Content-Type"));
    }

    @Test
    void aPollWithoutBinaryDataIsATextPayloadEvenWithoutB64() {
        String sid = handshake(engine, "");
        engine.send(sid, "a", "€😀");

        get(sid).assertOk("2:4a4:4€😀");
    }

    @Test
    void aTextPostMayCarrySeveralPacketsAndBase64() {
        String sid = handshake(engine, "1");

        post(sid, "6:4hello6:b4AQID".getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8").assertOk("ok");

        engine.handler.assertMessage("hello");
        engine.handler.assertBinary(ONE_TWO_THREE);
    }

    @Test
    void aBinaryPostIsABinaryPayload() {
        String sid = handshake(engine, "");

        post(sid, new byte[] {0, 2, (byte) 255, '4', 'a', 1, 4, (byte) 255, 4, 1, 2, 3}, "application/octet-stream")
                .assertOk("ok");

        engine.handler.assertMessage("a");
        engine.handler.assertBinary(ONE_TWO_THREE);
    }

    @Test
    void aMalformedPayloadIsABadRequestAndAParseError() {
        String sid = handshake(engine, "");

        post(sid, "9:4a".getBytes(StandardCharsets.UTF_8), null)
                .assertError(400, "{\"code\":3,\"message\":\"Bad request\"}");

        engine.handler.assertClose(CloseReason.PARSE_ERROR);
    }

    @Test
    void aPollRacingTheClientsCloseGetsAV3Noop() {
        String sid = handshake(engine, "");

        post(sid, "1:1".getBytes(StandardCharsets.UTF_8), null).assertOk("ok");
        engine.handler.assertClose(CloseReason.TRANSPORT_CLOSE);

        get(sid).assertOk("1:6");
    }

    @Test
    void aServerCloseReachesThePendingPollAsAV3Payload() {
        String sid = handshake(engine, "");
        RecordingExchange poll = get(sid);

        engine.socket(sid).close();

        poll.assertOk("1:1");
        engine.handler.assertClose(CloseReason.FORCED_CLOSE);
    }

    // ---- WebSocket ----

    @Test
    void binaryDataLeavesAsABinaryFrameLedByTheMessageType() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));
        ws.takeFrames();
        EngineSocket socket = engine.handler.assertOpen();

        socket.send(List.of(EnginePacket.message("2[\"x\"]"), EnginePacket.binary(ONE_TWO_THREE)), false);

        ws.assertFrames("42[\"x\"]", "binary:BAECAw=="); // 04 01 02 03
    }

    @Test
    void withB64BinaryDataLeavesAsBase64Text() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3").query("b64", "1"));
        ws.takeFrames();
        EngineSocket socket = engine.handler.assertOpen();

        socket.send(List.of(EnginePacket.binary(ONE_TWO_THREE)), false);

        ws.assertFrames("b4AQID");
    }

    @Test
    void binaryFramesAndBase64TextFromTheClientAreMessages() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));
        ws.takeFrames();
        engine.handler.assertOpen();

        ws.receiveBinary(new byte[] {4, 1, 2, 3});
        ws.receive("b4AQID");
        ws.receive("4text");

        engine.handler.assertBinary(ONE_TWO_THREE);
        engine.handler.assertBinary(ONE_TWO_THREE);
        engine.handler.assertMessage("text");
    }

    @Test
    void aBinaryFrameThatIsNotAMessageIsAParseError() {
        FakeWebSocket ws = engine.webSocket(FakeRequest.webSocket().query("EIO", "3"));
        ws.takeFrames();
        engine.handler.assertOpen();

        ws.receiveBinary(new byte[] {2, 1});

        engine.handler.assertClose(CloseReason.PARSE_ERROR);
    }

    // ---- upgrade ----

    @Test
    void aV3SessionUpgradesWithProbesAndItsNoopIsAV3Payload() {
        String sid = handshake(engine, "1"); // polling in base64; the WebSocket reads bytes
        RecordingExchange poll = get(sid);
        FakeWebSocket probe = engine.webSocket(FakeRequest.webSocket().query("EIO", "3").sid(sid));

        probe.receive("2probe");

        probe.assertFrames("3probe");
        engine.scheduler.advance(Upgrade.RELEASE_DELAY); // the NOOP comes with the upgrade check, as the reference server's
        poll.assertOk("1:6");
        probe.receive("5");
        assertEquals(TransportType.WEBSOCKET, engine.socket(sid).transport());
        sendHelloAndBytes(sid);
        probe.assertFrames("4hello", "binary:BAECAw==");
        probe.receive("2");
        probe.assertFrames("3");
    }

    @Test
    void aV4WebSocketCannotUpgradeAV3Session() {
        String sid = handshake(engine, "");

        FakeWebSocket probe = engine.webSocket(FakeRequest.webSocket().sid(sid));

        assertEquals(1008, probe.closeCode());
        assertEquals(TransportType.POLLING, engine.socket(sid).transport());
        assertFalse(engine.socket(sid).isUpgradingOrUpgraded());
    }
}
