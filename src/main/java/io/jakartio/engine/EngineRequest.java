package io.jakartio.engine;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * What the engine sees of an HTTP request: a polling GET/POST or a WebSocket upgrade. The Jakarta
 * binding adapts servlet requests and WebSocket handshakes to it; tests use plain fakes.
 *
 * <p>The request that opens a session is kept for the session's life ({@link EngineSocket#request()}),
 * and the layers above read its headers and query from it rather than copy them (Socket.IO's
 * handshake does): the maps an implementation returns must not change.
 */
public interface EngineRequest {

    /** @return the HTTP method, upper case ({@code "GET"} for WebSocket upgrades) */
    String method();

    /** @return every query parameter, in request order */
    Map<String, List<String>> queryParameters();

    /** @return every header, names as received (look-ups via {@link #header} ignore case) */
    Map<String, List<String>> headers();

    /** @return the client's address, e.g. {@code "127.0.0.1"} */
    String remoteAddress();

    /** @return the requested URL path and query, e.g. {@code "/socket.io/?EIO=4&transport=polling"} */
    String url();

    /** @return whether the request came over TLS */
    boolean secure();

    /**
     * Reads the request body, for polling POSTs.
     *
     * @param limit the most bytes accepted
     * @return the body
     * @throws PayloadTooLargeException if the body is longer than {@code limit}
     * @throws IOException if reading fails
     */
    byte[] body(long limit) throws PayloadTooLargeException, IOException;

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name
     * @return its value, or {@code null}
     */
    default String query(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The first value of a header, ignoring the case of its name.
     *
     * @param name the header name
     * @return its value, or {@code null}
     */
    default String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The user the container authenticated for this request (a realm, Jakarta Security, an
     * HTTP session login), as {@code HttpServletRequest.getUserPrincipal()} returned it.
     *
     * @return the user, or {@code null} when nobody logged in
     */
    default Principal principal() {
        return null;
    }

    /**
     * Whether the container put the user in a role, as {@code HttpServletRequest.isUserInRole}
     * said while the request was served. Only the roles the application declared were asked
     * about; any other is {@code false}.
     *
     * @param role a role name
     * @return whether the user is in it
     */
    default boolean isUserInRole(String role) {
        return false;
    }

    /** @return the id of the request's HTTP session, or {@code null} if it had none */
    default String httpSessionId() {
        return null;
    }
}
