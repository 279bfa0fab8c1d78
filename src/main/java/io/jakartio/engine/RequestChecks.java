package io.jakartio.engine;

import java.security.Principal;
import java.util.function.Function;

/**
 * The engine's checks of a request before it touches any session: its origin, its transport
 * and protocol version, the state of the session it names, the {@code allowRequest} hook. Each
 * returns the {@link Refusal} or {@code null} to go on.
 */
final class RequestChecks {

    private final EngineOptions options;
    private final OriginPolicy origins;
    private final Function<String, EngineSocket> sessions;

    /**
     * @param options the engine's settings
     * @param origins decides which origins may use the engine
     * @param sessions looks up an open session by id
     */
    RequestChecks(EngineOptions options, OriginPolicy origins, Function<String, EngineSocket> sessions) {
        this.options = options;
        this.origins = origins;
        this.sessions = sessions;
    }

    /**
     * @return the protocol revision a request's {@code EIO} parameter asks for: 4, or 3 when
     *     {@link EngineOptions#allowEIO3()}; 0 for any other (unsupported)
     */
    int protocol(EngineRequest request) {
        String eio = request.query("EIO");
        if ("4".equals(eio)) {
            return 4;
        }
        return "3".equals(eio) && options.allowEIO3() ? 3 : 0;
    }

    /** @return the refusal of a request from a foreign origin (403), or {@code null} */
    Refusal origin(EngineRequest request) {
        if (origins.allows(request)) {
            return null;
        }
        return Refusal.withMessage(EngineError.FORBIDDEN, "Origin not allowed", "name", Refusal.ORIGIN_NOT_ALLOWED,
                "origin", request.header("Origin"), "expected", OriginPolicy.ownOrigin(request));
    }

    /**
     * @return why a WebSocket handshake is refused with an HTTP error before the upgrade (all but
     *     {@code allowRequest}), or {@code null}. A handshake for a session that is already on
     *     WebSocket, or upgrading, passes here: the official protocol suite ("ignores WebSocket
     *     connection with same sid after upgrade") expects it to be upgraded and then closed, as
     *     Node's engine.io does, which {@link #webSocket} decides when it opens
     */
    Refusal webSocketHandshake(EngineRequest request) {
        return webSocket(request, false);
    }

    /** @return why a WebSocket that is opening is refused (all but {@code allowRequest}), or {@code null} */
    Refusal webSocket(EngineRequest request) {
        return webSocket(request, true);
    }

    private Refusal webSocket(EngineRequest request, boolean opening) {
        Refusal foreign = origin(request);
        if (foreign != null) {
            return foreign;
        }
        TransportType transport = TransportType.fromWireName(request.query("transport"));
        if (transport != TransportType.WEBSOCKET || !options.allows(transport)) {
            return Refusal.of(EngineError.UNKNOWN_TRANSPORT, "transport", request.query("transport"));
        }
        if (protocol(request) == 0) {
            return Refusal.of(EngineError.UNSUPPORTED_PROTOCOL_VERSION, "protocol", request.query("EIO"));
        }
        String sid = request.query("sid");
        if (sid == null) {
            return null;
        }
        EngineSocket socket = sessions.apply(sid);
        if (socket == null || !socket.isOpen()) {
            return Refusal.of(EngineError.UNKNOWN_SID, "sid", sid);
        }
        Refusal otherUser = sameUser(request, socket);
        if (otherUser != null) {
            return otherUser;
        }
        if (socket.protocol() != protocol(request)) {
            return Refusal.of(EngineError.BAD_REQUEST, "protocol", request.query("EIO"), "sid", sid);
        }
        if (!options.allowUpgrades()) {
            return Refusal.of(EngineError.BAD_REQUEST, "name", Refusal.UPGRADES_DISABLED, "sid", sid);
        }
        if (!opening) {
            return null;
        }
        // A session upgrades once (engine.io-protocol, "Upgrade"): a second WebSocket for a
        // session on WebSocket, or for one that is upgrading, is someone else's or a confused
        // client's. It is refused, and the session goes on as if nothing had happened.
        if (socket.transport() == TransportType.WEBSOCKET) {
            return Refusal.of(EngineError.BAD_REQUEST, "name", Refusal.ALREADY_UPGRADED, "sid", sid);
        }
        if (socket.isUpgradingOrUpgraded()) {
            return Refusal.of(EngineError.BAD_REQUEST, "name", Refusal.ALREADY_UPGRADING, "sid", sid);
        }
        return null;
    }

    /**
     * A session opened by a user the container authenticated speaks only for that user: a later
     * request naming it (a poll, a POST, an upgrade) must come from the same user, or someone who
     * learnt the id while logged in as somebody else — or not logged in — would read and write
     * that user's messages. Sessions opened anonymously are not tied to a user.
     *
     * @param request a request naming {@code socket}'s id
     * @param socket the session it names
     * @return the refusal (403), or {@code null}
     */
    Refusal sameUser(EngineRequest request, EngineSocket socket) {
        Principal owner = socket.request().principal();
        if (owner == null) {
            return null;
        }
        Principal user = request.principal();
        if (user != null && owner.getName().equals(user.getName())) {
            return null;
        }
        return Refusal.withMessage(EngineError.FORBIDDEN, "Session of another user", "name", Refusal.USER_MISMATCH,
                "sid", socket.id());
    }

    /** @return the refusal (403 with the hook's message) if {@code allowRequest} refuses, or {@code null} */
    Refusal allowRequest(EngineRequest request) {
        try {
            options.allowRequest().check(request);
            return null;
        } catch (RequestRejectedException e) {
            String message = e.getMessage() == null ? EngineError.FORBIDDEN.message() : e.getMessage();
            return Refusal.withMessage(EngineError.FORBIDDEN, message, "message", e.getMessage());
        }
    }
}
