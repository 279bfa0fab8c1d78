package io.jakartio.engine;

import java.util.Map;

/**
 * The engine's answer to a WebSocket opening handshake, for a binding that writes the HTTP
 * response itself ({@link EngineServer#handshakeWebSocket}): refused with an HTTP error, as
 * Node's engine.io answers a bad upgrade, or accepted with the headers to add to the
 * {@code 101 Switching Protocols} response.
 *
 * <pre>{@code
 * WebSocketHandshake handshake = engine.handshakeWebSocket(snapshot);
 * if (handshake instanceof WebSocketHandshake.Refused refused) {
 *     write(refused.response()); // 400 or 403 with {"code":..,"message":..}
 * } else if (handshake instanceof WebSocketHandshake.Accepted accepted) {
 *     accepted.headers().forEach(response::setHeader);
 *     // ... switch protocols, then:
 *     engine.openVerifiedWebSocket(accepted.request(), connection);
 * }
 * }</pre>
 */
public sealed interface WebSocketHandshake {

    /**
     * The handshake is refused: answer it with this response instead of switching protocols.
     *
     * @param response the HTTP error response
     * @param request the request, marked refused: a binding that can no longer answer with an
     *     HTTP error (a standalone JSR-356 server) opens the WebSocket with it, and the engine
     *     closes it at once (1008) without reporting the refusal a second time
     */
    record Refused(HttpResponse response, RequestSnapshot request) implements WebSocketHandshake {
    }

    /**
     * The handshake is accepted.
     *
     * @param request the request to open the WebSocket with: for a new session it carries the id
     *     the engine gave it (the one the headers' cookie names)
     * @param headers headers to add to the {@code 101} response: the session cookie, those of
     *     {@link EngineListener#onInitialHeaders} and {@link EngineListener#onHeaders}
     */
    record Accepted(RequestSnapshot request, Map<String, String> headers) implements WebSocketHandshake {

        /**
         * Copies the headers.
         *
         * @param request the request to open with
         * @param headers the headers
         */
        public Accepted {
            headers = Map.copyOf(headers);
        }
    }
}
