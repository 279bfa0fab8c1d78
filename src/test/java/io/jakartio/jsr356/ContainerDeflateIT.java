package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a WebSocket handshake offering permessage-deflate is answered on Tomcat, in both modes:
 * the native WebSocket answers with Jakartio's own extension when {@code perMessageDeflate} is
 * on; the JSR-356 mode lets Tomcat's own extension answer only then (Tomcat would otherwise
 * accept every offer).
 */
class ContainerDeflateIT {

    private static final String OFFER = "permessage-deflate; client_max_window_bits";

    @Test
    void theNativeWebSocketAnswersWithJakartiosExtensionWhenOn() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover", answer(WebSocketMode.NATIVE, true));
        assertNull(answer(WebSocketMode.NATIVE, false), "off by default");
    }

    @Test
    void theJsr356ModeLetsTomcatsExtensionAnswerOnlyWhenOn() throws Exception {
        String on = answer(WebSocketMode.JSR356, true);
        assertTrue(on != null && on.startsWith("permessage-deflate"), "Tomcat's answer: " + on);
        assertNull(answer(WebSocketMode.JSR356, false), "off by default");
    }

    /** @return the {@code Sec-WebSocket-Extensions} of the 101 answering an offer, or {@code null} */
    private static String answer(WebSocketMode mode, boolean deflate) throws Exception {
        ServerOptions options = ServerOptions.builder()
                .engine(engine -> engine.perMessageDeflate(deflate ? PerMessageDeflateOptions.defaults() : null))
                .build();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("container-deflate");
             Server io = new Server(options, scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io, mode))) {
            Map<String, String> headers = handshake(URI.create(tomcat.url()));
            assertEquals("101", headers.get(":status"), headers.toString());
            assertEquals("1", headers.get(":first-opcode"), "the server's first frame, the Engine.IO OPEN packet, is text");
            return headers.get("sec-websocket-extensions");
        }
    }

    private static Map<String, String> handshake(URI server) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: " + OFFER + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(":status", lines[0].split(" ")[1]);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            if ("101".equals(headers.get(":status"))) {
                // Waits for the server's first frame: Tomcat finishes the upgrade (in the JSR-356 mode,
                // WsHttpUpgradeHandler.init) after the 101, on a thread of its own. Stopping Tomcat
                // before that let a loaded machine run it in the stopped application, where the JVM's
                // first WsSession failed its static initialisation, and every later JSR-356 test of the
                // JVM with it (TomcatCloseAnswerIT, with failsafe's two JVMs).
                int first = in.read();
                headers.put(":first-opcode", first < 0 ? "(end of stream)" : Integer.toString(first & 0x0F));
            }
            return headers;
        }
    }
}
