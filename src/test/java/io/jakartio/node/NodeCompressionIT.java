package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.PerMessageDeflateOptions;
import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official socket.io-client 4.8.4 against Jakartio with permessage-deflate on
 * ({@code src/test/node/compression.test.mjs}): websocket-only, polling-only (over fetch, which
 * accepts gzip) and upgrade; large and small messages both ways, {@code compress(false)} on an
 * emit and on a broadcast, and a message inflating past {@code maxHttpBufferSize} (1009).
 */
class NodeCompressionIT {

    @Test
    void theOfficialNodeClientExchangesCompressedMessagesOnEveryTransport() throws Exception {
        ServerOptions options = ServerOptions.builder()
                .engine(engine -> engine.perMessageDeflate(PerMessageDeflateOptions.defaults()))
                .build();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("compression");
             Server io = new Server(options, scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io))) {
            io.on("connection", socket -> {
                socket.on("echo", args -> {
                    if (args.length > 1 && args[args.length - 1] instanceof Ack ack) {
                        ack.call(args[0]);
                    }
                });
                socket.on("send", args -> socket.compress((Boolean) args[1]).emit("sent", args[0]));
                socket.on("shout", args -> io.compress((Boolean) args[1]).emit("all", args[0]));
            });
            NodeSuite.Result result = NodeSuite.run("compression.test.mjs", Map.of("SIO_URL", tomcat.url()));

            assertEquals(0, result.exitCode(), result::log);
            assertEquals(16, result.tests(), () -> "5 cases x 3 modes and the limit:\n" + result.log());
            assertEquals(result.tests(), result.pass(), result::log);
        }
    }
}
