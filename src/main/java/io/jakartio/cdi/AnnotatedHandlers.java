package io.jakartio.cdi;

import io.jakartio.server.DisconnectReason;
import io.jakartio.server.Namespace;
import io.jakartio.server.Server;
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
 * <pre>{@code
 * AnnotatedHandlers.register(io, new ChatHandlers(io), ChatHandlers.class, mapper);
 * }</pre>
 */
public final class AnnotatedHandlers {

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
     */
    public static Namespace register(Server io, Object bean, Class<?> beanClass, JsonbMapper mapper) {
        SocketNamespace annotation = beanClass.getAnnotation(SocketNamespace.class);
        Namespace nsp = io.of(annotation == null ? "/" : annotation.value());
        List<HandlerMethod> onConnect = new ArrayList<>();
        List<HandlerMethod> onDisconnect = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<HandlerMethod> eventHandlers = new ArrayList<>();
        for (Method method : methodsOf(beanClass)) {
            if (method.isAnnotationPresent(OnConnect.class)) {
                onConnect.add(new HandlerMethod(bean, method, mapper));
            }
            if (method.isAnnotationPresent(OnDisconnect.class)) {
                onDisconnect.add(new HandlerMethod(bean, method, mapper));
            }
            OnEvent onEvent = method.getAnnotation(OnEvent.class);
            if (onEvent != null) {
                events.add(onEvent.value());
                eventHandlers.add(new HandlerMethod(bean, method, mapper));
            }
        }
        nsp.on("connection", socket -> {
            for (int i = 0; i < events.size(); i++) {
                HandlerMethod handler = eventHandlers.get(i);
                socket.on(events.get(i), args -> handler.invoke(socket, args, null));
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
