package io.jakartio.cdi;

import io.jakartio.server.Server;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * An application as a user writes it, run for real: its bean classes in a Weld SE container
 * (the CDI implementation of the Tomcat flavour), the {@link Server} that {@link SocketIoProducer}
 * creates registered in an embedded Tomcat on 127.0.0.1 whose context parameters are given, as a
 * web.xml would give them. The servlet context is a bean, as in a web container.
 */
final class WeldApplication implements AutoCloseable {

    private final EmbeddedTomcat tomcat;
    private final WeldContainer weld;
    private final Server io;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WeldApplication(EmbeddedTomcat tomcat, WeldContainer weld, Server io) {
        this.tomcat = tomcat;
        this.weld = weld;
        this.io = io;
    }

    /**
     * Starts the application; a failure to create the server is thrown as it would fail a deployment.
     *
     * @param contextParams the web.xml context parameters
     * @param beans the application's bean classes (the producer is added)
     * @return the running application
     */
    static WeldApplication start(Map<String, String> contextParams, Class<?>... beans) {
        return start(false, contextParams, beans);
    }

    /**
     * Starts the application as a deployment does, through {@link SocketIoBootstrap}, which
     * finds the CDI container with {@code CDI.current()}.
     *
     * @param contextParams the web.xml context parameters
     * @param beans the application's bean classes (the producer is added)
     * @return the running application
     */
    static WeldApplication bootstrapped(Map<String, String> contextParams, Class<?>... beans) {
        return start(true, contextParams, beans);
    }

    private static WeldApplication start(boolean bootstrap, Map<String, String> contextParams, Class<?>... beans) {
        AtomicReference<WeldContainer> weld = new AtomicReference<>();
        AtomicReference<Server> server = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, websocket) -> {
            contextParams.forEach(context::setInitParameter);
            WeldContainer container = new Weld("jakartio-test-" + UUID.randomUUID())
                    .disableDiscovery()
                    .addBeanClasses(beans)
                    .addBeanClass(SocketIoProducer.class)
                    .addExtension(new ServletContextBean(context))
                    .initialize();
            weld.set(container);
            try {
                if (bootstrap) {
                    new SocketIoBootstrap().contextInitialized(new ServletContextEvent(context));
                    server.set(container.select(Server.class).get());
                } else {
                    Server io = container.select(Server.class).get();
                    SocketIoRegistration.register(context, io);
                    server.set(io);
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            weld.get().shutdown();
            tomcat.close();
            throw failure.get();
        }
        return new WeldApplication(tomcat, weld.get(), server.get());
    }

    /** @return the server the producer created */
    Server io() {
        return io;
    }

    /** @return the CDI container, to look beans up */
    WeldContainer weld() {
        return weld;
    }

    /** @param path a path with query, e.g. {@code /socket.io/?EIO=4&transport=polling} @return its URI */
    URI uri(String path) {
        return URI.create(tomcat.url() + path);
    }

    /**
     * Sends a polling handshake, as a client's first request.
     *
     * @param headers request headers, name then value
     * @return the response
     */
    HttpResponse<String> handshake(String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/socket.io/?EIO=4&transport=polling"))
                .timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            weld.shutdown();
        } finally {
            tomcat.close();
        }
    }

    /** Makes the web application's {@link ServletContext} a bean, as a web container does. */
    static final class ServletContextBean implements Extension {

        private final ServletContext context;

        ServletContextBean(ServletContext context) {
            this.context = context;
        }

        void add(@Observes AfterBeanDiscovery event) {
            event.addBean().types(ServletContext.class, Object.class).scope(Dependent.class)
                    .beanClass(ServletContextBean.class).createWith(creational -> context);
        }
    }
}
