package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.server.Server;
import io.jakartio.testing.EmbeddedTomcat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the Node.js scenario suite (src/test/node, the official socket.io-client 4.8.4) against
 * the scenarios fixture in an embedded Tomcat: every handler over websocket-only, polling-only
 * and the default upgrade path. The suite's own output is echoed into the build log.
 */
class NodeClientScenariosIT {

    private static final Path SUITE = Path.of("src/test/node");
    private static final Pattern COUNT = Pattern.compile("^# (tests|pass|fail) (\\d+)");

    @Test
    void theOfficialNodeClientPassesEveryScenarioOnEveryTransport() throws Exception {
        assertTrue(Files.isDirectory(SUITE.resolve("node_modules/socket.io-client")),
                "run `npm ci` in src/test/node first (the build does it in generate-test-resources)");
        try (ExecutorScheduler scheduler = new ExecutorScheduler("scenarios");
             Server io = ScenariosFixture.create(scheduler);
             EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, ws) -> SocketIoRegistration.register(context, io))) {
            ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-concurrency=1", "scenarios.test.mjs")
                    .directory(SUITE.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("SIO_URL", tomcat.url());
            Process node = builder.start();
            List<String> output = new ArrayList<>();
            int tests = -1;
            int pass = -1;
            int fail = -1;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    Matcher m = COUNT.matcher(line);
                    if (m.find()) {
                        int n = Integer.parseInt(m.group(2));
                        switch (m.group(1)) {
                            case "tests" -> tests = n;
                            case "pass" -> pass = n;
                            default -> fail = n;
                        }
                    }
                }
            }
            boolean finished = node.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                node.destroyForcibly();
            }
            String log = String.join(System.lineSeparator(), output);
            System.out.println(failuresOf(output));
            System.out.printf("Node client scenarios: %d tests, %d passed, %d failed%n", tests, pass, fail);
            assertTrue(finished, "the Node suite did not finish in 5 minutes");
            assertEquals(0, node.exitValue(), () -> "the Node suite failed:\n" + log);
            assertEquals(102, tests, "expected 34 scenarios x 3 transport modes");
            assertEquals(tests, pass);
        }
    }

    private static String failuresOf(List<String> output) {
        StringBuilder sb = new StringBuilder();
        for (String line : output) {
            if (line.contains("not ok") || line.contains("error:")) {
                sb.append(line).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

}
