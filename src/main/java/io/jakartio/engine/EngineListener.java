package io.jakartio.engine;

import java.util.Map;

/**
 * Hooks into the engine's handling of HTTP requests, for operations and administration: Node's
 * {@code connection_error}, {@code initial_headers} and {@code headers} events. Every method does
 * nothing by default; override the ones you need.
 *
 * <pre>{@code
 * io.engine().addListener(new EngineListener() {
 *     public void onConnectionError(ConnectionError error) {
 *         log.info(error.request().remoteAddress() + " refused: " + error.message() + " " + error.context());
 *     }
 *     public void onInitialHeaders(Map<String, String> headers, EngineRequest request) {
 *         headers.put("X-Server-Node", nodeName); // on every handshake response
 *     }
 * });
 * }</pre>
 *
 * <p>Order: for a handshake (a request without {@code sid}) that the engine accepts,
 * {@link #onInitialHeaders} and then {@link #onHeaders}; for an accepted request of an open
 * session (a poll, a POST, an upgrade's WebSocket), {@link #onHeaders} alone; for a refused
 * request, {@link #onConnectionError} alone. Headers are asked for while the request is being
 * served, before its response is written (for a long poll, when it arrives); for a WebSocket,
 * before the {@code 101 Switching Protocols} response.
 *
 * <p>Threading: methods run on the thread serving the request (a container thread), for many
 * requests at once; they must be thread-safe and must not block. An exception thrown by a
 * listener is logged and otherwise ignored: the request goes on.
 */
public interface EngineListener {

    /**
     * A request was refused.
     *
     * @param error what was refused and why
     */
    default void onConnectionError(ConnectionError error) {
    }

    /**
     * The response to a handshake is about to be written: add headers to it (a cookie, say).
     * The map already holds the engine's own (CORS, the session cookie of
     * {@link EngineOptions#cookie()}). A header sent several times (Node's array value) is one
     * entry, its values joined by {@code '\n'}: {@code headers.merge("Set-Cookie", cookie,
     * (old, added) -> old + "\n" + added)} adds a cookie to the ones already there
     * ({@link HttpResponse#headerValues}).
     *
     * @param headers the response headers, mutable
     * @param request the handshake request
     */
    default void onInitialHeaders(Map<String, String> headers, EngineRequest request) {
    }

    /**
     * The response to any accepted request is about to be written, the handshake included
     * (after {@link #onInitialHeaders}): add headers to it.
     *
     * @param headers the response headers, mutable
     * @param request the request
     */
    default void onHeaders(Map<String, String> headers, EngineRequest request) {
    }
}
