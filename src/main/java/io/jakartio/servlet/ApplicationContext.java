package io.jakartio.servlet;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The application's context, captured at startup, for threads of the container that read
 * without it: on WildFly the native WebSocket's reads run on Undertow's I/O threads, whose
 * context class loader is WildFly's I/O module and which have no {@code java:comp} namespace.
 * Where the container has a {@code java:comp/DefaultContextService} (Jakarta Concurrency:
 * Payara, WildFly), what runs {@link #run in} it gets the application's whole context from a
 * contextual proxy; elsewhere (Tomcat), its class loader as the thread's context class loader.
 * It also holds the container's {@code java:comp/DefaultManagedExecutorService}, where frames read
 * on such threads are handled ({@link InboundDispatch}).
 *
 * <pre>{@code
 * ApplicationContext application = ApplicationContext.capture(); // at startup
 * if (!application.isCurrent()) {
 *     application.run(() -> handlers.deliver(packet));         // on a foreign thread
 * }
 * }</pre>
 */
final class ApplicationContext {

    private static final System.Logger LOG = System.getLogger(ApplicationContext.class.getName());

    private final ClassLoader loader;
    /** Runs a task in the captured context, on the calling thread. */
    private final Executor contextual;
    /** The container's {@code java:comp/DefaultManagedExecutorService}, or {@code null}. */
    private final Executor executor;

    private ApplicationContext(ClassLoader loader, Executor contextual, Executor managed) {
        this.loader = loader;
        this.contextual = contextual;
        // A managed executor runs a task in the context of the thread that submitted it: submitted
        // from a foreign thread, in the application's
        this.executor = managed == null ? null : task -> contextual.execute(() -> managed.execute(task));
    }

    /** @return the calling thread's context: call it on a thread of the application's (startup) */
    static ApplicationContext capture() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Executor contextual = contextService();
        return new ApplicationContext(loader, contextual != null ? contextual : task -> {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                task.run();
            } finally {
                thread.setContextClassLoader(own);
            }
        }, managedExecutor());
    }

    /** @return whether the calling thread is one of the application's (its context class loader is) */
    boolean isCurrent() {
        return Thread.currentThread().getContextClassLoader() == loader;
    }

    /**
     * @return the container's default {@code ManagedExecutorService} (Jakarta Concurrency: Payara,
     *     WildFly), whose tasks run in the application's context whichever thread submits them, or
     *     {@code null} (Tomcat)
     */
    Executor executor() {
        return executor;
    }

    /** Runs {@code task} on the calling thread, in the application's context. */
    void run(Runnable task) {
        contextual.execute(task);
    }

    /** @return the container's {@code java:comp/DefaultManagedExecutorService}, or {@code null} */
    private static Executor managedExecutor() {
        try {
            // a java.util.concurrent.ExecutorService: no API of Jakarta Concurrency needed
            return InitialContext.doLookup("java:comp/DefaultManagedExecutorService") instanceof Executor executor ? executor : null;
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }

    /** @return an executor running tasks in place within the calling thread's context, or {@code null} */
    private static Executor contextService() {
        Object service;
        try {
            service = InitialContext.doLookup("java:comp/DefaultContextService");
        } catch (NamingException | RuntimeException e) {
            return null; // no Jakarta Concurrency (Tomcat), or no naming at all (embedded)
        }
        try {
            // ContextService.createContextualProxy(Object, Class), by reflection: the API is the
            // container's, not a dependency of Jakartio's
            Method proxy = Class.forName("jakarta.enterprise.concurrent.ContextService", true, service.getClass().getClassLoader())
                    .getMethod("createContextualProxy", Object.class, Class.class);
            Executor inPlace = Runnable::run;
            return (Executor) proxy.invoke(service, inPlace, Executor.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "java:comp/DefaultContextService made no contextual proxy;"
                    + " the reading threads get the application's class loader only", e);
            return null;
        }
    }
}
