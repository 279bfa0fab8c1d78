package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.parser.Parser;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The official client's MessagePack build, {@code socket.io.msgpack.min.js} as Jakartio serves it,
 * in headless Chromium against a server with {@link Parser#msgpack()}: the page connects (polling,
 * then the upgrade), emits with an ack, and once on WebSocket sends binary (an {@code ArrayBuffer})
 * that comes back.
 */
class MessagePackBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("jakartio.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jakartio.it.chromedriver", "/usr/bin/chromedriver"));

    /** Its outcome in {@code window.outcome} once both acks came back. */
    private static final String PAGE = """
            <!doctype html>
            <script src="/socket.io/socket.io.msgpack.min.js"></script>
            <script>
              window.outcome = null;
              const socket = io({reconnection: false});
              socket.on("connect_error", error => { window.outcome = {error: String(error)}; });
              socket.on("connect", () => {
                socket.emit("echo", "hello", 2.5, {list: [1, null, true]}, (...text) => {
                  const sendBinary = () => {
                    const bytes = new Uint8Array([0, 1, 127, 128, 255]).buffer;
                    socket.emit("echo", "bin", bytes, (tag, back) => {
                      window.outcome = {text, tag, binary: back instanceof ArrayBuffer,
                                        bytes: Array.from(new Uint8Array(back)), transport: socket.io.engine.transport.name};
                    });
                  };
                  // the first ack may come over polling or WebSocket; the binary goes once upgraded
                  if (socket.io.engine.transport.name === "websocket") sendBinary();
                  else socket.io.engine.once("upgrade", sendBinary);
                });
              });
            </script>
            """;

    @Test
    void theOfficialMsgpackBuildConnectsEmitsWithAnAckAndSendsBinary() throws IOException {
        for (Path program : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            Assumptions.assumeTrue(Files.isExecutable(program) || System.getenv("CI") != null,
                    program + " is missing (Debian: apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(getClass().getResource("/io/jakartio/servlet/client/socket.io.msgpack.min.js") != null
                || System.getenv("CI") != null, "the client script is built by npm ci (skipped with -Dexec.skip)");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("jakartio-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        try (ExecutorScheduler scheduler = new ExecutorScheduler("msgpack-browser");
             Server io = ScenariosFixture.create(scheduler, ServerOptions.builder().parser(Parser.msgpack()).build());
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, container) -> {
                 SocketIoRegistration.register(context, io);
                 context.addServlet("page", new HttpServlet() {
                     @Override
                     protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                         response.setContentType("text/html; charset=UTF-8");
                         response.getWriter().write(PAGE);
                     }
                 }).addMapping("/page");
             })) {
            ChromeDriver browser = new ChromeDriver(options);
            try {
                browser.get(tomcat.url() + "/page");
                Object outcome = new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                        driver -> ((JavascriptExecutor) driver).executeScript("return window.outcome"));
                assertEquals(Map.of("text", List.of("hello", 2.5, Map.of("list", Arrays.asList(1L, null, true))),
                        "tag", "bin", "binary", true, "bytes", List.of(0L, 1L, 127L, 128L, 255L),
                        "transport", "websocket"), outcome);
            } finally {
                browser.quit();
            }
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
