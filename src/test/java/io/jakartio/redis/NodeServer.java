package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jakartio.parser.JsonReader;
import io.jakartio.parser.JsonWriter;
import io.jakartio.parser.PacketParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Node socket.io 4.8.4 server on {@code @socket.io/redis-adapter} 8.3.0 with one official Node
 * client connected to it ({@code src/test/node/redis-cluster-node.mjs}), driven by JSON lines:
 * commands in, results and the client's events out.
 */
final class NodeServer implements AutoCloseable {

    private static final Path SCRIPTS = Path.of("src/test/node");

    private final Process process;
    private final Writer stdin;
    private final Map<Integer, CompletableFuture<Object>> results = new ConcurrentHashMap<>();
    private final Map<String, List<List<Object>>> received = new ConcurrentHashMap<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Map<?, ?>> ready = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, List<List<Object>>> roamer = new ConcurrentHashMap<>();
    private final List<Map<?, ?>> roamerConnects = new CopyOnWriteArrayList<>();

    private NodeServer(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "node-server-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)).lines().forEach(stderr::add), "node-server-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    /** Starts the Node server on a Redis and key, and waits until its client is connected. */
    static NodeServer start(String redisUri, String key, Duration requestsTimeout) {
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/@socket.io/redis-adapter")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        try {
            Process process = new ProcessBuilder("node", "redis-cluster-node.mjs", redisUri, key,
                    String.valueOf(requestsTimeout.toMillis())).directory(SCRIPTS.toFile()).start();
            NodeServer node = new NodeServer(process);
            node.ready.orTimeout(15, TimeUnit.SECONDS).exceptionally(e -> {
                node.close();
                throw new IllegalStateException("the Node server did not start: " + node.stderr, e);
            }).join();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("node could not start", e);
        }
    }

    /**
     * Starts another script of {@code src/test/node} that speaks the same JSON lines (a
     * {@code ready} line, then a result or error per command), e.g. {@code redis-emitter.mjs} or
     * {@code redis-streams-node.mjs}, and waits for its {@code ready} line.
     */
    static NodeServer script(String script, String... args) {
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/@socket.io")),
                "run `npm ci` in src/test/node first (the build does it before the integration tests)");
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            NodeServer node = new NodeServer(new ProcessBuilder(command).directory(SCRIPTS.toFile()).start());
            node.ready.orTimeout(15, TimeUnit.SECONDS).exceptionally(e -> {
                node.close();
                throw new IllegalStateException(script + " did not start: " + node.stderr, e);
            }).join();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("node could not start", e);
        }
    }

    /** @return the port the Node server listens on */
    int port() {
        return ((Number) ready.join().get("port")).intValue();
    }

    /** @return the arguments of every {@code event} the roaming client received so far (redis-streams-node.mjs) */
    List<List<Object>> roamerReceived(String event) {
        return new ArrayList<>(roamer.getOrDefault(event, List.of()));
    }

    /** @return every (re)connection of the roaming client: {@code {id, recovered}} */
    List<Map<?, ?>> roamerConnections() {
        return new ArrayList<>(roamerConnects);
    }

    /** @return the id of the Node client, connected to this Node server */
    String clientId() {
        return (String) ready.join().get("clientId");
    }

    /** Runs a command (see the script) and returns its result. */
    Object call(String cmd, Object... keysAndValues) {
        int id = ids.incrementAndGet();
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("id", id);
        command.put("cmd", cmd);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            command.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        results.put(id, result);
        try {
            synchronized (stdin) {
                stdin.write(JsonWriter.toJson(command) + "\n");
                stdin.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the Node server is gone: " + stderr, e);
        }
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** @return the arguments of every {@code event} the Node client received so far */
    List<List<Object>> received(String event) {
        return new ArrayList<>(received.getOrDefault(event, List.of()));
    }

    /** Waits until the Node client received {@code event} {@code count} times, and no more. */
    List<List<Object>> expect(String event, int count) {
        long deadline = System.currentTimeMillis() + ClusterClient.WAIT_MILLIS;
        while (received(event).size() < count && System.currentTimeMillis() < deadline) {
            RedisCluster.sleep(10);
        }
        if (received(event).size() < count) {
            fail("the Node client received \"" + event + "\" " + received(event).size() + " times, expected " + count
                    + "; all it received: " + received);
        }
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        List<List<Object>> all = received(event);
        assertEquals(count, all.size(), () -> "the Node client received \"" + event + "\" too often: " + all);
        return all;
    }

    void expectNone(String event) {
        RedisCluster.sleep(ClusterClient.QUIET_MILLIS);
        assertEquals(List.of(), received(event), "the Node client should not have received \"" + event + "\"");
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Map<?, ?> message = (Map<?, ?>) JsonReader.parse(line);
                switch (String.valueOf(message.get("kind"))) {
                    case "ready" -> ready.complete(message);
                    case "client" -> received.computeIfAbsent((String) message.get("event"), e -> new CopyOnWriteArrayList<>())
                            .add(new ArrayList<>((List<?>) message.get("args")));
                    case "result" -> complete(message, null);
                    case "roamer" -> roamer.computeIfAbsent((String) message.get("event"), e -> new CopyOnWriteArrayList<>())
                            .add(new ArrayList<>((List<?>) message.get("args")));
                    case "roamer-connect" -> roamerConnects.add(message);
                    default -> complete(message, new IllegalStateException("the Node server failed: " + message.get("message")));
                }
            }
        } catch (IOException | PacketParseException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the Node server exited: " + stderr));
    }

    private void complete(Map<?, ?> message, RuntimeException error) {
        CompletableFuture<Object> result = results.remove(((Number) message.get("id")).intValue());
        if (result != null) {
            if (error == null) {
                result.complete(message.get("value"));
            } else {
                result.completeExceptionally(error);
            }
        }
    }

    /** Closes its stdin (the script then closes the server and exits), or kills it. */
    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
