package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx in front of a cluster, running the documented configuration
 * ({@code server-config/nginx/jakartio.conf}) with only its upstream servers and its
 * {@code listen} changed: a process of its own (not a daemon), with its prefix, configuration,
 * temporary files and logs in a fresh folder under {@code target/}, listening on a free port of
 * 127.0.0.1. Each request is logged with its status and the node nginx sent it to.
 *
 * <pre>{@code
 * Nginx.requireNginx();
 * try (Nginx nginx = Nginx.start(List.of(a.url(), b.url()))) {
 *     ClusterClient client = ClusterClient.connect(nginx.url(), options);
 *     List<Nginx.Request> requests = nginx.requests();
 * }
 * }</pre>
 */
public final class Nginx implements AutoCloseable {

    private static final Path NGINX = Path.of(System.getProperty("jakartio.it.nginx", "/usr/sbin/nginx"));
    /** The configuration the README documents and docker/compose.cluster.yaml mounts. */
    static final Path CONFIG = Path.of("server-config/nginx/jakartio.conf");
    /** The upstream servers of {@link #CONFIG}, replaced by the test's nodes. */
    private static final List<String> DOCUMENTED_SERVERS = List.of("server chat1:8080;", "server chat2:8080;");
    private static final String DOCUMENTED_LISTEN = "listen 80;";
    private static final Pattern LOG_LINE = Pattern.compile("(\\d{3}) (\\S+) \"([^\"]*)\"");

    /** The cookie variant's {@code map}, as server-config/nginx/README.md shows it. */
    public static final String COOKIE_MAP = """
            map $cookie_jakartio_node $jakartio_node {
                ""      $request_id;
                default $cookie_jakartio_node;
            }
            """;
    /** The cookie variant's {@code hash}, in place of {@code hash $remote_addr consistent;}. */
    public static final String COOKIE_HASH = "hash $jakartio_node consistent;";
    /** The cookie variant's {@code add_header}, in the {@code location}. */
    public static final String COOKIE_HEADER = "add_header Set-Cookie \"jakartio_node=$jakartio_node; Path=/; HttpOnly; SameSite=Lax\";";
    /** The cookie a client of the cookie variant keeps: its node's key. */
    public static final String COOKIE = "jakartio_node";

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** @return whether nginx is there to start */
    public static boolean installed() {
        return Files.isExecutable(NGINX);
    }

    /**
     * Skips the calling test when nginx is missing, saying what to install; fails it instead when
     * the environment variable {@code CI} is set, since CI installs it (.ci/run).
     */
    public static void requireNginx() {
        if (installed()) {
            return;
        }
        String message = "the load balancing test needs nginx, but " + NGINX + " is missing (Debian: apt-get install nginx)";
        if (System.getenv("CI") != null) {
            fail(message + "; CI is set, so this is a failure rather than a skip");
        }
        Assumptions.abort(message + "; skipped");
    }

    /**
     * Starts nginx in front of nodes and waits until it listens.
     *
     * @param nodes the nodes' URLs ({@code http://127.0.0.1:PORT}), as many as the documented servers
     * @return nginx, listening on {@link #url()}
     */
    public static Nginx start(List<String> nodes) {
        return start(nodes, config -> config);
    }

    /**
     * Starts nginx in front of nodes on the cookie variant of server-config/nginx/README.md: a
     * client without the {@value #COOKIE} cookie gets a random key, and every request that
     * brings the key back goes to the node it hashes to.
     *
     * <pre>{@code
     * try (Nginx nginx = Nginx.startCookieVariant(List.of(a.url(), b.url()))) { ... }
     * }</pre>
     *
     * @param nodes the nodes' URLs ({@code http://127.0.0.1:PORT}), as many as the documented servers
     * @return nginx, listening on {@link #url()}
     */
    public static Nginx startCookieVariant(List<String> nodes) {
        return start(nodes, config -> COOKIE_MAP + "\n"
                + replaceOnce(replaceOnce(config, "hash $remote_addr consistent;", COOKIE_HASH),
                        "proxy_pass http://jakartio;", "proxy_pass http://jakartio;\n        " + COOKIE_HEADER));
    }

    /**
     * Starts nginx in front of nodes on a variant of the documented configuration.
     *
     * @param nodes the nodes' URLs ({@code http://127.0.0.1:PORT}), as many as the documented servers
     * @param variant the change the README describes for a variant, made to the documented file
     * @return nginx, listening on {@link #url()}
     */
    static Nginx start(List<String> nodes, UnaryOperator<String> variant) {
        Path dir = Path.of("target", "nginx-it", UUID.randomUUID().toString()).toAbsolutePath();
        int port = freePort();
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.writeString(dir.resolve("jakartio.conf"), variant.apply(documentedConfig(nodes, port)));
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid nginx.pid;
                    error_log logs/error.log info;
                    events {
                        worker_connections 256;
                    }
                    http {
                        client_body_temp_path temp/body;
                        proxy_temp_path temp/proxy;
                        fastcgi_temp_path temp/fastcgi;
                        uwsgi_temp_path temp/uwsgi;
                        scgi_temp_path temp/scgi;
                        log_format nodes '$status $upstream_addr "$request_uri"';
                        access_log logs/access.log nodes;
                        include jakartio.conf;
                    }
                    """);
            Files.createDirectories(dir.resolve("temp"));
            Process process = new ProcessBuilder(NGINX.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("logs/stderr.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/console.log").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("nginx could not start in " + dir, e);
        }
    }

    /** The documented file with the test's nodes as its upstream servers and its own port. */
    private static String documentedConfig(List<String> nodes, int port) throws IOException {
        String config = Files.readString(CONFIG);
        if (nodes.size() != DOCUMENTED_SERVERS.size()) {
            throw new IllegalArgumentException("the documented configuration has " + DOCUMENTED_SERVERS.size() + " servers");
        }
        for (int i = 0; i < nodes.size(); i++) {
            config = replaceOnce(config, DOCUMENTED_SERVERS.get(i), "server " + nodes.get(i).replace("http://", "") + ";");
        }
        return replaceOnce(config, DOCUMENTED_LISTEN, "listen 127.0.0.1:" + port + ";");
    }

    static String replaceOnce(String config, String documented, String replacement) {
        int at = config.indexOf(documented);
        if (at < 0 || config.indexOf(documented, at + 1) >= 0) {
            fail(CONFIG + " should hold `" + documented + "` once (the test replaces it): keep the file and this test in step");
        }
        return config.substring(0, at) + replacement + config.substring(at + documented.length());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx stopped at start (exit " + process.exitValue() + "): " + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                RedisCluster.sleep(20);
            }
        }
        close();
        fail("nginx did not listen on " + port + " within 10 s: " + logs());
    }

    /** @return {@code http://127.0.0.1:PORT}, where nginx listens */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** @return every request nginx has finished so far (a WebSocket when it closed), in order */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (String line : lines("logs/access.log")) {
            Matcher matcher = LOG_LINE.matcher(line);
            if (!matcher.matches()) {
                fail("unexpected access log line: " + line);
            }
            requests.add(new Request(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3)));
        }
        return requests;
    }

    /** @return nginx's own messages, for failure messages */
    public String logs() {
        return String.join("\n", lines("logs/console.log")) + "\n" + String.join("\n", lines("logs/stderr.log"))
                + "\n" + String.join("\n", lines("logs/error.log"));
    }

    private List<String> lines(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops nginx (SIGTERM: a fast shutdown, open connections closed) and waits for it. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            workers.forEach(ProcessHandle::destroyForcibly); // gone already after a clean stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request as nginx logged it.
     *
     * @param status the status nginx answered
     * @param upstream the node it went to ({@code 127.0.0.1:PORT}), {@code -} for none
     * @param uri the path and query
     */
    public record Request(int status, String upstream, String uri) {

        /** @return whether it belongs to the Engine.IO session {@code sid} */
        public boolean of(String sid) {
            return uri.contains("sid=" + sid);
        }
    }
}
