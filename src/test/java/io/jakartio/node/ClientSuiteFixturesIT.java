package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fixture modes of the official client suites ({@code src/test/fixtures/run sio-client PORT}
 * and {@code run eio-client PORT}, src/test/node/README.md "Official client suites") start as a
 * user starts them and serve one thing each suite relies on: engine.io-client's handshake sets
 * its four cookies as four {@code Set-Cookie} headers, with pingInterval 500 and maxPayload 100,
 * and refuses a {@code deny} handshake; socket.io-client's server has pingInterval 2000 and
 * refuses the namespace {@code /no} with "Auth failed (custom namespace)".
 */
class ClientSuiteFixturesIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEngineIoClientFixtureSetsTheSuitesFourCookiesAndRefusesADeniedHandshake() throws Exception {
        try (FixtureProcess fixture = start("eio-client")) {
            String base = url(fixture) + "/engine.io/?EIO=4&transport=polling";

            HttpResponse<String> open = get(base);
            HttpResponse<String> denied = get(base + "&deny=1");

            assertEquals(200, open.statusCode(), open.body());
            assertTrue(open.body().startsWith("0{") && open.body().contains("\"pingInterval\":500")
                    && open.body().contains("\"maxPayload\":100"), open.body());
            List<String> cookies = open.headers().allValues("Set-Cookie");
            assertEquals(4, cookies.size(), "cookies: " + cookies);
            assertEquals("1=1; Max-Age=86400", cookies.get(0));
            assertEquals("2=2; Path=/; HttpOnly; Secure; SameSite=Strict", cookies.get(1));
            assertEquals(403, denied.statusCode(), denied.body());
        }
    }

    @Test
    void theSocketIoClientFixtureRefusesTheNamespaceNoWithTheSuitesMessage() throws Exception {
        try (FixtureProcess fixture = start("sio-client")) {
            String base = url(fixture) + "/socket.io/?EIO=4&transport=polling";
            HttpResponse<String> open = get(base);
            assertTrue(open.body().contains("\"pingInterval\":2000"), open.body());
            String session = base + "&sid=" + open.body().replaceFirst("(?s).*\"sid\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> connect = http.send(HttpRequest.newBuilder(URI.create(session))
                    .POST(BodyPublishers.ofString("40/no,")).build(), BodyHandlers.ofString());
            HttpResponse<String> answer = get(session);

            assertEquals("ok", connect.body());
            assertEquals("44/no,{\"message\":\"Auth failed (custom namespace)\"}", answer.body());
        }
    }

    private static FixtureProcess start(String mode) throws Exception {
        FixtureProcess.prepareRunScript();
        int port = FixtureProcess.freePort();
        FixtureProcess fixture = FixtureProcess.start(mode + " fixture",
                List.of("src/test/fixtures/run", mode, Integer.toString(port)), ROOT, Map.of());
        try {
            fixture.awaitReady(60, TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** @return the origin the fixture printed on its {@code READY} line */
    private static String url(FixtureProcess fixture) {
        return fixture.firstLines().stream().filter(line -> line.startsWith("READY")).findFirst()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).orElseThrow();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString());
    }
}
