package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Someone who learnt the {@code sid} of a session on WebSocket (opened directly, or upgraded)
 * presents it on another WebSocket, a poll or a POST: refused — a poll or a POST with HTTP 400,
 * a WebSocket closed (1008) as soon as it opens, as Node does — and the official Java client
 * owning the session keeps exchanging messages and acks, none lost or doubled.
 */
class SessionTakeoverTest extends ClientScenarios {

    static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";
    private static final String WEBSOCKET_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private final HttpClient http = HttpClient.newHttpClient();

    /** A second WebSocket with {@code sid}: asserts how it was refused. */
    private void intrudeWebSocket(Setup setup, String sid) throws Exception {
        try (RawWebSocket intruder = RawWebSocket.request(deployments().port(setup),
                "/socket.io/?EIO=4&transport=websocket&sid=" + sid, WEBSOCKET_HEADERS)) {
            // upgraded, then closed before a single Engine.IO packet, as Node does (the protocol suite expects it)
            assertTrue(intruder.responseHead().startsWith("HTTP/1.1 101"), intruder.responseHead());
            try {
                intruder.sendText("2probe"); // an upgrade's probe and its completion, ignored
                intruder.sendText("5");
            } catch (java.io.IOException closedAlready) {
                // the server may have closed the connection before these frames went out
            }
            RawWebSocket.Frame frame = intruder.nextFrame();
            assertEquals(0x8, frame.opcode(), "a close frame, not " + frame.text());
            assertEquals(1008, frame.closeCode());
        }
    }

    /** A poll and a POST with {@code sid}: both refused with 400. */
    private void intrudePolling(Setup setup, String sid) throws Exception {
        URI uri = URI.create(deployments().url(setup) + "/socket.io/?EIO=4&transport=polling&sid=" + sid);
        HttpResponse<String> poll = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("42[\"echo\",\"forged\"]")).build(), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> response : List.of(poll, post)) {
            assertEquals(400, response.statusCode(), response.body());
            assertEquals(BAD_REQUEST, response.body());
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = "TOMCAT_POLLING", mode = EnumSource.Mode.EXCLUDE)
    void aSecondWebSocketWithTheIdOfASessionOnWebSocketIsRefusedAndTheSessionLosesNothing(Setup setup) throws Exception {
        TestClient victim = clients(setup).connect();
        String sid = victim.engine().id();
        Witness witness = new Witness(victim);
        witness.exchange(10);

        intrudeWebSocket(setup, sid);
        witness.exchange(10);

        witness.assertNothingLostOrDuplicated();
        assertEquals(sid, victim.engine().id(), "the same session");
        assertEquals("websocket", victim.ackFirst("transport"));
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = {"TOMCAT_WEBSOCKET", "TOMCAT_DEFAULT", "TOMCAT_JSR356_WEBSOCKET", "TOMCAT_JSR356_DEFAULT"})
    void pollsAndPostsWithTheIdOfASessionOnWebSocketAreRefusedAndTheSessionLosesNothing(Setup setup) throws Exception {
        TestClient victim = clients(setup).connect();
        String sid = victim.engine().id();
        Witness witness = new Witness(victim);
        witness.exchange(10);

        intrudePolling(setup, sid);
        witness.exchange(10);

        witness.assertNothingLostOrDuplicated();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Setup.class, names = "TOMCAT_POLLING", mode = EnumSource.Mode.EXCLUDE)
    void intrudersKnockingAllTheWhileDisturbNothing(Setup setup) throws Exception {
        TestClient victim = clients(setup).connect();
        String sid = victim.engine().id();
        Witness witness = new Witness(victim);
        List<Throwable> failures = new ArrayList<>();
        CompletableFuture<Void> knocking = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                try {
                    intrudeWebSocket(setup, sid);
                    if (setup.container() != Setup.Container.TYRUS) {
                        intrudePolling(setup, sid);
                    }
                } catch (Exception | AssertionError e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }
        });

        witness.exchange(100);
        knocking.get(60, TimeUnit.SECONDS);

        assertEquals(List.of(), failures, "every intrusion was refused");
        witness.assertNothingLostOrDuplicated();
    }
}
