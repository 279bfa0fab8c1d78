package io.jakartio.jakarta;

import io.jakartio.engine.EngineServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Objects;

/**
 * The WebSocket transport as a programmatic JSR-356 endpoint, for any path: used when the
 * application registers the server itself (embedded containers, a custom path).
 *
 * <pre>{@code
 * ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
 * container.addEndpoint(EngineEndpoint.config("/socket.io/", engine));
 * }</pre>
 */
public final class EngineEndpoint extends Endpoint {

    private final WebSocketBridge bridge;

    /** @param engine the engine receiving the connections */
    public EngineEndpoint(EngineServer engine) {
        this.bridge = new WebSocketBridge(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * Builds the endpoint configuration for a path.
     *
     * @param path the Engine.IO path, e.g. {@code "/socket.io/"}
     * @param engine the engine
     * @return the configuration to pass to {@code ServerContainer.addEndpoint}
     */
    public static ServerEndpointConfig config(String path, EngineServer engine) {
        return ServerEndpointConfig.Builder.create(EngineEndpoint.class, path)
                .configurator(new Configurator(engine))
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        bridge.open(session, config, true);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        bridge.close();
    }

    @Override
    public void onError(Session session, Throwable error) {
        bridge.error(error);
    }

    /** Captures the handshake request and creates one endpoint per connection. */
    static final class Configurator extends ServerEndpointConfig.Configurator {
        private final EngineServer engine;

        Configurator(EngineServer engine) {
            this.engine = engine;
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            HandshakeEngineRequest.capture(config, request);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new EngineEndpoint(engine));
        }
    }
}
