package io.jakartio.jsr356;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.jsr356.CdiEndpointConfigurator;
import io.jakartio.jsr356.EngineEndpoint;
import io.jakartio.jsr356.SocketIoEndpoint;
import io.jakartio.config.WebSocketMode;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses how the WebSocket transport is deployed: with {@link WebSocketMode#NATIVE} (the
 * default) no JSR-356 endpoint at all (the polling servlet answers upgrades); with
 * {@code jsr356} the annotated {@link SocketIoEndpoint} at the default path, or, when
 * {@code jakartio.path} names another path, a programmatic {@link EngineEndpoint} there instead.
 */
public final class SocketIoApplicationConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        String path = SocketIoConfig.path();
        if (SocketIoConfig.websocketMode() == WebSocketMode.NATIVE || SocketIoConfig.DEFAULT_PATH.equals(path)) {
            return Set.of();
        }
        return Set.of(ServerEndpointConfig.Builder.create(EngineEndpoint.class, path)
                .configurator(new CdiEndpointConfigurator())
                .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        if (SocketIoConfig.websocketMode() == WebSocketMode.JSR356
                && SocketIoConfig.DEFAULT_PATH.equals(SocketIoConfig.path())) {
            return scanned;
        }
        Set<Class<?>> kept = new HashSet<>(scanned);
        kept.remove(SocketIoEndpoint.class);
        return kept;
    }
}
