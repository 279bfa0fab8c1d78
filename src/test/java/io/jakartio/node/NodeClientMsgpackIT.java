package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.parser.Parser;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MessagePack parser with the official Node client: src/test/node/msgpack.test.mjs
 * (socket.io-client 4.8.4 with {@code parser: socket.io-msgpack-parser} 3.0.2) against the
 * scenarios fixture run with {@link Parser#msgpack()}: connect, acks both ways, binary both ways,
 * a broadcast to three clients and a malformed packet, over websocket only, polling only and
 * polling then upgrade. The same suite passes against Node's server with the same parser
 * ({@code SIO_PARSER=msgpack node reference-server.mjs}).
 */
class NodeClientMsgpackIT {

    @Test
    void theOfficialNodeClientWithTheMsgpackParserPassesOnEveryTransport() throws Exception {
        assertTrue(Files.isDirectory(NodeSuite.DIRECTORY.resolve("node_modules/socket.io-msgpack-parser")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        ServerOptions options = ServerOptions.builder().parser(Parser.msgpack()).build();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("msgpack");
             Server io = ScenariosFixture.create(scheduler, options);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io))) {
            NodeSuite.Result result = NodeSuite.run("msgpack.test.mjs", Map.of("SIO_URL", tomcat.url()));
            System.out.printf("Node client, MessagePack parser: %d tests, %d passed, %d failed%n",
                    result.tests(), result.pass(), result.fail());
            assertEquals(0, result.exitCode(), result::log);
            assertEquals(15, result.tests(), "expected 5 tests x 3 transport modes");
            assertEquals(result.tests(), result.pass());
        }
    }
}
