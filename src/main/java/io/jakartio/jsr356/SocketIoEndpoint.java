package io.jakartio.jsr356;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.engine.EngineServer;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

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
        bridge.open(session, config, false);
    }

    /**
     * Message handlers are declared, not added in {@code onOpen}: a container that reads the
     * first frame while {@code onOpen} runs (WildFly) would otherwise drop it.
     *
     * @param part a part of a text message
     * @param last whether it ends the message
     */
    @OnMessage
    public void onText(String part, boolean last) {
        bridge.text(part, last);
    }

    /**
     * @param part a part of a binary message
     * @param last whether it ends the message
     */
    @OnMessage
    public void onBinary(ByteBuffer part, boolean last) {
        bridge.binary(part, last);
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
