package io.jakartio.engine;

import io.jakartio.parser.JsonWriter;
import io.jakartio.websocket.WebSocketProtocol;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Engine.IO v4 server: validates requests, performs handshakes, routes polling requests and
 * WebSocket connections to their sessions. It knows nothing of HTTP servers or of Socket.IO: the
 * Jakarta binding feeds it {@link EngineRequest}s, and an {@link EngineHandler} receives the
 * sessions' messages.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(EngineOptions.defaults(), scheduler, socket -> new SessionHandler() {
 *     public void onMessage(String text) {
 *         socket.send(List.of(EnginePacket.message(text)), false); // echo
 *     }
 *     public void onBinary(byte[] data) { }
 *     public void onClose(CloseReason reason) { }
 * });
 * // servlet:   engine.handlePolling(request, exchange);
 * // endpoint:  WebSocketHandler handler = engine.openWebSocket(request, connection);
 * }</pre>
 */
public final class EngineServer {

    private static final System.Logger LOG = System.getLogger(EngineServer.class.getName());
    private static final String JSON = "application/json";
    private static final Duration CLIENT_CLOSE_GRACE = Duration.ofSeconds(2);

    private final EngineOptions options;
    private final Scheduler scheduler;
    private final EngineHandler handler;
    private final SessionIds ids = new SessionIds();
    private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
    private final Set<String> closedByClient = ConcurrentHashMap.newKeySet();
    private final CorsHeaders cors;
    private final Flusher flusher;
    private final Set<String> declaredRoles = ConcurrentHashMap.newKeySet();

    /**
     * Creates the server.
     *
     * @param options the settings
     * @param scheduler runs heartbeats and timeouts
     * @param handler the layer above, told of sessions and messages
     */
    public EngineServer(EngineOptions options, Scheduler scheduler, EngineHandler handler) {
        this.options = options;
        this.scheduler = scheduler;
        this.handler = handler;
        this.cors = new CorsHeaders(options.cors());
        this.flusher = new Flusher(options.writeLanes());
    }

    /** @return the settings */
    public EngineOptions options() {
        return options;
    }

    /**
     * Runs code that queues packets for many sessions, and writes those sessions after it: a
     * broadcast queues its packet for every recipient first, so that packets another thread
     * queues meanwhile for the same recipients leave in the same write. Nothing waits: the
     * sessions are written as soon as {@code deliveries} returned. Calls nest.
     *
     * <pre>{@code
     * engine.batch(() -> recipients.forEach(s -> s.send(packets, false)));
     * }</pre>
     *
     * @param deliveries code that calls {@link EngineSocket#send} for several sessions
     */
    public void batch(Runnable deliveries) {
        flusher.batch(deliveries);
    }

    /** @return the writer of the sessions' queued packets */
    Flusher flusher() {
        return flusher;
    }

    /**
     * Adds roles the application asks {@code isUserInRole} about (a {@code @RolesAllowed}, a
     * handler calling {@code socket.handshake().isUserInRole}). The container answers that
     * question only while it serves a request, so the bindings ask it about every declared role
     * when they take a handshake's {@link RequestSnapshot}, and remember the answers.
     *
     * <pre>{@code
     * engine.declareRoles(Set.of("admin", "moderator"));
     * }</pre>
     *
     * @param roles role names
     */
    public void declareRoles(Collection<String> roles) {
        declaredRoles.addAll(roles);
    }

    /** @return the roles declared so far (a live, thread-safe view) */
    public Set<String> declaredRoles() {
        return Collections.unmodifiableSet(declaredRoles);
    }

    /** @return the number of open sessions */
    public int clientsCount() {
        return sockets.size();
    }

    /**
     * Looks up an open session.
     *
     * @param sid the session id
     * @return the session, or {@code null}
     */
    public EngineSocket socket(String sid) {
        return sockets.get(sid);
    }

    /**
     * Handles a long-polling HTTP request (or a CORS preflight). The response is given to
     * {@code exchange}, now or later (a GET waits for packets).
     *
     * @param request the request
     * @param exchange where the response goes
     */
    public void handlePolling(EngineRequest request, PollingExchange exchange) {
        Map<String, String> headers = cors.forRequest(request);
        String method = request.method();
        if ("OPTIONS".equals(method) && options.cors() != null) {
            exchange.respond(new HttpResponse(204, cors.forPreflight(request), new byte[0]));
            return;
        }
        TransportType transport = TransportType.fromWireName(request.query("transport"));
        if (transport != TransportType.POLLING || !options.allows(transport)) {
            reject(exchange, EngineError.UNKNOWN_TRANSPORT, null, headers);
            return;
        }
        String sid = request.query("sid");
        if (sid == null) {
            handshakePolling(request, exchange, headers);
            return;
        }
        EngineSocket socket = sockets.get(sid);
        if (socket == null) {
            if ("GET".equals(method) && closedByClient.remove(sid)) {
                // The client's CLOSE (in a POST) overtook its own poll: answer that poll as if it
                // had been pending when the session closed.
                exchange.respond(HttpResponse.text(200, "text/plain; charset=UTF-8", "6", headers));
                return;
            }
            reject(exchange, EngineError.UNKNOWN_SID, null, headers);
            return;
        }
        if (!(socket.currentTransport() instanceof PollingTransport polling) || polling.isDiscarded()) {
            reject(exchange, EngineError.BAD_REQUEST, null, headers); // upgraded to WebSocket
            return;
        }
        if ("GET".equals(method)) {
            polling.onGet(exchange, headers);
        } else if ("POST".equals(method)) {
            receivePost(request, exchange, headers, socket, polling);
        } else {
            reject(exchange, EngineError.BAD_REQUEST, null, headers);
        }
    }

    /**
     * Handles a WebSocket that the container accepted on the Engine.IO path: either a new
     * WebSocket-only session, or the probe of an upgrade ({@code sid} given). Invalid requests
     * are closed.
     *
     * @param request the upgrade request
     * @param connection the WebSocket
     * @return where the binding sends the WebSocket's events
     */
    public WebSocketHandler openWebSocket(EngineRequest request, WebSocketConnection connection) {
        return openWebSocket(request, connection, false);
    }

    /**
     * Checks a WebSocket handshake before the binding accepts it, as Node's engine.io does: a
     * binding that writes the HTTP handshake itself answers a bad request with this response
     * (400 with the protocol's error body, 403 when {@code allowRequest} refuses) instead of
     * opening a WebSocket only to close it.
     *
     * <pre>{@code
     * HttpResponse refusal = engine.verifyWebSocket(request);
     * if (refusal != null) { write(refusal); return; }
     * // ... complete the handshake, then:
     * WebSocketHandler handler = engine.openVerifiedWebSocket(request, connection);
     * }</pre>
     *
     * @param request the upgrade request
     * @return the response refusing it, or {@code null} to go on
     */
    public HttpResponse verifyWebSocket(EngineRequest request) {
        Map<String, String> headers = cors.forRequest(request);
        EngineError error = webSocketError(request);
        if (error == null && request.query("sid") == null) {
            try {
                options.allowRequest().check(request);
            } catch (RequestRejectedException e) {
                return HttpResponse.text(EngineError.FORBIDDEN.httpStatus(), JSON,
                        errorBody(EngineError.FORBIDDEN, e.getMessage()), headers);
            }
        }
        return error == null ? null : HttpResponse.text(error.httpStatus(), JSON, errorBody(error), headers);
    }

    /**
     * Opens a WebSocket whose handshake {@link #verifyWebSocket} accepted ({@code allowRequest}
     * is not asked again); otherwise as {@link #openWebSocket}.
     *
     * @param request the upgrade request
     * @param connection sends frames to the client
     * @return the handler to pass the connection's events to
     */
    public WebSocketHandler openVerifiedWebSocket(EngineRequest request, WebSocketConnection connection) {
        return openWebSocket(request, connection, true);
    }

    private EngineError webSocketError(EngineRequest request) {
        TransportType transport = TransportType.fromWireName(request.query("transport"));
        if (transport != TransportType.WEBSOCKET || !options.allows(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        if (!"4".equals(request.query("EIO"))) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        String sid = request.query("sid");
        if (sid != null) {
            EngineSocket socket = sockets.get(sid);
            if (socket == null) {
                return EngineError.UNKNOWN_SID;
            }
            if (!options.allowUpgrades()) {
                return EngineError.BAD_REQUEST;
            }
        }
        return null;
    }

    private WebSocketHandler openWebSocket(EngineRequest request, WebSocketConnection connection, boolean verified) {
        EngineError error = webSocketError(request); // again when verified: the session may have gone since
        if (error != null) {
            return refuse(connection, error);
        }
        WebSocketTransport websocket = new WebSocketTransport(connection, false);
        String sid = request.query("sid");
        if (sid != null) {
            EngineSocket socket = sockets.get(sid);
            if (socket == null) {
                return refuse(connection, EngineError.UNKNOWN_SID);
            }
            if (!socket.startUpgrade(websocket)) {
                return refuse(connection, EngineError.BAD_REQUEST);
            }
            return websocket;
        }
        if (!verified) {
            try {
                options.allowRequest().check(request);
            } catch (RequestRejectedException e) {
                return refuse(connection, EngineError.FORBIDDEN);
            }
        }
        open(request, websocket, List.of());
        // Only now may frames go out: the handler is ready for the client's first message.
        websocket.activate();
        websocket.flush();
        return websocket;
    }

    /**
     * Closes every session ({@link CloseReason#SERVER_SHUTTING_DOWN}); new requests are still
     * served, so call this when the application stops.
     */
    public void close() {
        for (EngineSocket socket : new ArrayList<>(sockets.values())) {
            socket.onClose(CloseReason.SERVER_SHUTTING_DOWN);
        }
    }

    /** @return the scheduler running heartbeats and timeouts, for the bindings' own timeouts */
    public Scheduler scheduler() {
        return scheduler;
    }

    // ---- package-private ----

    void remove(EngineSocket socket) {
        sockets.remove(socket.id(), socket);
    }

    /**
     * Remembers, briefly, a polling session that the client closed while no GET was pending, so
     * that a GET racing the CLOSE still gets its NOOP instead of an error.
     */
    void rememberClientClose(String sid) {
        closedByClient.add(sid);
        scheduler.schedule(CLIENT_CLOSE_GRACE, () -> closedByClient.remove(sid));
    }

    /** The racing GET was answered through its session after all: no NOOP is owed any more. */
    void forgetClientClose(String sid) {
        closedByClient.remove(sid);
    }

    static String errorBody(EngineError error) {
        return errorBody(error, error.message());
    }

    static String errorBody(EngineError error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", message);
        return JsonWriter.toJson(body);
    }

    // ---- private ----

    private void handshakePolling(EngineRequest request, PollingExchange exchange, Map<String, String> headers) {
        if (!"GET".equals(request.method())) {
            reject(exchange, EngineError.BAD_HANDSHAKE_METHOD, null, headers);
            return;
        }
        if (!"4".equals(request.query("EIO"))) {
            reject(exchange, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null, headers);
            return;
        }
        try {
            options.allowRequest().check(request);
        } catch (RequestRejectedException e) {
            reject(exchange, EngineError.FORBIDDEN, e.getMessage(), headers);
            return;
        }
        PollingTransport polling = new PollingTransport();
        List<String> upgrades = options.allowUpgrades() && options.allows(TransportType.WEBSOCKET)
                ? List.of(TransportType.WEBSOCKET.wireName()) : List.of();
        open(request, polling, upgrades);
        polling.onGet(exchange, headers);
    }

    private void open(EngineRequest request, Transport transport, List<String> upgrades) {
        String sid = ids.next();
        EngineSocket socket = new EngineSocket(sid, this, request, transport);
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("sid", sid);
        handshake.put("upgrades", upgrades);
        handshake.put("pingInterval", options.pingInterval().toMillis());
        handshake.put("pingTimeout", options.pingTimeout().toMillis());
        handshake.put("maxPayload", options.maxHttpBufferSize());
        sockets.put(sid, socket);
        // OPEN goes out only after onOpen returned (the caller then activates the transport),
        // so that the handler is ready for the client's first message.
        socket.open(JsonWriter.toJson(handshake), handler);
    }

    private void receivePost(EngineRequest request, PollingExchange exchange, Map<String, String> headers,
            EngineSocket socket, PollingTransport polling) {
        byte[] body;
        try {
            body = request.body(options.maxHttpBufferSize());
        } catch (PayloadTooLargeException e) {
            exchange.respond(HttpResponse.text(413, JSON,
                    errorBody(EngineError.BAD_REQUEST, "Payload too large"), headers));
            socket.onClose(CloseReason.TRANSPORT_ERROR);
            return;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "session " + socket.id() + ": cannot read POST body", e);
            reject(exchange, EngineError.BAD_REQUEST, null, headers);
            socket.onClose(CloseReason.TRANSPORT_ERROR);
            return;
        }
        polling.onPost(exchange, headers, body);
    }

    private static void reject(PollingExchange exchange, EngineError error, String message, Map<String, String> headers) {
        String body = message == null ? errorBody(error) : errorBody(error, message);
        exchange.respond(HttpResponse.text(error.httpStatus(), JSON, body, headers));
    }

    private static WebSocketHandler refuse(WebSocketConnection connection, EngineError error) {
        connection.close(WebSocketProtocol.CLOSE_POLICY_VIOLATION, error.message());
        return ClosedHandler.INSTANCE;
    }

    /** Ignores the events of a WebSocket that was refused. */
    private enum ClosedHandler implements WebSocketHandler {
        INSTANCE;

        @Override
        public void onText(String frame) {
        }

        @Override
        public void onBinary(byte[] frame) {
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onClose() {
        }
    }
}
