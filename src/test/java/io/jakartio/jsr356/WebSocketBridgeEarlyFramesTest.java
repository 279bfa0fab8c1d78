package io.jakartio.jsr356;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.engine.CloseReason;
import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.SessionHandler;
import io.jakartio.testing.ManualScheduler;
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
import org.junit.jupiter.api.Test;

/**
 * Some containers (Undertow) read a WebSocket's first frames while the endpoint's open callback
 * has not run yet: {@link WebSocketBridge} keeps them and delivers them, in order, once open. A
 * peer that sends more than it may before that is closed as the session opens (1008), and none
 * of its frames reaches the engine. The container is a recording {@link Session}; the engine is
 * real.
 */
class WebSocketBridgeEarlyFramesTest {

    private final List<String> received = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();
    private final List<jakarta.websocket.CloseReason> containerCloses = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final WebSocketBridge bridge = new WebSocketBridge(new EngineServer(EngineOptions.defaults(),
            new ManualScheduler(), socket -> new SessionHandler() {
                @Override
                public void onMessage(String text) {
                    received.add(text);
                }

                @Override
                public void onBinary(byte[] data) {
                    received.add(data.length + " bytes");
                }

                @Override
                public void onClose(CloseReason reason) {
                    closes.add(reason);
                }
            }));

    @Test
    void framesBeforeTheOpenCallbackAreDeliveredInOrderOnceOpen() {
        bridge.text("4first", true);
        bridge.text("4sec", false);
        bridge.text("ond", true);

        bridge.open(session(), config(), false);

        assertEquals(List.of("first", "second"), received);
        assertTrue(containerCloses.isEmpty());
        assertTrue(sent.get(0).startsWith("0{\"sid\":"), "the Engine.IO OPEN packet: " + sent);
    }

    @Test
    void aPeerThatFloodsTheSessionBeforeItOpensIsClosedAsItOpensAndNothingIsDelivered() {
        for (int i = 0; i < 100; i++) {
            bridge.text("4flood " + i, true);
        }

        bridge.open(session(), config(), false);
        bridge.text("4after", true);

        assertEquals(1, containerCloses.size());
        assertEquals(1008, containerCloses.get(0).getCloseCode().getCode());
        assertEquals("too many frames before the session opened", containerCloses.get(0).getReasonPhrase());
        assertEquals(List.of(), received);
        assertEquals(List.of(), sent, "no session was opened for it");
        assertEquals(List.of(), closes);
    }

    private EndpointConfig config() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(HandshakeSnapshot.PROPERTY,
                RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket").remoteAddress("127.0.0.1").build());
        return (EndpointConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EndpointConfig.class},
                (proxy, method, args) -> "getUserProperties".equals(method.getName()) ? properties : null);
    }

    /** A session that records what is sent, completes every send at once and records its closes. */
    private Session session() {
        Map<String, Object> userProperties = new HashMap<>();
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("send") && args.length == 2 && args[1] instanceof SendHandler done) {
                        sent.add(String.valueOf(args[0]));
                        done.onResult(new SendResult());
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> containerCloses.isEmpty();
                    case "getUserProperties" -> userProperties;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        containerCloses.add((jakarta.websocket.CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingSession";
                    default -> null;
                });
    }
}
