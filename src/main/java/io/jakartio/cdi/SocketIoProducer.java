package io.jakartio.cdi;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.engine.EngineServer;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * The application's one Socket.IO {@link Server}, as a CDI bean: created from
 * {@link SocketIoConfig} when first needed (the bootstrap listener asks at startup), with a JSON-B
 * mapper, and the {@link SocketNamespace} handler beans registered; closed when the application
 * stops.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Announcer {
 *     @Inject Server io;
 *
 *     public void announce(String text) {
 *         io.emit("announcement", text);
 *     }
 * }
 * }</pre>
 */
@ApplicationScoped
public class SocketIoProducer {

    private static final System.Logger LOG = System.getLogger(SocketIoProducer.class.getName());

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<ServletContext> servletContext;

    private Server server;

    @PostConstruct
    void start() {
        Function<String, String> params = servletContext.isResolvable()
                ? servletContext.get()::getInitParameter : name -> null;
        ServerOptions.Builder options = SocketIoConfig.read(params);
        JsonbMapper mapper = createMapper();
        options.jsonMapper(mapper);
        server = new Server(options.build());
        registerHandlers(mapper);
    }

    /** @return the server (the same instance for every injection point) */
    @Produces
    public Server server() {
        return server;
    }

    /** @return the server's engine, which the transports use */
    @Produces
    public EngineServer engine() {
        return server.engine();
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void registerHandlers(JsonbMapper mapper) {
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(SocketNamespace.class) && bean.getTypes().contains(type)) {
                Object reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
                AnnotatedHandlers.register(server, reference, type, mapper);
                LOG.log(Level.INFO, "Socket.IO handlers of {0} registered on {1}", type.getName(),
                        type.getAnnotation(SocketNamespace.class).value());
            }
        }
    }

    private static JsonbMapper createMapper() {
        try {
            return new JsonbMapper(JsonbBuilder.create());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "no JSON-B provider: only plain values can be sent and bound", e);
            return new JsonbMapper(null);
        }
    }
}
