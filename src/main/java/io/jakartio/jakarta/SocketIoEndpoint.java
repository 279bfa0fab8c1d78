package io.jakartio.jakarta;

import io.jakartio.engine.EngineServer;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The WebSocket transport of a deployed application, at {@code /socket.io/}: one instance per
 * connection, created through CDI by {@link CdiEndpointConfigurator}, handing frames to the
 * engine. Deployed by the container's annotation scan; {@link SocketIoApplicationConfig}
 * replaces it when another path is configured.
 */
@Dependent
@ServerEndpoint(value = SocketIoConfig.DEFAULT_PATH, configurator = CdiEndpointConfigurator.class)
public class SocketIoEndpoint {

    private final WebSocketBridge bridge;

    /** @param engine the engine of the application's {@code Server} */
    @Inject
    public SocketIoEndpoint(EngineServer engine) {
        this.bridge = new WebSocketBridge(engine);
    }

    /**
     * @param session the new WebSocket session
     * @param config its configuration, carrying the captured handshake request
     */
    @OnOpen
    public void onOpen(Session session, EndpointConfig config) {
        bridge.open(session, config);
    }

    /**
     * @param session the session
     * @param reason why it closed
     */
    @OnClose
    public void onClose(Session session, CloseReason reason) {
        bridge.close();
    }

    /**
     * @param session the session
     * @param error what failed
     */
    @OnError
    public void onError(Session session, Throwable error) {
        bridge.error(error);
    }
}
