package io.jakartio.cdi;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.engine.AllowRequest;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.server.Middleware;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The application's one Socket.IO {@link Server}, as a CDI bean, created when first needed (the
 * bootstrap listener asks at startup) and closed when the application stops. Its settings are,
 * each over the one before:
 * <ol>
 *   <li>the defaults ({@link ServerOptions#defaults()});</li>
 *   <li>the {@link ServerOptions} a bean of the application produces, if one does
 *       ({@code @Produces ServerOptions}, without qualifier);</li>
 *   <li>the {@code jakartio.*} keys that are set ({@link SocketIoConfig}): deploy-time settings
 *       win over code, so operators can change a value without a new build;</li>
 *   <li>the observers of {@link SocketIoConfiguration}, which see the result and have the last word.</li>
 * </ol>
 * Then the {@link AllowRequest} beans join the options' {@code allowRequest} (every one must
 * allow a handshake), the {@link Middleware} beans are registered on their namespace, the
 * {@link SocketNamespace} handler beans are registered, and JSON-B maps application objects
 * unless the options have a mapper of their own.
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
 *
 * @ApplicationScoped
 * public class Settings {
 *     @Produces
 *     ServerOptions options() { // jakartio.* keys that are set still win
 *         return ServerOptions.builder().connectTimeout(Duration.ofSeconds(10)).build();
 *     }
 * }
 *
 * @ApplicationScoped
 * public class ApiKeyCheck implements AllowRequest { // every handshake
 *     public void check(EngineRequest request) throws RequestRejectedException {
 *         if (request.header("X-Api-Key") == null) {
 *             throw new RequestRejectedException("missing API key");
 *         }
 *     }
 * }
 *
 * @ApplicationScoped
 * @SocketNamespace("/admin") // without it: the main namespace
 * @Priority(10)              // middlewares run lowest priority first
 * public class AdminOnly implements Middleware {
 *     public void handle(Socket socket, Next next) {
 *         if ("secret".equals(socket.handshake().auth().get("token"))) {
 *             next.proceed();
 *         } else {
 *             next.fail(new ConnectError("unauthorized"));
 *         }
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

    @Inject
    Instance<ServerOptions> applicationOptions;

    @Inject
    Event<SocketIoConfiguration> configuration;

    private Server server;
    /** The server's scheduler, on a thread of the container's when it has a ManagedThreadFactory. */
    private ExecutorScheduler scheduler;
    private JsonbMapper mapper;
    private volatile boolean registered;
    private boolean registering;
    private PrioritizedBeans<AllowRequest> allowRequests;
    private volatile List<AllowRequest> allowRequestHooks;
    private PrioritizedBeans<Middleware> middlewares;

    @PostConstruct
    void start() {
        SocketIoConfig config;
        if (servletContext.isResolvable()) {
            ServletContext context = servletContext.get();
            config = SocketIoConfig.of(context::getInitParameter, Collections.list(context.getInitParameterNames()));
        } else {
            config = SocketIoConfig.of(name -> null);
        }
        mapper = createMapper();
        ServerOptions.Builder options = config.over(baseOptions(mapper));
        configuration.fire(new SocketIoConfiguration(options, config));
        scheduler = new ExecutorScheduler("jakartio-scheduler", managedThreads());
        server = new Server(withAllowRequestBeans(options.build()), scheduler);
    }

    /**
     * @return the container's default {@code ManagedThreadFactory} (Jakarta Concurrency, in
     *     Payara and WildFly): its threads carry the application's naming context, which on
     *     WildFly a thread of Jakartio's own lacks; plain threads where there is none (Tomcat)
     */
    private static ThreadFactory managedThreads() {
        try {
            Object factory = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
            if (factory instanceof ThreadFactory threads) {
                return threads;
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no java:comp/DefaultManagedThreadFactory; the scheduler's thread is a plain one", e);
        }
        return Thread::new;
    }

    /** @return the server (the same instance for every injection point) */
    @Produces
    public Server server() {
        return started();
    }

    /** @return the server's engine, which the transports use */
    @Produces
    public EngineServer engine() {
        return started().engine();
    }

    /**
     * The beans the server uses are looked up on the first request for it, not while this
     * bean is created: a dependent bean that injects the {@code Server} would otherwise ask for
     * this bean while it does not exist yet, and CDI would create another. Reentrant: such a
     * bean gets the server while its own registration runs; other threads wait for it.
     */
    private Server started() {
        if (!registered) {
            register();
        }
        return server;
    }

    private synchronized void register() {
        if (registered || registering) {
            return;
        }
        registering = true;
        allowRequests = new PrioritizedBeans<>(beanManager, AllowRequest.class);
        allowRequestHooks = allowRequests.found().stream().map(PrioritizedBeans.Found::instance).toList();
        allowRequests.found().forEach(found -> LOG.log(Level.INFO, "Socket.IO handshakes checked by {0}",
                found.beanClass().getName()));
        middlewares = new PrioritizedBeans<>(beanManager, Middleware.class);
        registerMiddlewares();
        registerHandlers(mapper);
        registered = true;
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        for (PrioritizedBeans<?> beans : new PrioritizedBeans<?>[] {allowRequests, middlewares}) {
            if (beans != null) {
                beans.release();
            }
        }
    }

    /** The application's produced options, or the defaults; JSON-B unless it has a mapper. */
    private ServerOptions baseOptions(JsonbMapper mapper) {
        if (applicationOptions.isAmbiguous()) {
            List<String> producers = beanManager.getBeans(ServerOptions.class).stream()
                    .map(bean -> bean.getBeanClass().getName()).sorted().toList();
            throw new IllegalStateException("Socket.IO not started: several beans produce ServerOptions, in "
                    + producers + "; keep one (or qualify the others)");
        }
        ServerOptions base = applicationOptions.isResolvable() ? applicationOptions.get() : ServerOptions.defaults();
        if (applicationOptions.isResolvable()) {
            LOG.log(Level.INFO, "Socket.IO options produced by the application; jakartio.* keys that are set win");
        }
        return base.jsonMapper() != null ? base : base.toBuilder().jsonMapper(mapper).build();
    }

    /** Every {@link AllowRequest} bean must allow a handshake, after the options' own hook. */
    private ServerOptions withAllowRequestBeans(ServerOptions options) {
        if (beanManager.getBeans(AllowRequest.class).isEmpty()) {
            return options;
        }
        AllowRequest own = options.engine().allowRequest();
        AllowRequest all = request -> {
            own.check(request);
            List<AllowRequest> hooks = allowRequestHooks;
            if (hooks == null) {
                started();
                hooks = allowRequestHooks;
            }
            for (AllowRequest hook : hooks) {
                hook.check(request);
            }
        };
        return options.toBuilder().engine(engine -> engine.allowRequest(all)).build();
    }

    private void registerMiddlewares() {
        for (PrioritizedBeans.Found<Middleware> found : middlewares.found()) {
            SocketNamespace namespace = found.beanClass().getAnnotation(SocketNamespace.class);
            String name = namespace == null ? "/" : namespace.value();
            server.of(name).use(found.instance());
            LOG.log(Level.INFO, "Socket.IO middleware {0} registered on {1}", found.beanClass().getName(), name);
        }
    }

    private void registerHandlers(JsonbMapper mapper) {
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(SocketNamespace.class) && bean.getTypes().contains(type)
                    && !isOnlyMiddleware(bean)) {
                Object reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
                AnnotatedHandlers.register(server, reference, type, mapper);
                LOG.log(Level.INFO, "Socket.IO handlers of {0} registered on {1}", type.getName(),
                        type.getAnnotation(SocketNamespace.class).value());
            }
        }
    }

    /** A {@code @SocketNamespace} middleware with no handler method is not a handler bean. */
    private static boolean isOnlyMiddleware(Bean<?> bean) {
        if (!bean.getTypes().contains(Middleware.class)) {
            return false;
        }
        for (Class<?> c = bean.getBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(OnConnect.class) || method.isAnnotationPresent(OnEvent.class)
                        || method.isAnnotationPresent(OnDisconnect.class)) {
                    return false;
                }
            }
        }
        return true;
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
