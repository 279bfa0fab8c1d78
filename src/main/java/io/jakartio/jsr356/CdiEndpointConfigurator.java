package io.jakartio.jsr356;

import io.jakartio.engine.EngineServer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Creates WebSocket endpoint instances through CDI, which works on every container (Weld on
 * Tomcat does not inject into endpoints the container creates itself), and captures the
 * handshake request for the engine (see {@link HandshakeSnapshot}).
 */
public final class CdiEndpointConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        EngineServer engine;
        try {
            engine = CDI.current().select(EngineServer.class).get();
        } catch (IllegalStateException | LinkageError e) {
            return; // no CDI: getEndpointInstance will say why
        }
        HandshakeSnapshot.capture(config, request, response, engine);
    }

    /** The container's permessage-deflate only when {@code perMessageDeflate} is on ({@link ContainerDeflate}). */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        EngineServer engine;
        try {
            engine = CDI.current().select(EngineServer.class).get();
        } catch (IllegalStateException | LinkageError e) {
            engine = null; // no CDI: getEndpointInstance will say why
        }
        return super.getNegotiatedExtensions(installed, ContainerDeflate.offers(engine, requested));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            if (endpointClass == EngineEndpoint.class) {
                return endpointClass.cast(new EngineEndpoint(CDI.current().select(EngineServer.class).get()));
            }
            return CDI.current().select(endpointClass).get();
        } catch (IllegalStateException | LinkageError e) {
            InstantiationException failure = new InstantiationException(
                    "no CDI container to create " + endpointClass.getName()
                    + ": deploy the Tomcat flavour (with Weld), or register the server with SocketIoRegistration");
            failure.initCause(e);
            throw failure;
        }
    }
}
