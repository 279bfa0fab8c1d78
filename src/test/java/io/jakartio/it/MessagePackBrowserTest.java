package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.container.ChromiumBrowser;
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
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The official client's MessagePack build, {@code socket.io.msgpack.min.js} as Jakartio serves it,
 * in headless Chromium against a server with {@link Parser#msgpack()}: the page connects (polling,
 * then the upgrade), emits with an ack, and once on WebSocket sends binary (an {@code ArrayBuffer})
 * that comes back.
 */
class MessagePackBrowserTest {

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
        ChromiumBrowser.requireChromium();
        Assumptions.assumeTrue(getClass().getResource("/io/jakartio/servlet/client/socket.io.msgpack.min.js") != null
                || System.getenv("CI") != null, "the client script is built by npm ci (skipped with -Dexec.skip)");
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
            try (ChromiumBrowser browser = ChromiumBrowser.open("msgpack", URI.create(tomcat.url() + "/page"))) {
                browser.awaitScript("both acks", "return window.outcome !== null");
                assertEquals(Map.of("text", List.of("hello", 2.5, Map.of("list", Arrays.asList(1L, null, true))),
                        "tag", "bin", "binary", true, "bytes", List.of(0L, 1L, 127L, 128L, 255L),
                        "transport", "websocket"), browser.evaluate("return window.outcome"));
            }
        }
    }
}
