package io.jakartio.testing;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.BaseContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

/**
 * An embedded Tyrus 2.1 (the Jakarta WebSocket reference implementation) on Grizzly, bound to
 * 127.0.0.1, serving programmatic {@link ServerEndpointConfig}s. Tyrus has no servlets: only the
 * WebSocket transport is served (clients must use {@code transports = {"websocket"}}).
 *
 * <pre>{@code
 * try (EmbeddedTyrus tyrus = EmbeddedTyrus.start(0, EngineEndpoint.config("/socket.io/", io.engine()))) {
 *     String url = tyrus.url(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p><b>Why not {@code org.glassfish.tyrus.server.Server} or {@code TyrusServerContainer.start}:</b>
 * {@code Server} only deploys endpoint <em>classes</em> (or {@code ServerApplicationConfig}
 * classes it instantiates itself), so it cannot take a configuration instance carrying our
 * engine. The container that {@link ServerContainerFactory#createServerContainer(Map)} returns
 * accepts {@code addEndpoint(ServerEndpointConfig)}, but its {@code start(contextPath, port)}
 * (Tyrus 2.1.6, {@code GrizzlyServerContainer$TyrusGrizzlyServerContainer}) creates its Grizzly
 * listener with the literal host {@code "0.0.0.0"}: it listens on every interface, whatever
 * host was given to {@code Server}, and no property changes that.
 *
 * <p>So this class assembles the same pieces itself: it creates the Tyrus container through the
 * public SPI, registers the configurations directly with its {@code WebSocketEngine}, and serves
 * it from its own Grizzly {@link HttpServer} whose {@link NetworkListener} is bound to
 * 127.0.0.1, with Tyrus's {@link WebSocketAddOn} plugged in as Tyrus does it. The add-on's
 * constructor is package-private, so it is called reflectively (the one non-public access; it
 * works because the test class path is not modular). The container is never
 * {@code start}ed, so nothing binds 0.0.0.0.
 */
public final class EmbeddedTyrus implements AutoCloseable {

    /** The context path: endpoints are reached at their own path, e.g. {@code /socket.io/}. */
    private static final String CONTEXT_PATH = "/";
    private static final String HOST = "127.0.0.1";

    private final HttpServer http;
    private final NetworkListener listener;
    private final ServerContainer container;

    private EmbeddedTyrus(HttpServer http, NetworkListener listener, ServerContainer container) {
        this.http = http;
        this.listener = listener;
        this.container = container;
    }

    /**
     * Starts Tyrus on 127.0.0.1 with the given endpoints.
     *
     * @param port the port, 0 for any free one
     * @param endpoints the programmatic endpoint configurations to serve
     * @return the running server
     * @throws IllegalStateException if an endpoint is refused or the port cannot be bound
     */
    public static EmbeddedTyrus start(int port, ServerEndpointConfig... endpoints) {
        ServerContainer container = ServerContainerFactory.createServerContainer(Map.of());
        HttpServer http = new HttpServer();
        try {
            for (ServerEndpointConfig endpoint : endpoints) {
                container.getWebSocketEngine().register(endpoint, CONTEXT_PATH);
            }
            NetworkListener listener = new NetworkListener("tyrus", HOST, port);
            // as Tyrus's own Grizzly container configures its listener
            listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
            listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
            listener.registerAddOn(webSocketAddOn(container));
            http.addListener(listener);
            http.start();
            return new EmbeddedTyrus(http, listener, container);
        } catch (DeploymentException e) {
            shutdown(http, container);
            throw new IllegalStateException("Tyrus refused an endpoint", e);
        } catch (IOException e) {
            shutdown(http, container);
            throw new UncheckedIOException("Tyrus could not listen on " + HOST + ":" + port, e);
        }
    }

    private static AddOn webSocketAddOn(ServerContainer container) {
        try {
            Constructor<WebSocketAddOn> constructor =
                    WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(container, CONTEXT_PATH);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("this Tyrus version has no WebSocketAddOn(ServerContainer, String)", e);
        }
    }

    /** @return the port Tyrus listens on */
    public int port() {
        return listener.getPort();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8025} */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    /** Closes the listener (and with it every WebSocket session) and Tyrus's executors. */
    @Override
    public void close() {
        shutdown(http, container);
    }

    private static void shutdown(HttpServer http, ServerContainer container) {
        try {
            http.shutdownNow();
        } finally {
            if (container instanceof BaseContainer base) {
                base.shutdown();
            }
        }
    }
}
