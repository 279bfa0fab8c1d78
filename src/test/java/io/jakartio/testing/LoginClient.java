package io.jakartio.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The official Java client (io.socket:socket.io-client) logging in to a container with HTTP
 * BASIC authentication, as a Java application behind a realm does: an {@code Authorization}
 * header on every request of the connection (the polling requests and the WebSocket upgrade,
 * through the client's {@code extraHeaders}), and optionally the cookie of an HTTP session.
 *
 * <pre>{@code
 * try (LoginClient alice = LoginClient.open(origin, "/socket.io/", "/", LoginClient.UPGRADE,
 *         LoginClient.basic("alice", "secret"), null)) {
 *     assertNull(alice.awaitConnect());
 *     JSONObject me = (JSONObject) alice.ack("whoami");
 * }
 * }</pre>
 */
public final class LoginClient implements AutoCloseable {

    /** Upper bound for anything we expect to happen. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** The client's default: long-polling first, then the upgrade to WebSocket. */
    public static final List<String> UPGRADE = List.of("polling", "websocket");
    /** WebSocket from the start. */
    public static final List<String> WEBSOCKET_ONLY = List.of("websocket");
    /** Long-polling only. */
    public static final List<String> POLLING_ONLY = List.of("polling");

    /** The Engine.IO socket, package-private in the client ({@code manager.engine} in JavaScript). */
    private static final Field ENGINE = engineField();

    private final Socket socket;
    private final List<String> transports;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final CompletableFuture<String> upgraded = new CompletableFuture<>();
    private final List<String> transportsCreated = new CopyOnWriteArrayList<>();

    private LoginClient(URI origin, String path, String namespace, List<String> transports,
            Map<String, List<String>> headers) {
        this.transports = transports;
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setPath(path)
                .setTransports(transports.toArray(String[]::new))
                .setExtraHeaders(headers)
                .build();
        // The URL's path is the namespace; the Engine.IO path is the option.
        socket = IO.socket(URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + namespace), options);
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.complete(describe(args)));
        Manager manager = socket.io();
        manager.on(Manager.EVENT_TRANSPORT, args -> {
            transportsCreated.add(((Transport) args[0]).name);
            if (transportsCreated.size() == 1) { // created before the engine opens it: no upgrade is missed
                io.socket.engineio.client.Socket engine = engineOf(manager);
                engine.on(io.socket.engineio.client.Socket.EVENT_UPGRADE,
                        a -> upgraded.complete(((Transport) a[0]).name));
                engine.on(io.socket.engineio.client.Socket.EVENT_UPGRADE_ERROR,
                        a -> upgraded.complete("upgrade error: " + a[0]));
            }
        });
    }

    /**
     * Starts connecting a client.
     *
     * @param origin the server, e.g. {@code http://127.0.0.1:8080/} (any path is ignored)
     * @param path the Engine.IO path, e.g. {@code "/login/socket.io/"}
     * @param namespace the namespace, e.g. {@code "/"} or {@code "/admin"}
     * @param transports {@link #UPGRADE}, {@link #WEBSOCKET_ONLY} or {@link #POLLING_ONLY}
     * @param authorization the {@code Authorization} header ({@link #basic}), or {@code null}
     * @param cookie the {@code Cookie} header, or {@code null}
     * @return the client, connecting
     */
    public static LoginClient open(URI origin, String path, String namespace, List<String> transports,
            String authorization, String cookie) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        if (cookie != null) {
            headers.put("Cookie", List.of(cookie));
        }
        LoginClient client = new LoginClient(origin, path, namespace, transports, headers);
        client.socket.connect();
        return client;
    }

    /** @return the {@code Authorization} header of HTTP BASIC authentication (RFC 7617) */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An HTTP session the user started by logging in to a page of the application.
     *
     * @param id the session's id, as the page showed it
     * @param cookie the {@code Cookie} header that names it, e.g. {@code JSESSIONID=...}
     */
    public record PageSession(String id, String cookie) {
    }

    /**
     * Logs in to a page of the application that starts an HTTP session and shows its id, as a
     * browser does: following the session cookie until the container stops changing it (Tomcat
     * and WildFly give a session a new id when a request authenticates with it, against session
     * fixation, and keep the login in the session from then on).
     *
     * @param page the page's URL
     * @param authorization the {@code Authorization} header ({@link #basic})
     * @return the session
     */
    public static PageSession startHttpSession(URI page, String authorization) {
        HttpClient http = HttpClient.newHttpClient();
        String cookie = null;
        for (int request = 0; request < 3; request++) {
            HttpRequest.Builder get = HttpRequest.newBuilder(page).header("Authorization", authorization);
            if (cookie != null) {
                get.header("Cookie", cookie);
            }
            HttpResponse<String> response;
            try {
                response = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (response.statusCode() != 200) {
                fail(page + " answered " + response.statusCode());
            }
            String set = response.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(null);
            if (set == null && cookie != null) {
                return new PageSession(response.body(), cookie);
            }
            cookie = set;
        }
        return fail("the session cookie of " + page + " kept changing: " + cookie);
    }

    /**
     * Waits for the outcome of the connection; with {@link #UPGRADE}, for the upgrade too.
     *
     * @return {@code null} once connected, else the {@code connect_error}: the server's message
     *     for a refusal by the namespace, or what the transport reported
     */
    public String awaitConnect() {
        String error = await(connected, "connect or connect_error");
        if (error == null && transports.size() > 1) {
            String upgrade = await(upgraded, "upgrade");
            if (!"websocket".equals(upgrade)) {
                fail("the connection did not move to WebSocket: " + upgrade + "; transports " + transportsCreated);
            }
        }
        return error;
    }

    /**
     * Emits an event with an acknowledgement and waits for it.
     *
     * @return the acknowledgement's first argument (a {@code JSONObject} for an object)
     */
    public Object ack(String event, Object... args) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) ackArgs -> reply.complete(ackArgs.length > 0 ? ackArgs[0] : null);
        socket.emit(event, withAck);
        return await(reply, "acknowledgement of " + event);
    }

    /** Emits an event without an acknowledgement. */
    public void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** @return the transports the client created, in order */
    public List<String> transportsCreated() {
        return List.copyOf(transportsCreated);
    }

    @Override
    public void close() {
        socket.close();
    }

    private <T> T await(CompletableFuture<T> event, String what) {
        try {
            return event.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("no " + what + " within " + WAIT + "; transports created: " + transportsCreated);
        } catch (ExecutionException e) {
            return fail(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** The {@code connect_error} argument: the server's {@code {message, data}}, or a transport's exception. */
    private static String describe(Object[] args) {
        if (args.length == 0 || args[0] == null) {
            return "connect_error";
        }
        if (args[0] instanceof org.json.JSONObject json) {
            return json.optString("message", json.toString());
        }
        if (args[0] instanceof Throwable error) {
            Throwable cause = error.getCause();
            return error.getMessage() + (cause == null ? "" : ": " + cause);
        }
        return String.valueOf(args[0]);
    }

    private static io.socket.engineio.client.Socket engineOf(Manager manager) {
        try {
            return (io.socket.engineio.client.Socket) ENGINE.get(manager);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field engineField() {
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this socket.io-client has no Manager.engine field", e);
        }
    }
}
