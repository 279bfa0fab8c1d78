package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.SessionIds;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What of Node's server API shows on the wire, with the official Node client (socket.io-client
 * 4.8.4, src/test/node/server-api.test.mjs) on websocket-only, polling-only and upgrade: the
 * engine's {@code initialPacket} (an event the client receives once connected), {@code generateId}
 * (the client's {@code socket.io.engine.id}), and {@code send}/{@code write} (the
 * {@code "message"} event, both ways). The suite runs against Node's own server first, which
 * shows it asks what Node does, then against Jakartio in an embedded Tomcat. A few seconds.
 */
class NodeClientServerApiIT {

    @Test
    void nodesOwnServerShowsWhatTheSuiteExpects() throws Exception {
        assertSuitePasses("Node's socket.io", Map.of());
    }

    @Test
    void theOfficialNodeClientSeesTheInitialPacketTheGeneratedIdAndTheMessageEvent() throws Exception {
        SessionIds random = new SessionIds();
        ServerOptions options = ServerOptions.builder().engine(engine -> engine
                .initialPacket("2[\"welcome\",\"initial packet\"]")
                .generateId(request -> "jakartio-" + random.next())).build();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("server-api");
             Server io = new Server(options, scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io))) {
            io.on("connection", socket -> {
                socket.send("hello", 1);
                socket.write("written");
                socket.on("message", args -> socket.send("echo", args[0]));
            });
            assertSuitePasses("Jakartio", Map.of("SIO_URL", tomcat.url()));
        }
    }

    private static void assertSuitePasses(String label, Map<String, String> environment) throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        NodeSuite.Result result = NodeSuite.run("server-api.test.mjs", environment);
        System.out.printf("Node client server API suite (%s): %d tests, %d passed, %d failed%n", label,
                result.tests(), result.pass(), result.fail());
        assertEquals(0, result.exitCode(), () -> label + ": the suite failed:\n" + result.log());
        assertEquals(3, result.tests(), label + ": 3 transport modes");
        assertEquals(result.tests(), result.pass(), label);
    }
}
