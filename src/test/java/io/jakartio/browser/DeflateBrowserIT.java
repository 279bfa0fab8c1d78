package io.jakartio.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.container.ChromiumBrowser;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium (which always offers permessage-deflate) against Jakartio with it on: a page
 * echoes a 112 KB message over a WebSocket that agreed the extension, and over polling, whose
 * responses the browser accepts gzipped (Resource Timing shows the encoded size).
 */
class DeflateBrowserIT {

    private static final String PAGE = """
            <!doctype html>
            <meta charset="utf-8">
            <title>deflate</title>
            <script src="/socket.io/socket.io.js"></script>
            <script>
              var BIG = "lorem ipsum dolor sit amet, ".repeat(4000);
              var results = {};
              function echo(name, options) {
                var socket = io({ forceNew: true, reconnection: false, transports: options });
                socket.on("connect", function () {
                  socket.emitWithAck("echo", BIG).then(function (answer) {
                    var ws = socket.io.engine.transport.ws;
                    results[name] = { same: answer === BIG, extensions: ws ? ws.extensions : null };
                  });
                });
              }
              echo("websocket", ["websocket"]);
              echo("polling", ["polling"]);
            </script>
            """;

    @Test
    void chromiumExchangesALargeMessageCompressedOverWebSocketAndPolling() throws Exception {
        ChromiumBrowser.requireChromium();
        ServerOptions options = ServerOptions.builder()
                .engine(engine -> engine.perMessageDeflate(PerMessageDeflateOptions.defaults()))
                .build();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("deflate-browser");
             Server io = new Server(options, scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> {
                 SocketIoRegistration.register(context, io);
                 context.addServlet("page", new Page()).addMapping("/deflate.html");
             })) {
            io.on("connection", socket -> socket.on("echo", args -> ((Ack) args[args.length - 1]).call(args[0])));
            try (ChromiumBrowser browser = ChromiumBrowser.open("deflate", URI.create(tomcat.url() + "/deflate.html"))) {
                browser.awaitScript("both echoes", "return !!(results.websocket && results.polling)");

                assertEquals(true, browser.evaluate("return results.websocket.same"), "the WebSocket echo");
                assertEquals("permessage-deflate; server_no_context_takeover", browser.evaluate("return results.websocket.extensions"));
                assertEquals(true, browser.evaluate("return results.polling.same"), "the polling echo");
                Object gzipped = browser.evaluate("return performance.getEntriesByType('resource').some(function (e) {"
                        + " return e.name.indexOf('transport=polling') > 0 && e.decodedBodySize > 100000"
                        + " && e.encodedBodySize < e.decodedBodySize / 10; })");
                assertTrue(Boolean.TRUE.equals(gzipped), "a poll answered compressed");
            }
        }
    }

    /** The test page. */
    private static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=UTF-8");
            response.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
    }
}
