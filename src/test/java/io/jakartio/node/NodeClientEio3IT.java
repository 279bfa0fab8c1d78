package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO 2.x clients with {@code allowEIO3}: src/test/node/eio3.test.mjs drives the official
 * socket.io-client 2.5.0 (Engine.IO v3, Socket.IO protocol v4) over websocket only (binary frames,
 * and base64 with {@code b64=1}), polling only and polling-then-upgrade against the scenarios
 * fixture, beside a 4.8.4
 * client: connect, acks, binary both ways, the heartbeat the client drives, {@code /chat} and
 * {@code /admin} (auth from the namespace query, a refusal's data), a broadcast between the two
 * generations, a disconnection. One embedded Tomcat holds three servers: the fixture with
 * allowEIO3 on Jakartio's WebSocket, the same on the container's (JSR-356), and one with
 * allowEIO3 off, which must refuse the 2.x client as before. The suite passes against Node's own
 * server too ({@code SIO_ALLOW_EIO3=1 node reference-server.mjs}), which shows it asks what Node does.
 */
class NodeClientEio3IT {

    /** Short, so that the suite sees several client PINGs in a fraction of a second. */
    private static final Duration PING = Duration.ofMillis(100);

    @Test
    void socketIo2ClientsConnectAndTalkToCurrentOnesOnEveryTransportWithAllowEio3() throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client-v2")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        try (ExecutorScheduler scheduler = new ExecutorScheduler("eio3-suite");
             Server io = ScenariosFixture.create(scheduler, options("/socket.io/", true));
             Server container = ScenariosFixture.create(scheduler, options("/jsr356/", true));
             Server strict = new Server(options("/v4only/", false), scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> {
                 SocketIoRegistration.register(context, io, WebSocketMode.NATIVE);
                 SocketIoRegistration.register(context, container, WebSocketMode.JSR356);
                 SocketIoRegistration.register(context, strict, WebSocketMode.NATIVE);
             })) {
            assertSuitePasses("Jakartio WebSocket", tomcat.url(), "/socket.io");
            assertSuitePasses("JSR-356 WebSocket", tomcat.url(), "/jsr356");
        }
    }

    private static ServerOptions options(String path, boolean allowEio3) {
        return ServerOptions.builder().path(path)
                .engine(engine -> engine.allowEIO3(allowEio3).pingInterval(PING).pingTimeout(PING)).build();
    }

    private static void assertSuitePasses(String label, String url, String path) throws Exception {
        NodeSuite.Result result = NodeSuite.run("eio3.test.mjs", Map.of("SIO_URL", url, "SIO_PATH", path,
                "SIO_PING_MS", Long.toString(PING.toMillis()), "SIO_STRICT_PATH", "/v4only"));
        System.out.printf("Socket.IO 2.x client suite (%s): %d tests, %d passed, %d failed%n", label,
                result.tests(), result.pass(), result.fail());
        assertEquals(0, result.exitCode(), () -> label + ": the suite failed:\n" + result.log());
        assertEquals(34, result.tests(), label + ": 8 scenarios x 4 transport modes, and 2 on the wire");
        assertEquals(34, result.pass(), label);
    }
}
