package io.jakartio.jsr356;

import io.jakartio.engine.EngineServer;
import io.jakartio.engine.HttpResponse;
import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.WebSocketHandshake;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.Set;

/**
 * Takes the {@link RequestSnapshot} of a JSR-356 WebSocket handshake in
 * {@code modifyHandshake}, while the request is still visible, and hands it to the endpoint
 * through the configuration's user properties; adds the engine's headers (the session cookie,
 * its listeners') to the {@code 101} response.
 *
 * <p>On a servlet container the handshake was already checked, and accepted, by the filter in
 * front of the container's WebSocket filter ({@link AcceptedHandshake}): a refused one never
 * got here, it was answered with an HTTP error. Elsewhere (a standalone JSR-356 server) it is
 * checked here; a refusal cannot change the response any more, so the engine closes the
 * WebSocket as soon as it opens.
 *
 * <pre>{@code
 * public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
 *     HandshakeSnapshot.capture(config, request, response, engine);
 * }
 * }</pre>
 */
final class HandshakeSnapshot {

    /** The user-property key under which the configurator stores the snapshot. */
    static final String PROPERTY = HandshakeSnapshot.class.getName();

    private HandshakeSnapshot() {
    }

    /**
     * Stores the snapshot of the request the engine accepted in the configuration's user
     * properties, and adds the engine's headers to the response.
     */
    static void capture(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response,
            EngineServer engine) {
        WebSocketHandshake.Accepted accepted = AcceptedHandshake.take();
        if (accepted == null) {
            WebSocketHandshake checked = engine.handshakeWebSocket(of(request, engine.declaredRoles()));
            if (checked instanceof WebSocketHandshake.Refused refused) {
                config.getUserProperties().put(PROPERTY, refused.request()); // the engine closes it when it opens
                return;
            }
            accepted = (WebSocketHandshake.Accepted) checked;
        }
        accepted.headers().forEach((name, value) -> response.getHeaders().put(name, HttpResponse.headerValues(value)));
        config.getUserProperties().put(PROPERTY, accepted.request());
    }

    static RequestSnapshot of(HandshakeRequest request, Set<String> declaredRoles) {
        URI uri = request.getRequestURI();
        RequestSnapshot.Builder snapshot = RequestSnapshot.builder("GET", uri.getRawPath(), request.getQueryString());
        request.getHeaders().forEach(snapshot::header);
        Object session = request.getHttpSession();
        return snapshot.remoteAddress(UpgradeRequestAddress.current())
                .secure("wss".equalsIgnoreCase(uri.getScheme()))
                .principal(request.getUserPrincipal())
                .roles(declaredRoles, request::isUserInRole)
                .httpSessionId(session instanceof HttpSession http ? http.getId() : null)
                .build();
    }
}
