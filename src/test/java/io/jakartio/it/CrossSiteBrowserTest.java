package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cross-site WebSocket hijacking with a real browser: headless Chromium opens a page and the
 * page runs the official JavaScript client, as a user's browser would. A page of another origin
 * ({@code http://localhost:PORT} is not {@code http://127.0.0.1:PORT}) cannot connect, over
 * WebSocket or polling, with either WebSocket implementation; the server's own page can.
 */
class CrossSiteBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("jakartio.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jakartio.it.chromedriver", "/usr/bin/chromedriver"));

    /** A page running the client against {@code ?target=} over {@code ?transport=}; its outcome in {@code window.outcome}. */
    private static final String PAGE = """
            <!doctype html>
            <script src="/socket.io/socket.io.js"></script>
            <script>
              const params = new URLSearchParams(location.search);
              window.outcome = null;
              const socket = io(params.get("target"), {transports: [params.get("transport")], reconnection: false});
              socket.on("connect", () => socket.emit("echo", "hello", reply => { window.outcome = "connected, echo " + reply; }));
              socket.on("connect_error", error => { window.outcome = "connect_error"; });
            </script>
            """;

    private static ExecutorScheduler scheduler;
    private static final Map<WebSocketMode, EmbeddedTomcat> SERVERS = new EnumMap<>(WebSocketMode.class);
    private static final Map<WebSocketMode, Server> FIXTURES = new EnumMap<>(WebSocketMode.class);
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        for (Path program : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            Assumptions.assumeTrue(Files.isExecutable(program) || System.getenv("CI") != null,
                    program + " is missing (Debian: apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(CrossSiteBrowserTest.class.getResource("/io/jakartio/servlet/client/socket.io.js") != null
                || System.getenv("CI") != null, "the client script is built by npm ci (skipped with -Dexec.skip)");
        scheduler = new ExecutorScheduler("browser-test");
        for (WebSocketMode mode : WebSocketMode.values()) {
            Server io = ScenariosFixture.create(scheduler);
            FIXTURES.put(mode, io);
            SERVERS.put(mode, EmbeddedTomcat.start(0, (context, container) -> {
                SocketIoRegistration.register(context, io, mode);
                context.addServlet("page", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.setContentType("text/html; charset=UTF-8");
                        response.getWriter().write(PAGE);
                    }
                }).addMapping("/page");
            }));
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("jakartio-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        SERVERS.values().forEach(EmbeddedTomcat::close);
        FIXTURES.values().forEach(Server::close);
        if (scheduler != null) {
            scheduler.close();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens the page at {@code pageHost}, connecting to the server at 127.0.0.1; returns the outcome. */
    private static String outcome(WebSocketMode mode, String pageHost, String transport) {
        int port = SERVERS.get(mode).port();
        browser.get("http://" + pageHost + ":" + port + "/page?transport=" + transport + "&target=http://127.0.0.1:" + port);
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                driver -> (String) ((JavascriptExecutor) driver).executeScript("return window.outcome"));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"NATIVE, websocket", "NATIVE, polling", "JSR356, websocket", "JSR356, polling"})
    void aPageOfAnotherOriginCannotConnect(WebSocketMode mode, String transport) {
        int before = FIXTURES.get(mode).engine().clientsCount();

        assertEquals("connect_error", outcome(mode, "localhost", transport));

        assertEquals(before, FIXTURES.get(mode).engine().clientsCount(), "no session was opened");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"NATIVE, websocket", "NATIVE, polling", "JSR356, websocket", "JSR356, polling"})
    void theServersOwnPageConnects(WebSocketMode mode, String transport) {
        String outcome = outcome(mode, "127.0.0.1", transport);

        assertTrue(outcome.equals("connected, echo hello"), outcome);
    }
}
