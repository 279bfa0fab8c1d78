package io.jakartio.jsr356;

import io.jakartio.engine.EngineServer;
import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
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

    /**
     * Deploys the endpoint at a path of a web application that is starting, with the
     * container's per-session message buffers lowered to {@code bufferSize} (see
     * {@link WebSocketBuffers}) and the listener that tells the handshake the client's address.
     *
     * <pre>{@code
     * EngineEndpoint.deploy(servletContext, "/socket.io/", io.engine(), 1024);
     * }</pre>
     *
     * @param context the web application, while it starts
     * @param path the Engine.IO path, e.g. {@code "/socket.io/"}
     * @param engine the engine
     * @param bufferSize the per-session buffer size; 0 keeps the container's
     * @throws IllegalStateException if the container has no WebSocket support or refuses the endpoint
     */
    public static void deploy(ServletContext context, String path, EngineServer engine, int bufferSize) {
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("this container offers no Jakarta WebSocket support");
        }
        WebSocketBuffers.lower(context, bufferSize);
        CloseTimeout.checkEverySecond(context);
        try {
            container.addEndpoint(config(path, engine));
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy the WebSocket endpoint at " + path, e);
        }
        context.addListener(UpgradeRequestAddress.class);
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
            HandshakeSnapshot.capture(config, request, response, engine);
        }

        /** The container's permessage-deflate only when {@code perMessageDeflate} is on ({@link ContainerDeflate}). */
        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return super.getNegotiatedExtensions(installed, ContainerDeflate.offers(engine, requested));
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new EngineEndpoint(engine));
        }
    }
}
