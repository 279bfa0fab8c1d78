package io.jakartio.engine;

/**
 * A hook deciding whether a handshake may proceed, like the reference server's
 * {@code allowRequest} option. A refusal answers {@code 403 {"code":4,"message":...}}.
 *
 * <pre>{@code
 * EngineOptions.builder()
 *     .allowRequest(request -> {
 *         if (request.header("X-Api-Key") == null) {
 *             throw new RequestRejectedException("missing API key");
 *         }
 *     })
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface AllowRequest {

    /** Lets every request through. */
    AllowRequest ALLOW_ALL = request -> { };

    /**
     * Checks a handshake request (polling GET or WebSocket upgrade without {@code sid}).
     *
     * @param request the request
     * @throws RequestRejectedException to refuse it, with the message sent to the client
     */
    void check(EngineRequest request) throws RequestRejectedException;
}
