package io.jakartio.node;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fixture started as its own process — {@code src/test/fixtures/run scenarios PORT}, or
 * {@code node reference-server.mjs PORT} — that prints a line starting with {@code READY} once it
 * accepts connections. Its output (stdout and stderr) is read all along, the last lines kept for
 * failure messages.
 *
 * <pre>{@code
 * try (FixtureProcess node = FixtureProcess.start("node 1", List.of("src/test/fixtures/run", "scenarios", "3001"),
 *         Path.of("."), Map.of("JAKARTIO_ADAPTER", "redis"))) {
 *     node.awaitReady(30, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
final class FixtureProcess implements AutoCloseable {

    private static final int KEPT_LINES = 60;
    private static final Path CLASSPATH_FILE = Path.of("target/fixture-classpath.txt");
    private static final Path STAMP = Path.of("target/test-classes/.fixture-built");

    private final String name;
    private final Process process;
    private final List<String> head = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private FixtureProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::read, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param name how messages call it
     * @param command the command and its arguments
     * @param directory where it runs
     * @param environment variables added to the inherited environment
     * @return the started process, not necessarily ready yet
     * @throws IOException if it could not be started
     */
    static FixtureProcess start(String name, List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new FixtureProcess(name, builder.start());
    }

    /**
     * {@code run} rebuilds the classes with Maven when its classpath file or its stamp is missing,
     * or a source is newer than the stamp. Inside the build they were just compiled, and this JVM
     * runs on them: record its class path (the dependencies; {@code run} puts target/classes and
     * target/test-classes first) and the stamp, so that {@code run} starts the fixture at once.
     * Safe while another test JVM of the build does the same (failsafe runs two): the file is
     * replaced whole, by a rename, so a {@code run} starting meanwhile never reads half of it.
     */
    static void prepareRunScript() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String dependencies = Stream.of(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(dependencies.isEmpty(), "no dependencies on the class path: " + classpath);
        Path written = Files.createTempFile(CLASSPATH_FILE.toAbsolutePath().getParent(), "fixture-classpath", ".tmp");
        Files.writeString(written, dependencies);
        Files.move(written, CLASSPATH_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.createFile(STAMP);
        } catch (FileAlreadyExistsException e) {
            // made by an earlier run, or by the other test JVM a moment ago: touched below
        }
        Files.setLastModifiedTime(STAMP, FileTime.from(Instant.now()));
    }

    /** @return a port free on 127.0.0.1 a moment ago */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Waits for the {@code READY} line.
     *
     * @param timeout how long
     * @param unit its unit
     * @throws IllegalStateException if the process ended or did not get ready in time, with its output
     */
    void awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            ready.get(timeout, unit);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " did not get ready" + (process.isAlive() ? " in time" : "")
                    + ":\n" + output(), e);
        }
    }

    /** @return the process id */
    long pid() {
        return process.pid();
    }

    /** @return the underlying process */
    Process process() {
        return process;
    }

    /** @return the last lines it printed */
    synchronized String output() {
        return String.join(System.lineSeparator(), tail);
    }

    /** @return the first lines it printed */
    synchronized List<String> firstLines() {
        return List.copyOf(head);
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (this) {
                    if (head.size() < KEPT_LINES) {
                        head.add(line);
                    }
                    tail.addLast(line);
                    if (tail.size() > KEPT_LINES) {
                        tail.removeFirst();
                    }
                }
                if (line.startsWith("READY")) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the process ended: reported below
        }
        ready.completeExceptionally(new IllegalStateException(name + " ended, exit code "
                + (process.isAlive() ? "unknown" : process.exitValue())));
    }

    /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
