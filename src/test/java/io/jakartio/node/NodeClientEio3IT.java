package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Socket.IO 2.x clients with {@code allowEIO3}, on one embedded Tomcat holding three servers:
 * the scenarios fixture with allowEIO3 on Jakartio's WebSocket, the same on the container's
 * (JSR-356), and one with allowEIO3 off, which must refuse the 2.x client as before.
 *
 * <p>src/test/node/eio3.test.mjs drives the official socket.io-client 2.5.0 (Engine.IO v3,
 * Socket.IO protocol v4) in Node over websocket only (binary frames, and base64 with
 * {@code b64=1}), polling only and polling-then-upgrade, beside a 4.8.4 client: connect, acks,
 * binary both ways, the heartbeat the client drives, {@code /chat} and {@code /admin} (auth from
 * the namespace query, a refusal's data), a broadcast between the two generations, a
 * disconnection. The suite passes against Node's own server too
 * ({@code SIO_ALLOW_EIO3=1 node reference-server.mjs}), which shows it asks what Node does.
 *
 * <p>The 2.x client in Node has no XHR2, so its polling is always base64: the browser build of
 * the same client, in headless Chromium, sends and reads binary polling payloads
 * ({@code application/octet-stream}).
 */
class NodeClientEio3IT {

    /** Short, so that the suite sees several client PINGs within a second; shorter is flaky on a busy machine. */
    private static final Duration PING = Duration.ofMillis(300);
    private static final Path CHROMIUM = Path.of(System.getProperty("jakartio.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jakartio.it.chromedriver", "/usr/bin/chromedriver"));
    private static final Path BROWSER_CLIENT = NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client-v2/dist/socket.io.js");

    private static ExecutorScheduler scheduler;
    private static Server io;
    private static Server container;
    private static Server strict;
    private static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() {
        scheduler = new ExecutorScheduler("eio3-suite");
        io = ScenariosFixture.create(scheduler, options("/socket.io/", true));
        container = ScenariosFixture.create(scheduler, options("/jsr356/", true));
        strict = new Server(options("/v4only/", false), scheduler);
        tomcat = EmbeddedTomcat.start(0, (context, ws) -> {
            SocketIoRegistration.register(context, io, WebSocketMode.NATIVE);
            SocketIoRegistration.register(context, container, WebSocketMode.JSR356);
            SocketIoRegistration.register(context, strict, WebSocketMode.NATIVE);
        });
    }

    @AfterAll
    static void stop() {
        tomcat.close();
        strict.close();
        container.close();
        io.close();
        scheduler.close();
    }

    private static ServerOptions options(String path, boolean allowEio3) {
        return ServerOptions.builder().path(path)
                .engine(engine -> engine.allowEIO3(allowEio3).pingInterval(PING).pingTimeout(PING)).build();
    }

    @Test
    void socketIo2ClientsInNodeConnectAndTalkToCurrentOnesOnEveryTransport() throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client-v2")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        assertSuitePasses("Jakartio WebSocket", "/socket.io");
        assertSuitePasses("JSR-356 WebSocket", "/jsr356");
    }

    @Test
    void theSocketIo2BrowserClientSendsAndReadsBinaryPollingPayloads() throws Exception {
        requireChromium();
        String client = Files.readString(BROWSER_CLIENT, StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory("jakartio-chromium-");
        ChromeDriver driver = chromium(profile);
        try {
            driver.get(tomcat.url() + "/socket.io/socket.io.js"); // any page of the server's origin
            JavascriptExecutor page = driver;
            page.executeScript("const s = document.createElement('script'); s.textContent = arguments[0];"
                    + " document.documentElement.appendChild(s);", client);
            for (String transports : List.of("['polling']", "['websocket']", "['polling', 'websocket']")) {
                Object result = page.executeAsyncScript(ROUND_TRIP.replace("TRANSPORTS", transports));
                assertEquals(Map.of("binary", true, "back", List.of(0L, 1L, 2L, 250L, 255L), "text", "é😀 \u001e 5:"),
                        result, transports);
            }
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Connects the 2.x browser client, emits binary data and text with an ack and reports what
     * came back, and whether the transport read and wrote binary data as bytes (XHR2 or binary
     * WebSocket frames, not base64).
     */
    private static final String ROUND_TRIP = """
            const done = arguments[arguments.length - 1];
            const socket = io(location.origin, { transports: TRANSPORTS, forceNew: true, reconnection: false });
            const timer = setTimeout(() => done({ error: 'timed out' }), 10000);
            socket.on('connect_error', (e) => done({ error: String(e) }));
            socket.on('connect', () => {
              socket.emit('echo', new Uint8Array([0, 1, 2, 250, 255]).buffer, 'é😀 \\u001e 5:', (back, text) => {
                clearTimeout(timer);
                const binary = socket.io.engine.transport.supportsBinary;
                socket.close();
                done({ binary, back: Array.from(new Uint8Array(back)), text });
              });
            });
            """;

    private static void assertSuitePasses(String label, String path) throws Exception {
        NodeSuite.Result result = NodeSuite.run("eio3.test.mjs", Map.of("SIO_URL", tomcat.url(), "SIO_PATH", path,
                "SIO_PING_MS", Long.toString(PING.toMillis()), "SIO_STRICT_PATH", "/v4only"));
        System.out.printf("Socket.IO 2.x client suite (%s): %d tests, %d passed, %d failed%n", label,
                result.tests(), result.pass(), result.fail());
        assertEquals(0, result.exitCode(), () -> label + ": the suite failed:\n" + result.log());
        assertEquals(34, result.tests(), label + ": 8 scenarios x 4 transport modes, and 2 on the wire");
        assertEquals(34, result.pass(), label);
    }

    /** The same Chromium, chromedriver and flags as the container tests' {@code ChromiumBrowser}. */
    private static ChromeDriver chromium(Path profile) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        return new ChromeDriver(options);
    }

    /** Skips without Chromium, as the container tests do; fails instead on CI, which installs it. */
    private static void requireChromium() throws IOException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "headless Chromium is missing (Debian: apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
