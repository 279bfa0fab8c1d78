package io.jakartio.cdi;

import io.jakartio.server.DisconnectReason;
import io.jakartio.server.EventListener;
import io.jakartio.server.Namespace;
import io.jakartio.server.Roles;
import io.jakartio.server.Server;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Registers the {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect} methods of a
 * handler object on its namespace. Works on any object: the CDI binding passes bean
 * references, tests pass plain instances.
 *
 * <p>The security annotations of Jakarta Annotations restrict who connects and who sends an
 * event, from the user the container authenticated for the connection's first request (see
 * {@link RoleAnnotations}): {@code @RolesAllowed} on the class refuses other users' namespace
 * connections with a CONNECT_ERROR ({@code "not authenticated"}, {@code "not authorized: role
 * admin required"}); on an {@code @OnEvent} method, it refuses the event: the method is not
 * called, and the client's acknowledgement, if it asked for one, is
 * {@code {"error": "not authorized: role admin required"}}. The roles named, and those of
 * {@code @DeclareRoles}, are declared to the server here.
 *
 * <pre>{@code
 * AnnotatedHandlers.register(io, new ChatHandlers(io), ChatHandlers.class, mapper);
 *
 * @SocketNamespace("/admin")
 * @RolesAllowed({"admin", "moderator"})
 * public class AdminHandlers {
 *     @OnEvent("ban") @RolesAllowed("admin")
 *     boolean ban(Socket socket, String user) { ... }
 * }
 * }</pre>
 */
public final class AnnotatedHandlers {

    private static final System.Logger LOG = System.getLogger(AnnotatedHandlers.class.getName());

    private AnnotatedHandlers() {
    }

    /**
     * Registers a handler object.
     *
     * @param io the server
     * @param bean the handler instance (or a CDI reference to it)
     * @param beanClass the class whose annotations are read, annotated {@link SocketNamespace}
     * @param mapper converts event arguments to parameter types
     * @return the namespace the handlers were registered on
     * @throws IllegalArgumentException if the security annotations contradict each other, or
     *     annotate an {@link OnConnect} / {@link OnDisconnect} method
     */
    public static Namespace register(Server io, Object bean, Class<?> beanClass, JsonbMapper mapper) {
        SocketNamespace annotation = beanClass.getAnnotation(SocketNamespace.class);
        Namespace nsp = io.of(annotation == null ? "/" : annotation.value());
        Roles classRoles = RoleAnnotations.ofClass(io, beanClass);
        List<HandlerMethod> onConnect = new ArrayList<>();
        List<HandlerMethod> onDisconnect = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<HandlerMethod> eventHandlers = new ArrayList<>();
        List<Roles> eventRoles = new ArrayList<>();
        for (Method method : methodsOf(beanClass)) {
            if (method.isAnnotationPresent(OnConnect.class)) {
                RoleAnnotations.refuseOnLifecycleMethod(method);
                onConnect.add(new HandlerMethod(bean, method, mapper));
            }
            if (method.isAnnotationPresent(OnDisconnect.class)) {
                RoleAnnotations.refuseOnLifecycleMethod(method);
                onDisconnect.add(new HandlerMethod(bean, method, mapper));
            }
            OnEvent onEvent = method.getAnnotation(OnEvent.class);
            if (onEvent != null) {
                events.add(onEvent.value());
                eventHandlers.add(new HandlerMethod(bean, method, mapper));
                eventRoles.add(RoleAnnotations.ofEvent(io, method, classRoles));
            }
        }
        if (classRoles != null) {
            nsp.use(classRoles);
        }
        nsp.on("connection", socket -> {
            if (classRoles != null && classRoles.refusal(socket.handshake()) != null) {
                // Only a socket let in without the namespace's middlewares gets here: connection
                // state recovery with skipMiddlewares. Its new request decides, not the old one.
                LOG.log(Level.INFO, "disconnecting recovered socket {0} of {1}: {2}", socket.id(), nsp.name(),
                        classRoles.refusal(socket.handshake()));
                socket.disconnect();
                return;
            }
            for (int i = 0; i < events.size(); i++) {
                HandlerMethod handler = eventHandlers.get(i);
                EventListener listener = args -> handler.invoke(socket, args, null);
                Roles roles = eventRoles.get(i);
                socket.on(events.get(i), roles == null ? listener : roles.guard(socket, events.get(i), listener));
            }
            if (!onDisconnect.isEmpty()) {
                socket.on("disconnect", args -> {
                    DisconnectReason reason = (DisconnectReason) args[0];
                    for (HandlerMethod handler : onDisconnect) {
                        handler.invoke(socket, new Object[0], reason);
                    }
                });
            }
            for (HandlerMethod handler : onConnect) {
                handler.invoke(socket, new Object[0], null);
            }
        });
        return nsp;
    }

    /** Declared methods of the class and its superclasses (not of Object), overrides once. */
    private static List<Method> methodsOf(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (!m.isSynthetic() && !Modifier.isStatic(m.getModifiers()) && !seen.contains(signature)) {
                    seen.add(signature);
                    methods.add(m);
                }
            }
        }
        return methods;
    }
}
