package io.jakartio.jsr356;

import io.jakartio.engine.RequestSnapshot;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's JSR-356 {@link Session} for {@link WebSocketBridge} tests: it completes every send
 * at once and records what was sent and how it was closed; {@link #config()} carries a WebSocket
 * handshake's snapshot, as the configurators leave it.
 */
final class RecordingSession {

    /** The messages sent, in order (a text, or a binary buffer's {@code toString}). */
    final List<String> sent = new ArrayList<>();
    /** The closes the bridge asked for. */
    final List<CloseReason> closes = new ArrayList<>();

    private final Map<String, Object> userProperties = new HashMap<>();
    private final Session session;

    RecordingSession() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("send") && args.length == 2 && args[1] instanceof SendHandler done) {
                        sent.add(String.valueOf(args[0]));
                        done.onResult(new SendResult());
                    }
                    return null;
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> closes.isEmpty();
                    case "getUserProperties" -> userProperties;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        closes.add((CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingSession";
                    default -> null;
                });
    }

    /** @return the session to hand to the bridge */
    Session session() {
        return session;
    }

    /** @return an endpoint configuration carrying a WebSocket handshake from 127.0.0.1 */
    static EndpointConfig config() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(HandshakeSnapshot.PROPERTY,
                RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket").remoteAddress("127.0.0.1").build());
        return (EndpointConfig) Proxy.newProxyInstance(RecordingSession.class.getClassLoader(),
                new Class<?>[] {EndpointConfig.class},
                (proxy, method, args) -> "getUserProperties".equals(method.getName()) ? properties : null);
    }
}
