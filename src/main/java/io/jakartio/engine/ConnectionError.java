package io.jakartio.engine;

import java.util.Map;

/**
 * A request the engine refused (Node's {@code connection_error} event): a handshake or a
 * request for a session, answered with an HTTP error (or, where the container accepted the
 * WebSocket before the engine could answer, closed at once).
 *
 * <pre>{@code
 * engine.addListener(new EngineListener() {
 *     public void onConnectionError(ConnectionError error) {
 *         metrics.increment("refused", error.context().getOrDefault("name", error.message()));
 *     }
 * });
 * }</pre>
 *
 * @param code the protocol's error code ({@link EngineError#code()}): 0 unknown transport, 1
 *     unknown session id, 2 bad handshake method, 3 bad request, 4 forbidden, 5 unsupported
 *     protocol version
 * @param message the message sent to the client, e.g. {@code "Origin not allowed"}
 * @param request the refused request
 * @param context details, as in Node: {@code name} (e.g. {@code "ORIGIN_NOT_ALLOWED"},
 *     {@code "TRANSPORT_MISMATCH"}, {@code "ALREADY_UPGRADED"}) and the values that decided
 *     ({@code origin}, {@code sid}, {@code transport}...)
 */
public record ConnectionError(int code, String message, EngineRequest request, Map<String, Object> context) {

    /**
     * Copies the context.
     *
     * @param code the error code
     * @param message the message
     * @param request the request
     * @param context the details
     */
    public ConnectionError {
        context = Map.copyOf(context);
    }

    /** @return the HTTP status the refusal was answered with (403 for code 4, else 400) */
    public int httpStatus() {
        return code == EngineError.FORBIDDEN.code() ? 403 : 400;
    }
}
