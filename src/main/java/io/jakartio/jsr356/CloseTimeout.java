package io.jakartio.jsr356;

import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Bounds how long a session the server closed waits for the peer's close frame, as Jakartio's
 * own WebSocket does (the engine's {@code closeTimeout}, 5 s by default): a peer that never answers (dead, or misbehaving) must not keep its
 * TCP connection for long. Undertow (WildFly) and Grizzly (Payara) drop such a connection
 * themselves; Tomcat waits for its session close timeout (30 s by default), checked only every
 * {@code processPeriod} seconds of its WebSocket container (10 by default). So each session gets
 * Tomcat's per-session timeout property, and the container checks every second — the check walks
 * the open sessions, a few microseconds for thousands.
 *
 * <pre>{@code
 * CloseTimeout.checkEverySecond(servletContext); // when the endpoint is deployed
 * CloseTimeout.apply(session, Duration.ofSeconds(5)); // when a session opens
 * }</pre>
 */
public final class CloseTimeout {

    /** Tomcat's per-session close timeout, in milliseconds. */
    static final String TOMCAT_SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

    private static final System.Logger LOG = System.getLogger(CloseTimeout.class.getName());

    private CloseTimeout() {
    }

    /**
     * @param session a new session: its close handshake, once started, lasts {@code timeout} at most
     * @param timeout the engine's {@code closeTimeout}
     */
    static void apply(Session session, Duration timeout) {
        session.getUserProperties().put(TOMCAT_SESSION_CLOSE_TIMEOUT, timeout.toMillis());
    }

    /**
     * Makes the container check close timeouts every second, where it has such a setting
     * (Tomcat's {@code setProcessPeriod}); other containers are left as they are.
     *
     * @param context the web application, while it starts
     */
    public static void checkEverySecond(ServletContext context) {
        if (!(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
            return;
        }
        try {
            Method get = container.getClass().getMethod("getProcessPeriod");
            Method set = container.getClass().getMethod("setProcessPeriod", int.class);
            if ((int) get.invoke(container) > 1) {
                set.invoke(container, 1);
            }
        } catch (NoSuchMethodException notTomcat) {
            // nothing to tune: the container drops unanswered closes itself
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot shorten the WebSocket container's check period", e);
        }
    }
}
