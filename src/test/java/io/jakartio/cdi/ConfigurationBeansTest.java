package io.jakartio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.cdi.ConfigurationBeans.AdminOnly;
import io.jakartio.cdi.ConfigurationBeans.ApiKeyCheck;
import io.jakartio.cdi.ConfigurationBeans.FirstMiddleware;
import io.jakartio.cdi.ConfigurationBeans.LastMiddleware;
import io.jakartio.cdi.ConfigurationBeans.OptionsWithAllowRequest;
import io.jakartio.cdi.ConfigurationBeans.OtherProducedOptions;
import io.jakartio.cdi.ConfigurationBeans.ProducedOptions;
import io.jakartio.cdi.ConfigurationBeans.ProducedPath;
import io.jakartio.cdi.ConfigurationBeans.SecondMiddleware;
import io.jakartio.cdi.ConfigurationBeans.TimeoutFromInterval;
import io.jakartio.server.ServerOptions;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Configuration with code, in a real CDI container (Weld SE) serving real clients through an
 * embedded Tomcat: a bean producing {@code ServerOptions}, observers of
 * {@link SocketIoConfiguration}, {@code AllowRequest} beans and {@code Middleware} beans.
 */
class ConfigurationBeansTest {

    /** @return the Engine.IO OPEN packet's JSON of a polling handshake's body ({@code 0{...}}) */
    private static JSONObject open(HttpResponse<String> handshake) throws Exception {
        assertEquals(200, handshake.statusCode(), handshake.body());
        assertTrue(handshake.body().startsWith("0{"), handshake.body());
        return new JSONObject(handshake.body().substring(1));
    }

    @Test
    void aBeanProducingServerOptionsIsTheBaseAndTheKeysThatAreSetWinOverIt() throws Exception {
        try (WeldApplication app = WeldApplication.start(Map.of("jakartio.pingInterval", "12345"), ProducedOptions.class)) {
            ServerOptions options = app.io().options();
            assertEquals(Duration.ofMillis(12_345), options.engine().pingInterval(), "the context parameter wins");
            assertEquals(50_000, options.engine().maxHttpBufferSize(), "no key: the produced value");
            assertEquals(Duration.ofSeconds(7), options.connectTimeout());

            JSONObject open = open(app.handshake());
            assertEquals(12_345, open.getInt("pingInterval"), "what clients are told");
            assertEquals(50_000, open.getInt("maxPayload"));
        }
    }

    @Test
    void anObserverOfTheConfigurationReadsTheKeysAndHasTheLastWord() throws Exception {
        try (WeldApplication app = WeldApplication.start(Map.of("jakartio.pingInterval", "4000", "jakartio.pingTimeout", "1"),
                ProducedOptions.class, TimeoutFromInterval.class)) {
            JSONObject open = open(app.handshake());
            assertEquals(4000, open.getInt("pingInterval"));
            assertEquals(8000, open.getInt("pingTimeout"), "the observer's value, over the key's");
            assertEquals(0, open.getJSONArray("upgrades").length(), "upgrades turned off by the observer");
            assertEquals(50_000, open.getInt("maxPayload"), "the produced options are still the base");
        }
    }

    @Test
    void twoBeansProducingServerOptionsFailTheStartNamingBoth() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> WeldApplication.start(Map.of(), ProducedOptions.class, OtherProducedOptions.class).close());
        String message = messages(e).stream().filter(m -> m.contains("several beans produce ServerOptions"))
                .findFirst().orElseThrow(() -> new AssertionError(messages(e).toString()));
        assertTrue(message.contains(ProducedOptions.class.getName()) && message.contains(OtherProducedOptions.class.getName()),
                message);
    }

    @Test
    void aBadKeyFailsTheStartNamingTheKeyAndTheValue() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> WeldApplication.start(Map.of("jakartio.pingInterval", "soon"), ProducedOptions.class).close());
        assertTrue(messages(e).contains("jakartio.pingInterval: expected milliseconds (a whole number): soon "
                + "(context parameter jakartio.pingInterval)"), messages(e).toString());
    }

    @Test
    void anAllowRequestBeanChecksEveryHandshakeAfterTheOptionsOwnHook() throws Exception {
        try (WeldApplication app = WeldApplication.start(Map.of(), OptionsWithAllowRequest.class, ApiKeyCheck.class)) {
            HttpResponse<String> noKey = app.handshake();
            assertEquals(403, noKey.statusCode());
            assertEquals("{\"code\":4,\"message\":\"missing API key\"}", noKey.body());

            HttpResponse<String> blocked = app.handshake("X-Api-Key", "k-123", "X-Blocked", "yes");
            assertEquals(403, blocked.statusCode());
            assertEquals("{\"code\":4,\"message\":\"blocked by the options\"}", blocked.body(), "both must allow");

            open(app.handshake("X-Api-Key", "k-123"));

            IO.Options options = clientOptions();
            options.extraHeaders = Map.of("X-Api-Key", List.of("k-123"));
            assertEquals("connected", connect(app, "/", options));
            assertTrue(connect(app, "/", clientOptions()).startsWith("connect_error"), "the official client without the key");
        }
    }

    @Test
    void middlewareBeansRunOnTheirNamespaceInPriorityOrder() throws Exception {
        try (WeldApplication app = WeldApplication.start(Map.of(),
                SecondMiddleware.class, LastMiddleware.class, AdminOnly.class, FirstMiddleware.class)) {
            app.io().on("connection", socket -> socket.emit("trail", ConfigurationBeans.trail(socket)));
            app.io().of("/admin").on("connection", socket -> socket.emit("trail", ConfigurationBeans.trail(socket)));

            assertEquals(List.of("first", "second", "last, with the server injected"), trail(app, "/", clientOptions()));

            IO.Options admin = clientOptions();
            admin.auth = Map.of("token", "secret");
            assertEquals(List.of("admin"), trail(app, "/admin", admin), "only the admin namespace's middleware");
            assertEquals("connect_error unauthorized", connect(app, "/admin", clientOptions()));
        }
    }

    @Test
    void aPathFromCodeIsServedOverTheContainersWebSocketEndpointToo() throws Exception {
        // jakartio.websocket is read before any servlet context exists: a system property here
        String previous = System.setProperty("jakartio.websocket", "jsr356");
        try (WeldApplication app = WeldApplication.bootstrapped(Map.of(), ProducedPath.class)) {
            IO.Options options = clientOptions();
            options.path = "/live/";
            options.transports = new String[] {"websocket"};
            assertEquals("connected", connect(app, "/", options), "a JSR-356 endpoint deployed at the produced path");
            options.transports = new String[] {"polling"};
            assertEquals("connected", connect(app, "/", options));
        } finally {
            if (previous == null) {
                System.clearProperty("jakartio.websocket");
            } else {
                System.setProperty("jakartio.websocket", previous);
            }
        }
    }

    private static IO.Options clientOptions() {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = 5_000;
        return options;
    }

    /** @return {@code "connected"} or {@code "connect_error <message>"} */
    private static String connect(WeldApplication app, String namespace, IO.Options options) throws Exception {
        Socket socket = IO.socket(app.uri(namespace), options);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        socket.on(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete("connect_error " + errorMessage(args[0])));
        try {
            socket.connect();
            return outcome.get(10, TimeUnit.SECONDS);
        } finally {
            socket.close();
        }
    }

    /** A refusal by a middleware comes as {@code {"message":...}}, one of the transport as an exception. */
    private static String errorMessage(Object error) {
        return error instanceof JSONObject json ? json.optString("message")
                : error instanceof Exception e ? e.getMessage() : String.valueOf(error);
    }

    /** @return the trail the server emits on connection */
    private static List<Object> trail(WeldApplication app, String namespace, IO.Options options) throws Exception {
        Socket socket = IO.socket(app.uri(namespace), options);
        CompletableFuture<List<Object>> trail = new CompletableFuture<>();
        socket.on("trail", args -> {
            JSONArray steps = (JSONArray) args[0];
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < steps.length(); i++) {
                list.add(steps.opt(i));
            }
            trail.complete(list);
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> trail.completeExceptionally(new AssertionError("connect_error")));
        try {
            socket.connect();
            return trail.get(10, TimeUnit.SECONDS);
        } finally {
            socket.close();
        }
    }

    /** @return the messages of an exception and its causes: a container shows them all */
    private static List<String> messages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
