package io.jakartio.testing;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * An embedded Tomcat (real Servlet 6 + Jakarta WebSocket 2.1 container) bound to 127.0.0.1, for
 * tests and fixtures that need both transports in one process.
 *
 * <pre>{@code
 * try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, websocket) -> { ... })) {
 *     int port = tomcat.port();
 * }
 * }</pre>
 */
public final class EmbeddedTomcat implements AutoCloseable {

    /** The connector's most threads unless a test asks otherwise. */
    public static final int DEFAULT_MAX_THREADS = 50;

    private final Tomcat tomcat;
    private static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private final Connector connector;
    private final Path baseDir;

    private EmbeddedTomcat(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    /**
     * Starts Tomcat with one root context.
     *
     * @param port the port, 0 for any free one
     * @param setup registers servlets and endpoints when the context starts
     * @return the running server
     */
    public static EmbeddedTomcat start(int port, BiConsumer<ServletContext, ServerContainer> setup) {
        return start(port, context -> { }, setup);
    }

    /**
     * Starts Tomcat with one root context, configured before it starts (a realm, a login
     * configuration, security constraints, servlets).
     *
     * @param port the port, 0 for any free one
     * @param configure changes the context before it starts
     * @param setup registers servlets and endpoints when the context starts
     * @return the running server
     */
    public static EmbeddedTomcat start(int port, Consumer<Context> configure,
            BiConsumer<ServletContext, ServerContainer> setup) {
        return start(port, DEFAULT_MAX_THREADS, configure, setup);
    }

    /**
     * Starts Tomcat with one root context and a connector of {@code maxThreads} container
     * threads, for tests of what happens when they are all busy.
     *
     * <pre>{@code
     * EmbeddedTomcat.start(0, 2, context -> { }, (context, websocket) -> SocketIoRegistration.register(context, io, mode));
     * }</pre>
     *
     * @param port the port, 0 for any free one
     * @param maxThreads the connector's most threads
     * @param configure changes the context before it starts
     * @param setup registers servlets and endpoints when the context starts
     * @return the running server
     */
    public static EmbeddedTomcat start(int port, int maxThreads, Consumer<Context> configure,
            BiConsumer<ServletContext, ServerContainer> setup) {
        // As server-config/tomcat/run.sh: Tomcat's WebSocket read/write buffers (read once)
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "1024");
        }
        try {
            Path baseDir = Files.createTempDirectory("jakartio-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            connector.setProperty("maxThreads", Integer.toString(maxThreads));
            connector.setProperty("minSpareThreads", Integer.toString(Math.min(10, maxThreads)));
            // As server-config/tomcat/conf/server.xml: no connection cap, every HTTP processor in
            // use at once kept for reuse (long-polling requests hold one each), small per-socket buffers
            connector.setProperty("maxConnections", "-1");
            connector.setProperty("processorCache", "-1");
            connector.setProperty("socket.appReadBufSize", "1024");
            connector.setProperty("socket.appWriteBufSize", "1024");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", baseDir.toString());
            configure.accept(context);
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
                setup.accept(servletContext, container);
            }, null);
            tomcat.start();
            if (connector.getLocalPort() < 0) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("Tomcat could not listen on 127.0.0.1:" + port);
            }
            return new EmbeddedTomcat(tomcat, connector, baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    /** @return the port Tomcat listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8080} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(baseDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory: best effort
        }
    }

}
