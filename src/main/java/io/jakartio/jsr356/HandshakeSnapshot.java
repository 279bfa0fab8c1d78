package io.jakartio.jsr356;

import io.jakartio.engine.RequestSnapshot;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * Takes the {@link RequestSnapshot} of a JSR-356 WebSocket handshake in
 * {@code modifyHandshake}, while the request is still visible, and hands it to the endpoint
 * through the configuration's user properties.
 *
 * <pre>{@code
 * public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
 *     HandshakeSnapshot.capture(config, request, Set.of());
 * }
 * }</pre>
 */
final class HandshakeSnapshot {

    /** The user-property key under which the configurator stores the snapshot. */
    static final String PROPERTY = HandshakeSnapshot.class.getName();

    private HandshakeSnapshot() {
    }

    /** Stores the request's snapshot in the configuration's user properties. */
    static void capture(ServerEndpointConfig config, HandshakeRequest request, Set<String> declaredRoles) {
        config.getUserProperties().put(PROPERTY, of(request, declaredRoles));
    }

    static RequestSnapshot of(HandshakeRequest request, Set<String> declaredRoles) {
        URI uri = request.getRequestURI();
        RequestSnapshot.Builder snapshot = RequestSnapshot.builder("GET", uri.getRawPath(), request.getQueryString());
        request.getHeaders().forEach(snapshot::header);
        Object session = request.getHttpSession();
        return snapshot.remoteAddress(UpgradeRequestAddress.current())
                .secure("wss".equalsIgnoreCase(uri.getScheme()))
                .principal(request.getUserPrincipal())
                .roles(granted(request, declaredRoles))
                .httpSessionId(session instanceof HttpSession http ? http.getId() : null)
                .build();
    }

    private static Set<String> granted(HandshakeRequest request, Set<String> declaredRoles) {
        if (declaredRoles.isEmpty() || request.getUserPrincipal() == null) {
            return Set.of();
        }
        Set<String> granted = new HashSet<>();
        for (String role : declaredRoles) {
            if (request.isUserInRole(role)) {
                granted.add(role);
            }
        }
        return granted;
    }
}
