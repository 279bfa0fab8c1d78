package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ConnectionError;
import io.jakartio.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-site WebSocket hijacking, in real containers: a page of another site cannot connect (403
 * before any upgrade where a servlet container serves the handshake; closed at once on standalone
 * Tyrus), the server's own page and the origins the CORS options list can, and so can every
 * client that sends no {@code Origin} (the official Java client, as in all the other tests).
 */
class ForeignOriginTest extends ClientScenarios {

    private static final String EVIL = "https://evil.example";
    private static final String FORBIDDEN = "{\"code\":4,\"message\":\"Origin not allowed\"}";
    private static final String WEBSOCKET_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    private static String sidOf(String open) {
        Matcher matcher = SID.matcher(open);
        assertTrue(matcher.find(), open);
        return matcher.group(1);
    }

    @EverySetup
    void anOfficialClientOnAnotherSitesPageIsRefused(Setup setup) {
        TestClient intruder = clients(setup).create("/", options -> options.extraHeaders = Map.of("Origin", List.of(EVIL)));

        intruder.open();

        if (setup.container() == Setup.Container.TYRUS) {
            // standalone Tyrus accepts the WebSocket before the engine is asked; the engine closes
            // it before the handshake packet, which this client does not report as connect_error
            intruder.connects().none(args -> true, System.nanoTime());
            assertEquals(1008, intruder.closeFrames().next()[0]);
            return;
        }
        intruder.awaitConnectError();
        if (!"websocket".equals(setup.transport()) || setup.upgrades()) {
            assertEquals(403, intruder.httpResponses().next()[1], "the status of the handshake poll");
        }
    }

    @EverySetup
    void anOfficialClientOnTheServersOwnPageConnects(Setup setup) {
        String own = "http://127.0.0.1:" + deployments().port(setup);
        TestClient client = clients(setup).connect("/", options -> options.extraHeaders = Map.of("Origin", List.of(own)));

        assertEquals("still here", client.ackFirst("echo", "still here"));
    }

    @EverySetup
    void anOriginTheCorsOptionsListConnects(Setup setup) {
        TestClient client = clients(setup).connect("/", options -> {
            options.path = Deployments.GUARDED_PATH;
            options.extraHeaders = Map.of("Origin", List.of(Deployments.ALLOWED_ORIGIN));
        });

        assertEquals("allowed", client.ackFirst("echo", "allowed"));
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TYRUS_WEBSOCKET", "TOMCAT_WEBSOCKET", "TOMCAT_JSR356_WEBSOCKET"})
    void aWebSocketHandshakeFromAnotherSiteIsRefusedAndReportedOnce(Setup setup) throws Exception {
        List<ConnectionError> refusals = deployments().guarded(setup).refusals();
        int before = refusals.size();

        try (RawWebSocket ws = RawWebSocket.request(deployments().port(setup), Deployments.GUARDED_PATH
                + "?EIO=4&transport=websocket", WEBSOCKET_HEADERS + "Origin: " + EVIL + "\r\n")) {
            if (setup.container() == Setup.Container.TYRUS) {
                assertTrue(ws.responseHead().startsWith("HTTP/1.1 101"), ws.responseHead());
                RawWebSocket.Frame frame = ws.nextFrame();
                assertEquals(1008, frame.closeCode(), "closed before a single Engine.IO packet");
            } else {
                assertTrue(ws.responseHead().startsWith("HTTP/1.1 403"), ws.responseHead());
                assertTrue(ws.responseHead().toLowerCase().contains("content-type: application/json"), ws.responseHead());
                assertEquals(FORBIDDEN, ws.responseBody());
                assertTrue(!ws.responseHead().toLowerCase().contains("set-cookie"), "no session, no cookie");
            }
        }

        assertEquals(before + 1, refusals.size(), () -> "reported once: " + refusals.subList(before, refusals.size()));
        ConnectionError error = refusals.get(before);
        assertEquals(4, error.code());
        assertEquals(Map.of("name", "ORIGIN_NOT_ALLOWED", "origin", EVIL,
                "expected", "http://127.0.0.1:" + deployments().port(setup)), error.context());
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TOMCAT_POLLING"})
    void aPollingHandshakeFromAnotherSiteIsRefusedWith403(Setup setup) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(deployments().url(setup)
                + "/socket.io/?EIO=4&transport=polling")).header("Origin", EVIL).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, response.statusCode());
        assertEquals(FORBIDDEN, response.body());
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TYRUS_WEBSOCKET", "TOMCAT_WEBSOCKET", "TOMCAT_JSR356_WEBSOCKET"})
    void aWebSocketHandshakeSetsTheSessionCookieNamingTheSessionItOpens(Setup setup) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(deployments().port(setup), Deployments.GUARDED_PATH + "?EIO=4&transport=websocket")) {
            String sid = sidOf(ws.nextText());

            assertTrue(ws.responseHead().contains("Set-Cookie: io=" + sid + "; Path=/; HttpOnly; SameSite=Lax\r\n"),
                    ws.responseHead());
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TOMCAT_POLLING"})
    void aPollingHandshakeSetsTheSessionCookie(Setup setup) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(deployments().url(setup)
                + Deployments.GUARDED_PATH + "?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        String sid = sidOf(response.body());
        assertEquals(List.of("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax"), response.headers().allValues("Set-Cookie"));
    }
}
