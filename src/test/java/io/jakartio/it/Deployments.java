package io.jakartio.it;

import io.jakartio.engine.ConnectionError;
import io.jakartio.engine.CookieOptions;
import io.jakartio.engine.CorsOptions;
import io.jakartio.engine.EngineListener;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.fixtures.ScenariosFixture;
import io.jakartio.jsr356.EngineEndpoint;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.config.WebSocketMode;
import io.jakartio.server.Ack;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.EmbeddedTyrus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The servers under test, in embedded Tyrus and in embedded Tomcat (both on 127.0.0.1 and a free
 * port): in each container, the scenarios fixture ({@link ScenariosFixture}) at
 * {@code /socket.io/}, and a small server with a fast heartbeat at {@link #HEARTBEAT_PATH}. Also
 * the HTTP client every Java client of the run shares.
 *
 * <p>Started once per test run, on first use, and closed when the run ends (they live in the
 * root {@link ExtensionContext.Store}, which closes {@link AutoCloseable} values). Test classes
 * get them as a parameter through {@link Resolver}.
 */
final class Deployments implements AutoCloseable {

    /** Where the fast-heartbeat server listens, in both containers. */
    static final String HEARTBEAT_PATH = "/heartbeat.io/";
    /** Its ping interval. */
    static final Duration PING_INTERVAL = Duration.ofMillis(250);
    /**
     * Its ping timeout: a peer silent for {@code PING_INTERVAL + PING_TIMEOUT} is dead. Longer
     * than the interval so that a slow test machine does not drop healthy clients.
     */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Where the guarded server listens, in every container: CORS open to {@link #ALLOWED_ORIGIN}
     * only, the session cookie on, its refusals recorded ({@link #refusals}).
     */
    static final String GUARDED_PATH = "/guarded.io/";
    /** The one foreign origin the guarded server lets in. */
    static final String ALLOWED_ORIGIN = "https://app.example.com";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Deployments.class);

    private final ExecutorScheduler scheduler;
    private final Container tyrus;
    private final Container tomcat;
    private final Container tomcatJsr356;
    private final OkHttpClient http;

    private Deployments(ExecutorScheduler scheduler, Container tyrus, Container tomcat, Container tomcatJsr356,
            OkHttpClient http) {
        this.scheduler = scheduler;
        this.tyrus = tyrus;
        this.tomcat = tomcat;
        this.tomcatJsr356 = tomcatJsr356;
        this.http = http;
    }

    private static Deployments start() {
        ExecutorScheduler scheduler = new ExecutorScheduler("it-scheduler");
        // start its thread here, not lazily in a container thread that Tomcat would then blame for it
        scheduler.schedule(Duration.ZERO, () -> { });
        Container tyrus = null;
        Container tomcat = null;
        try {
            Server tyrusFixture = ScenariosFixture.create(scheduler);
            Server tyrusHeartbeat = heartbeatServer(scheduler);
            Guarded tyrusGuarded = guardedServer(scheduler);
            EmbeddedTyrus tyrusContainer = EmbeddedTyrus.start(0,
                    EngineEndpoint.config(tyrusFixture.options().path(), tyrusFixture.engine()),
                    EngineEndpoint.config(tyrusHeartbeat.options().path(), tyrusHeartbeat.engine()),
                    EngineEndpoint.config(GUARDED_PATH, tyrusGuarded.io().engine()));
            tyrus = new Container(tyrusContainer, tyrusContainer.url(), tyrusFixture, tyrusHeartbeat, tyrusGuarded);

            tomcat = tomcat(scheduler, WebSocketMode.NATIVE);
            Container tomcatJsr356 = tomcat(scheduler, WebSocketMode.JSR356);
            return new Deployments(scheduler, tyrus, tomcat, tomcatJsr356, httpClient());
        } catch (RuntimeException e) {
            if (tyrus != null) {
                tyrus.close();
            }
            if (tomcat != null) {
                tomcat.close();
            }
            scheduler.close();
            throw e;
        }
    }

    private static Container tomcat(ExecutorScheduler scheduler, WebSocketMode websocket) {
        Server fixture = ScenariosFixture.create(scheduler);
        Server heartbeat = heartbeatServer(scheduler);
        Guarded guarded = guardedServer(scheduler);
        EmbeddedTomcat container = EmbeddedTomcat.start(0, (context, ws) -> {
            SocketIoRegistration.register(context, fixture, websocket);
            SocketIoRegistration.register(context, heartbeat, websocket);
            SocketIoRegistration.register(context, guarded.io(), websocket);
        });
        return new Container(container, container.url(), fixture, heartbeat, guarded);
    }

    /**
     * A small server of our own with a fast heartbeat ({@link #PING_INTERVAL}), to watch heartbeats
     * and dead-peer detection in a test's time. Handlers: {@code whoami} acks the socket id,
     * {@code drop} closes the connection, {@code bytes} acks binary data the client never sent
     * (see {@link #bytes(int)}).
     */
    private static Server heartbeatServer(ExecutorScheduler scheduler) {
        ServerOptions options = ServerOptions.builder()
                .path(HEARTBEAT_PATH)
                .engine(EngineOptions.builder().pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT).build())
                .build();
        Server io = new Server(options, scheduler);
        io.on("connection", socket -> {
            socket.on("whoami", args -> ack(args, socket.id()));
            socket.on("drop", args -> socket.conn().close());
            socket.on("bytes", args -> {
                byte[] bytes = bytes(((Number) args[0]).intValue());
                byte[] small = {1, 2, 3};
                ack(args, bytes, Map.of("data", small, "list", List.of(small)));
            });
        });
        return io;
    }

    /**
     * A server whose engine is configured as a careful operator would: CORS open to
     * {@link #ALLOWED_ORIGIN}, the session cookie ({@code io}); its engine's refusals recorded.
     * Handler: {@code echo} acks its arguments.
     */
    private static Guarded guardedServer(ExecutorScheduler scheduler) {
        ServerOptions options = ServerOptions.builder()
                .path(GUARDED_PATH)
                .engine(EngineOptions.builder()
                        .cors(CorsOptions.allowOrigins(ALLOWED_ORIGIN))
                        .cookie(CookieOptions.defaults())
                        .build())
                .build();
        Server io = new Server(options, scheduler);
        io.on("connection", socket -> socket.on("echo", args -> ack(args, Arrays.copyOf(args, Math.max(0, args.length - 1)))));
        List<ConnectionError> refusals = new CopyOnWriteArrayList<>();
        io.engine().addListener(new EngineListener() {
            @Override
            public void onConnectionError(ConnectionError error) {
                refusals.add(error);
            }
        });
        return new Guarded(io, refusals);
    }

    /** The guarded server of one container, and what its engine refused so far. */
    record Guarded(Server io, List<ConnectionError> refusals) {
    }

    /** @return {@code length} bytes counting 0, 1, 2... (every value, repeated) */
    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static void ack(Object[] args, Object... values) {
        if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
            ack.call(values);
        }
    }

    /**
     * The OkHttp client all Java clients use, instead of the engine.io-client's default one
     * (which this mirrors: 1 min read timeout) because OkHttp's dispatcher runs at most 5
     * asynchronous calls per host by default: a few polling clients, each holding a long-poll
     * GET open, would queue the others' POSTs behind them until a heartbeat frees a slot.
     */
    private static OkHttpClient httpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .readTimeout(1, TimeUnit.MINUTES)
                .build();
    }

    /** @return the guarded server of the container that {@code setup} runs in */
    Guarded guarded(Setup setup) {
        return container(setup).guarded;
    }

    /** @return the port of the container that {@code setup} runs in, on 127.0.0.1 */
    int port(Setup setup) {
        return java.net.URI.create(url(setup)).getPort();
    }

    /** @return the base URL of the container that {@code setup} runs in */
    String url(Setup setup) {
        return container(setup).url;
    }

    OkHttpClient http() {
        return http;
    }

    private Container container(Setup setup) {
        return switch (setup.container()) {
            case TYRUS -> tyrus;
            case TOMCAT -> tomcat;
            case TOMCAT_JSR356 -> tomcatJsr356;
        };
    }

    @Override
    public void close() {
        try {
            tyrus.close();
        } finally {
            try {
                tomcat.close();
                tomcatJsr356.close();
            } finally {
                scheduler.close();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    /** One running container and the servers it serves. */
    private record Container(AutoCloseable container, String url, Server fixture, Server heartbeat, Guarded guarded)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                fixture.close();
                heartbeat.close();
                guarded.io().close();
            } finally {
                try {
                    container.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop the container", e);
                }
            }
        }
    }

    /** Resolves {@link Deployments} parameters, starting them once for the whole run. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Deployments.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(Deployments.class, key -> start(), Deployments.class);
        }
    }
}
