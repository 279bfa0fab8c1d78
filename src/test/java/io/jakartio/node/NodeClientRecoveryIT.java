package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.server.ConnectionStateRecovery;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery with the official Node client (socket.io-client 4.8.4):
 * src/test/node/recovery.test.mjs cuts a client's network (every TCP connection through a proxy)
 * over websocket only, polling only and polling-then-upgrade, has another client send to its room,
 * to everyone and to it directly meanwhile, and lets it back; then once more after
 * {@code maxDisconnectionDuration}. It runs against Node's own server first (recovery on, then
 * off), which shows the suite asks what Node does, then against the scenarios fixture in an
 * embedded Tomcat with the default adapter, on Jakartio's WebSocket and on the container's
 * (JSR-356), and without recovery.
 */
class NodeClientRecoveryIT {

    /** Short, so that "back too late" takes seconds; the suite comes back within ~0.2 s otherwise. */
    private static final Duration WINDOW = Duration.ofMillis(2000);
    /** A long-polling client cut between two polls is noticed by the heartbeat only: make it quick. */
    private static final Duration PING = Duration.ofMillis(300);

    @Test
    void nodesOwnServerRecoversWhatTheSuiteExpects() throws Exception {
        assertSuitePasses("Node's socket.io, recovery on", referenceServer(true), true);
        assertSuitePasses("Node's socket.io, recovery off", referenceServer(false), false);
    }

    @Test
    void theOfficialNodeClientRecoversItsSocketAndEveryMissedPacketOnEveryTransport() throws Exception {
        ServerOptions recovering = options().connectionStateRecovery(
                ConnectionStateRecovery.defaults().withMaxDisconnectionDuration(WINDOW)).build();
        assertSuitePasses("Jakartio, recovery on", recovering, WebSocketMode.NATIVE, true);
        assertSuitePasses("Jakartio, recovery on, JSR-356 WebSocket", recovering, WebSocketMode.JSR356, true);
    }

    @Test
    void withoutRecoveryTheOfficialNodeClientGetsAFreshSocketAsBefore() throws Exception {
        assertSuitePasses("Jakartio, recovery off", options().build(), WebSocketMode.NATIVE, false);
    }

    private static ServerOptions.Builder options() {
        return ServerOptions.builder().engine(engine -> engine.pingInterval(PING).pingTimeout(PING));
    }

    private static void assertSuitePasses(String label, ServerOptions options, WebSocketMode websocket, boolean recovery)
            throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("recovery-suite");
             Server io = ScenariosFixture.create(scheduler, options);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) ->
                     SocketIoRegistration.register(context, io, websocket))) {
            assertSuitePasses(label, tomcat.url(), recovery);
        }
    }

    private static void assertSuitePasses(String label, Reference server, boolean recovery) throws Exception {
        try (server) {
            assertSuitePasses(label, server.url(), recovery);
        }
    }

    private static void assertSuitePasses(String label, String url, boolean recovery) throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-client")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        Map<String, String> environment = new HashMap<>();
        environment.put("SIO_URL", url);
        environment.put("SIO_RECOVERY", recovery ? "on" : "off");
        environment.put("SIO_RECOVERY_MS", Long.toString(WINDOW.toMillis()));
        NodeSuite.Result result = NodeSuite.run("recovery.test.mjs", environment);
        System.out.printf("Node client recovery suite (%s): %d tests, %d passed, %d failed%n", label,
                result.tests(), result.pass(), result.fail());
        assertEquals(0, result.exitCode(), () -> label + ": the suite failed:\n" + result.log());
        assertEquals(4, result.tests(), label + ": 3 transport modes, and back too late");
        assertEquals(result.tests(), result.pass(), label);
    }

    /** src/test/node/reference-server.mjs on a free port, with or without recovery. */
    private record Reference(Process process, String url) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static Reference referenceServer(boolean recovery) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", "reference-server.mjs", Integer.toString(port))
                .directory(NodeSuite.DIRECTORY.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SIO_PING_MS", Long.toString(PING.toMillis()));
        if (recovery) {
            builder.environment().put("SIO_RECOVERY_MS", Long.toString(WINDOW.toMillis()));
        }
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY")) {
            process.destroyForcibly();
            throw new IllegalStateException("the reference server did not start: " + line);
        }
        return new Reference(process, "http://127.0.0.1:" + port);
    }
}
