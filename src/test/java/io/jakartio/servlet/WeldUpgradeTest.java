package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.jsr356.EngineEndpoint;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.testing.RawWebSocket;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP 500 on upgrades (docs/PERFORMANCE.md), with the real Weld servlet integration of the
 * Tomcat flavour (weld-servlet-shaded, loaded in its own class loader as the WAR's
 * {@code WEB-INF/lib} would be) in an embedded Tomcat.
 *
 * <p>Weld replaces the context's instance manager; Tomcat creates a servlet upgrade handler
 * through it ({@code Request.upgrade}), and Weld injects through an injection target it caches
 * per class behind a weak reference ({@code WeakLazyValueHolder.get}: compute, store the weak
 * reference, return what it holds — {@code null} when a GC ran in between). No Java code runs
 * between that store and that read, so no test can make a real collection happen there on
 * purpose (short of a debugger); instead Weld's own holder is given a value that is gone at the
 * first read and built again at the next, which is what a collection at that moment leaves
 * behind. Everything else is real: Tomcat's {@code Request.upgrade}, Weld's instance manager
 * and injector, the failure inside {@code AbstractInjector.inject}.
 *
 * <p>What it shows: the native WebSocket's upgrade goes through Weld and is retried
 * ({@link UpgradeRetry}); the JSR-356 mode does not go through Weld at all — Tomcat creates its
 * own upgrade handler without the instance manager (an internal handler), and its WebSocket
 * container took the context's instance manager before Weld replaced it — so the race cannot
 * occur there, and needs no retry.
 */
class WeldUpgradeTest {

    /**
     * {@code WEB-INF/lib} as Tomcat loads it: the jar's own classes first (Weld and the CDI API
     * it bundles), the container's from the parent (the Servlet, EL and annotation APIs, Tomcat,
     * and, here, Jakartio and the test itself).
     */
    private static final class WebInfLib extends URLClassLoader {

        WebInfLib(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        /**
         * CDI extensions and Weld services come from the jar only: a web application does not see
         * the test class path's Weld SE (other tests use it), whose extension this Weld refuses.
         */
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith("META-INF/services/jakarta.enterprise.") || name.startsWith("META-INF/services/org.jboss.weld.")) {
                return findResources(name);
            }
            return super.getResources(name);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.") || name.startsWith("jakarta.servlet.") || name.startsWith("jakarta.el.")
                    || name.startsWith("jakarta.annotation.") || name.startsWith("jakarta.websocket.")
                    || name.startsWith("org.apache.") || name.startsWith("io.jakartio.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInTheJar) {
                        return super.loadClass(name, resolve);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private static final Path WELD_JAR = Path.of("target", "weld-for-tests", "weld-servlet-shaded.jar");
    private static final String PATH = "/socket.io/";

    private Tomcat tomcat;
    private StandardContext context;
    private URLClassLoader weld;
    private Path baseDir;
    private ExecutorScheduler scheduler;
    private Server io;

    private int start(WebSocketMode mode) throws Exception {
        assertTrue(Files.isRegularFile(WELD_JAR), WELD_JAR + " is copied there by the build (generate-test-resources)");
        baseDir = Files.createTempDirectory("jakartio-weld");
        Path webapp = Files.createDirectories(baseDir.resolve("webapp/WEB-INF/classes")).getParent().getParent();
        Files.writeString(webapp.resolve("WEB-INF/beans.xml"),
                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"all\"/>");
        // one class in WEB-INF/classes: Weld starts only for a bean archive with something in it
        String bean = WeldApplicationBean.class.getName().replace('.', '/') + ".class";
        Path beanClass = webapp.resolve("WEB-INF/classes").resolve(bean);
        Files.createDirectories(beanClass.getParent());
        try (var in = WeldApplicationBean.class.getClassLoader().getResourceAsStream(bean)) {
            Files.copy(in, beanClass);
        }
        weld = new WebInfLib(WELD_JAR.toUri().toURL(), getClass().getClassLoader());
        scheduler = new ExecutorScheduler("weld-test");
        io = new Server(ServerOptions.defaults(), scheduler);
        io.on("connection", socket -> { });

        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context added = tomcat.addContext("", webapp.toString());
        added.setParentClassLoader(weld); // WEB-INF/lib
        // as in a real Tomcat: the container's initializers first, then the application's
        added.addServletContainerInitializer(new WsSci(), null);
        added.addServletContainerInitializer((ServletContainerInitializer) weld
                .loadClass("org.jboss.weld.environment.servlet.EnhancedListener").getConstructor().newInstance(), null);
        added.addServletContainerInitializer((classes, servletContext) ->
                SocketIoRegistration.register(servletContext, PATH, io.engine(), mode), null);
        tomcat.start();
        context = (StandardContext) added;
        return connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        if (io != null) {
            io.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (weld != null) {
            weld.close();
        }
        if (baseDir != null) {
            try (var paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- Weld's injector, reached by reflection (its classes are in the WEB-INF/lib loader) ----

    /** Weld's injector behind the context's instance manager, which Weld replaced. */
    private Object weldInjector() throws ReflectiveOperationException {
        InstanceManager manager = context.getInstanceManager();
        assertEquals("org.jboss.weld.environment.tomcat.WeldForwardingInstanceManager", manager.getClass().getName(),
                "Weld replaced the context's instance manager");
        return field(manager, "secondProcessor");
    }

    /** Weld's cache of injection targets, per class, with weak values. */
    @SuppressWarnings("unchecked")
    private Map<Class<?>, Object> targetCache(Object injector) throws ReflectiveOperationException {
        return (Map<Class<?>, Object>) field(field(injector, "cache"), "map");
    }

    /**
     * Puts into Weld's cache, for {@code type}, Weld's own weak holder of an injection target
     * that is gone at its first {@code failures} reads and there again afterwards: what a GC
     * between Weld's store and Weld's read leaves. Returns the count of injection targets built.
     */
    private AtomicInteger loseTheInjectionTarget(Class<?> type, int failures) throws ReflectiveOperationException {
        Object injector = weldInjector();
        Object manager = field(injector, "manager");
        AtomicInteger built = new AtomicInteger();
        Supplier<Object> target = () -> {
            if (built.incrementAndGet() <= failures) {
                return null; // collected before Weld read it back
            }
            try {
                Object annotatedType = method(manager, "createAnnotatedType", Class.class).invoke(manager, type);
                Object builder = method(manager, "createInjectionTargetBuilder",
                        weld.loadClass("jakarta.enterprise.inject.spi.AnnotatedType")).invoke(manager, annotatedType);
                method(builder, "setResourceInjectionEnabled", boolean.class).invoke(builder, false);
                method(builder, "setTargetClassLifecycleCallbacksEnabled", boolean.class).invoke(builder, false);
                return method(builder, "build").invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        Class<?> holders = weld.loadClass("org.jboss.weld.util.WeakLazyValueHolder");
        targetCache(injector).put(type, holders.getMethod("forSupplier", Supplier.class).invoke(null, target));
        return built;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }

    private static Method method(Object owner, String name, Class<?>... parameters) throws NoSuchMethodException {
        for (Class<?> type : owner.getClass().getInterfaces()) {
            try {
                return type.getMethod(name, parameters);
            } catch (NoSuchMethodException notHere) {
                // the next interface
            }
        }
        Method method = owner.getClass().getMethod(name, parameters);
        method.setAccessible(true);
        return method;
    }

    private static String openPacket(int port) throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port, PATH + "?EIO=4&transport=websocket")) {
            return ws.nextText();
        }
    }

    // ---- the tests ----

    @Test
    void aNativeUpgradeWhoseInjectionTargetWeldLostIsAskedForAgainAndConnects() throws Exception {
        int port = start(WebSocketMode.NATIVE);
        AtomicInteger built = loseTheInjectionTarget(ServletWebSocket.class, 1);

        String open = openPacket(port);

        assertTrue(open.startsWith("0{\"sid\":"), open);
        assertEquals(2, built.get(), "Weld's target was lost once, then built again for the retried upgrade");
    }

    @Test
    void withoutTheRetryTheLostInjectionTargetWouldBeAnHttp500() throws Exception {
        int port = start(WebSocketMode.NATIVE);
        AtomicInteger built = loseTheInjectionTarget(ServletWebSocket.class, UpgradeRetry.ATTEMPTS);

        try (RawWebSocket ws = RawWebSocket.request(port, PATH + "?EIO=4&transport=websocket",
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n")) {
            assertTrue(ws.responseHead().startsWith("HTTP/1.1 500"), ws.responseHead());
        }
        assertEquals(UpgradeRetry.ATTEMPTS, built.get(), "every attempt went through Weld's injector");
        assertTrue(openPacket(port).startsWith("0{\"sid\":"), "the next client connects");
    }

    @Test
    void theJsr356ModeCreatesNothingThroughWeldSoTheRaceCannotHappenThere() throws Exception {
        int port = start(WebSocketMode.JSR356);
        InstanceManager weldManager = context.getInstanceManager();
        ServletContext servletContext = context.getServletContext();
        Object container = servletContext.getAttribute(ServerContainer.class.getName());
        Method websocketInstanceManager = container.getClass().getDeclaredMethod("getInstanceManager", ClassLoader.class);
        websocketInstanceManager.setAccessible(true);
        Object usedForEndpoints = websocketInstanceManager.invoke(container, context.getLoader().getClassLoader());
        // Weld's injection target for the endpoint is lost at every read: were it used, no client could connect
        AtomicInteger built = loseTheInjectionTarget(EngineEndpoint.class, Integer.MAX_VALUE);

        String open = openPacket(port);

        assertTrue(open.startsWith("0{\"sid\":"), open);
        assertEquals(0, built.get(), "Weld's injector was never asked");
        assertNotSame(weldManager, usedForEndpoints, "Tomcat's WebSocket container kept the instance manager it "
                + "started with, not the one Weld put in its place");
        assertSame(servletContext.getAttribute(InstanceManager.class.getName()), usedForEndpoints);
    }
}

/** The application's one class, in {@code WEB-INF/classes}: Weld starts only for a bean archive with something in it. */
final class WeldApplicationBean {
}
