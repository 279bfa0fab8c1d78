package io.jakartio.cdi;

import io.jakartio.server.Ack;
import io.jakartio.server.DisconnectReason;
import io.jakartio.server.Handshake;
import io.jakartio.server.Namespace;
import io.jakartio.server.Server;
import io.jakartio.server.Socket;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * One annotated handler method, bound to its bean: resolves the parameters of a call from the
 * socket and the event's arguments, invokes the method and sends its result as the
 * acknowledgement.
 */
final class HandlerMethod {

    private static final System.Logger LOG = System.getLogger(HandlerMethod.class.getName());

    private final Object bean;
    private final Method method;
    private final JsonbMapper mapper;
    private final Parameter[] parameters;
    private final Type[] types;

    HandlerMethod(Object bean, Method method, JsonbMapper mapper) {
        this.bean = bean;
        this.method = method;
        this.mapper = mapper;
        this.parameters = method.getParameters();
        this.types = method.getGenericParameterTypes();
        method.setAccessible(true);
    }

    /**
     * Calls the method.
     *
     * @param socket the socket concerned
     * @param args the event's arguments, possibly ending with an {@link Ack}
     * @param reason the disconnect reason, for {@link OnDisconnect} handlers
     */
    void invoke(Socket socket, Object[] args, DisconnectReason reason) {
        Ack ack = args.length > 0 && args[args.length - 1] instanceof Ack a ? a : null;
        int available = ack == null ? args.length : args.length - 1;
        Object[] values = new Object[parameters.length];
        int next = 0;
        try {
            for (int i = 0; i < parameters.length; i++) {
                Class<?> type = parameters[i].getType();
                if (type == Socket.class) {
                    values[i] = socket;
                } else if (type == Ack.class) {
                    values[i] = ack;
                } else if (type == Namespace.class) {
                    values[i] = socket.nsp();
                } else if (type == Server.class) {
                    values[i] = socket.nsp().server();
                } else if (type == Handshake.class) {
                    values[i] = socket.handshake();
                } else if (type == DisconnectReason.class) {
                    values[i] = reason;
                } else {
                    values[i] = mapper.convert(next < available ? args[next] : null, types[i]);
                    next++;
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot call " + describe() + ": " + e.getMessage());
            return;
        }
        Object result;
        try {
            result = method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            LOG.log(Level.WARNING, describe() + " failed", e.getCause());
            return;
        } catch (IllegalAccessException e) {
            LOG.log(Level.WARNING, "cannot call " + describe(), e);
            return;
        }
        if (ack != null && method.getReturnType() != void.class) {
            reply(ack, result);
        }
    }

    private void reply(Ack ack, Object result) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, describe() + " failed", error);
                } else {
                    ack.call(value);
                }
            });
        } else {
            ack.call(result);
        }
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
