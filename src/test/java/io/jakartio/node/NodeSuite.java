package io.jakartio.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a test file of src/test/node with {@code node --test} and reads its TAP summary; the
 * output is kept for the failure message and the failing lines are echoed into the build log.
 *
 * <pre>{@code
 * NodeSuite.Result result = NodeSuite.run("recovery.test.mjs", Map.of("SIO_URL", url));
 * assertEquals(0, result.exitCode(), result::log);
 * }</pre>
 */
final class NodeSuite {

    static final Path DIRECTORY = Path.of("src/test/node");
    private static final Pattern COUNT = Pattern.compile("^# (tests|pass|fail) (\\d+)");

    /**
     * @param exitCode node's exit code (0: every test passed)
     * @param tests tests run, or -1 if the summary was missing
     * @param pass tests passed
     * @param fail tests failed
     * @param output everything node printed
     */
    record Result(int exitCode, int tests, int pass, int fail, List<String> output) {

        /** @return the whole output, one line each */
        String log() {
            return String.join(System.lineSeparator(), output);
        }
    }

    private NodeSuite() {
    }

    /**
     * @param file the test file, in src/test/node
     * @param environment variables added to node's environment
     * @return what node reported; it is given 3 minutes
     */
    static Result run(String file, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-concurrency=1", file)
                .directory(DIRECTORY.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        List<String> output = new ArrayList<>();
        int[] counts = {-1, -1, -1};
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher m = COUNT.matcher(line);
                if (m.find()) {
                    int n = Integer.parseInt(m.group(2));
                    switch (m.group(1)) {
                        case "tests" -> counts[0] = n;
                        case "pass" -> counts[1] = n;
                        default -> counts[2] = n;
                    }
                }
            }
        }
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            output.add("(killed after 3 minutes)");
            return new Result(-1, counts[0], counts[1], counts[2], output);
        }
        for (String line : output) {
            if (line.contains("not ok") || line.contains("error:")) {
                System.out.println(line);
            }
        }
        return new Result(node.exitValue(), counts[0], counts[1], counts[2], output);
    }
}
