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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Engine.IO v4 server: validates requests, performs handshakes, routes polling requests and
 * WebSocket connections to their sessions (with {@link EngineOptions#allowEIO3()}, Engine.IO v3
 * ones too: see {@link EngineSocket#protocol()}). It knows nothing of HTTP servers or of
 * Socket.IO: the Jakarta binding feeds it {@link EngineRequest}s, and an {@link EngineHandler}
 * receives the sessions' messages.
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
 *
 * <p>Every request is checked before anything else: a request whose {@code Origin} is neither
 * the server's own nor allowed by the CORS options is refused with 403 ({@link OriginPolicy}); a
 * request presenting the id of a session that is already on WebSocket, other than that session's
 * own WebSocket, is refused — a poll or a POST with 400, a WebSocket closed as soon as it opens,
 * as in Node — and the session does not notice. Refusals are reported to
 * the {@link EngineListener}s and logged at most once a second per cause.
 */
public final class EngineServer {

    private static final System.Logger LOG = System.getLogger(EngineServer.class.getName());
    private static final String JSON = "application/json";
    private static final Duration CLIENT_CLOSE_GRACE = Duration.ofSeconds(2);

    private final EngineOptions options;
    private final Scheduler scheduler;
    private final EngineHandler handler;
    private final SessionIdSource ids;
    private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
    private final Set<String> closedByClient = ConcurrentHashMap.newKeySet();
    private final CorsHeaders cors;
    private final Flusher flusher;
    private final Set<String> declaredRoles = ConcurrentHashMap.newKeySet();
    private final RequestChecks checks;
    private final EngineListeners listeners;

    /**
     * Creates the server.
     *
     * @param options the settings
     * @param scheduler runs heartbeats and timeouts
     * @param handler the layer above, told of sessions and messages
     */
    public EngineServer(EngineOptions options, Scheduler scheduler, EngineHandler handler) {
        this(options, scheduler, handler, EngineListeners.refusalLog());
    }

    /** As the public constructor, with the log of refused requests (for tests: its logger and clock). */
    EngineServer(EngineOptions options, Scheduler scheduler, EngineHandler handler, RateLimitedLog refusals) {
        this.options = options;
        this.ids = new SessionIdSource(options.generateId());
        this.scheduler = scheduler;
        this.handler = handler;
        this.cors = new CorsHeaders(options.cors());
        this.flusher = new Flusher(options.writeLanes());
        this.checks = new RequestChecks(options, new OriginPolicy(options.cors()), sockets::get);
        this.listeners = new EngineListeners(options.cookie(), refusals);
    }

    /**
     * Adds hooks into request handling: refused requests, response headers (Node's
     * {@code connection_error}, {@code initial_headers} and {@code headers} events).
     *
     * <pre>{@code
     * io.engine().addListener(new EngineListener() {
     *     public void onConnectionError(ConnectionError error) {
     *         refusals.increment(error.code());
     *     }
     * });
     * }</pre>
     *
     * @param listener the listener; called on the threads serving requests
     */
    public void addListener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener a listener given to {@link #addListener}; no longer called from now on */
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
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
        Refusal foreign = checks.origin(request);
        if (foreign != null) {
            reject(exchange, foreign, request, headers);
            return;
        }
        String method = request.method();
        if ("OPTIONS".equals(method) && options.cors() != null) {
            exchange.respond(new HttpResponse(204, cors.forPreflight(request), new byte[0]));
            return;
        }
        TransportType transport = TransportType.fromWireName(request.query("transport"));
        if (transport != TransportType.POLLING || !options.allows(transport)) {
            reject(exchange, Refusal.of(EngineError.UNKNOWN_TRANSPORT, "transport", request.query("transport")),
                    request, headers);
            return;
        }
        String sid = request.query("sid");
        if (sid == null) {
            handshakePolling(request, exchange, headers);
            return;
        }
        EngineSocket socket = sockets.get(sid);
        if (socket != null && socket.expireIfPongOverdue()) {
            socket = null; // its heartbeat's deadline passed: gone, whichever thread saw it first
        }
        if (socket == null) {
            if ("GET".equals(method) && closedByClient.remove(sid)) {
                // The client's CLOSE (in a POST) overtook its own poll: answer that poll as if it
                // had been pending when the session closed.
                exchange.respond(HttpResponse.text(200, "text/plain; charset=UTF-8",
                        checks.protocol(request) == 3 ? "1:6" : "6", headers));
                return;
            }
            reject(exchange, Refusal.of(EngineError.UNKNOWN_SID, "sid", sid), request, headers);
            return;
        }
        Refusal otherUser = checks.sameUser(request, socket);
        if (otherUser != null) {
            reject(exchange, otherUser, request, headers);
            return;
        }
        if (!(socket.currentTransport() instanceof PollingTransport polling) || polling.isDiscarded()) {
            // The session is on WebSocket: only its WebSocket speaks for it now. A poll or a POST
            // presenting its id (a stale client, or someone who learnt the id) is refused
            // without touching the session, as Node does ("TRANSPORT_MISMATCH").
            reject(exchange, Refusal.of(EngineError.BAD_REQUEST, "name", Refusal.TRANSPORT_MISMATCH,
                    "transport", TransportType.POLLING.wireName(), "previousTransport", TransportType.WEBSOCKET.wireName(),
                    "sid", sid), request, headers);
            return;
        }
        if ("GET".equals(method)) {
            polling.onGet(exchange, listeners.headers(headers, request, null), acceptedEncoding(request));
        } else if ("POST".equals(method)) {
            receivePost(request, exchange, listeners.headers(headers, request, null), socket, polling);
        } else {
            reject(exchange, Refusal.of(EngineError.BAD_REQUEST, "method", method), request, headers);
        }
    }

    /**
     * Handles a WebSocket that the container accepted on the Engine.IO path: either a new
     * WebSocket-only session, or the probe of an upgrade ({@code sid} given). Invalid requests
     * are closed (1008, policy violation); a binding that can still answer with an HTTP error
     * asks {@link #handshakeWebSocket} first.
     *
     * @param request the upgrade request, or the one {@link #handshakeWebSocket} accepted
     * @param connection the WebSocket
     * @return where the binding sends the WebSocket's events
     */
    public WebSocketHandler openWebSocket(EngineRequest request, WebSocketConnection connection) {
        return openWebSocket(request, connection, false);
    }

    /**
     * Checks a WebSocket handshake before the binding accepts it, as Node's engine.io does: a
     * binding that writes the HTTP handshake itself answers a bad request with an HTTP error
     * (400 with the protocol's error body; 403 for a foreign {@code Origin} or when
     * {@code allowRequest} refuses) instead of opening a WebSocket only to close it. (A second
     * WebSocket for a session already on WebSocket is the exception: it is accepted and closed
     * as it opens, which is what the protocol's test suite expects.) An accepted
     * handshake of a new session already has its session id, so that the {@code 101} response
     * can carry the session cookie ({@link EngineOptions#cookie()}) and the headers of the
     * {@link EngineListener}s.
     *
     * <pre>{@code
     * WebSocketHandshake handshake = engine.handshakeWebSocket(request);
     * if (handshake instanceof WebSocketHandshake.Refused refused) { write(refused.response()); return; }
     * WebSocketHandshake.Accepted accepted = (WebSocketHandshake.Accepted) handshake;
     * // ... complete the handshake with accepted.headers(), then:
     * WebSocketHandler handler = engine.openVerifiedWebSocket(accepted.request(), connection);
     * }</pre>
     *
     * @param request the upgrade request
     * @return refused with a response, or accepted with the request to open and the headers to add
     */
    public WebSocketHandshake handshakeWebSocket(RequestSnapshot request) {
        Refusal refusal = checks.webSocketHandshake(request);
        if (refusal == null && request.query("sid") == null) {
            refusal = checks.allowRequest(request);
        }
        if (refusal != null) {
            listeners.refused(refusal, request);
            return new WebSocketHandshake.Refused(refusal.response(cors.forRequest(request)), request.asRefused());
        }
        String sid = null;
        if (request.query("sid") == null) {
            try {
                sid = newSid(request);
            } catch (SessionIdSource.UnusableId e) {
                listeners.refused(e.refusal(), request);
                return new WebSocketHandshake.Refused(e.refusal().response(cors.forRequest(request)), request.asRefused());
            }
        }
        Map<String, String> headers = listeners.headers(Map.of(), request, sid);
        return new WebSocketHandshake.Accepted(sid == null ? request : request.withAcceptedSid(sid), headers);
    }

    /**
     * Opens a WebSocket whose handshake {@link #handshakeWebSocket} accepted ({@code allowRequest}
     * is not asked again); otherwise as {@link #openWebSocket}.
     *
     * @param request the upgrade request
     * @param connection sends frames to the client
     * @return the handler to pass the connection's events to
     */
    public WebSocketHandler openVerifiedWebSocket(EngineRequest request, WebSocketConnection connection) {
        return openWebSocket(request, connection, true);
    }

    private WebSocketHandler openWebSocket(EngineRequest request, WebSocketConnection connection, boolean verified) {
        String acceptedSid = null;
        if (request instanceof RequestSnapshot snapshot) {
            if (snapshot.refused()) {
                connection.close(1008, EngineError.BAD_REQUEST.message()); // reported when it was refused
                return ClosedHandler.INSTANCE;
            }
            acceptedSid = snapshot.acceptedSid();
        }
        // Checked again when verified: the session may have gone, or upgraded, since.
        Refusal refusal = checks.webSocket(request);
        if (refusal == null && request.query("sid") == null && !verified && acceptedSid == null) {
            refusal = checks.allowRequest(request);
        }
        if (refusal != null) {
            return refuse(connection, refusal, request);
        }
        int protocol = checks.protocol(request);
        WebSocketTransport websocket = WebSocketTransport.of(connection, false,
                protocol == 3 ? V3Framing.of(request) : null);
        String sid = request.query("sid");
        if (sid != null) {
            EngineSocket socket = sockets.get(sid);
            if (socket == null) {
                return refuse(connection, Refusal.of(EngineError.UNKNOWN_SID, "sid", sid), request);
            }
            if (!socket.startUpgrade(websocket)) { // another WebSocket got there first
                return refuse(connection, Refusal.of(EngineError.BAD_REQUEST, "name", Refusal.ALREADY_UPGRADING,
                        "sid", sid), request);
            }
            return websocket;
        }
        String newSid = acceptedSid;
        if (newSid == null) {
            try {
                newSid = newSid(request);
            } catch (SessionIdSource.UnusableId e) {
                return refuse(connection, e.refusal(), request);
            }
        }
        if (!open(newSid, request, websocket, List.of(), protocol)) {
            // the binding opened one accepted handshake twice
            return refuse(connection, Refusal.of(EngineError.BAD_REQUEST, "sid", newSid), request);
        }
        // Only now may frames go out: the handler is ready for the client's first message.
        websocket.activate();
        websocket.flush();
        return websocket;
    }

    /**
     * Closes every session ({@link CloseReason#SERVER_SHUTTING_DOWN}) and stops the writer
     * threads of broadcasts; new requests are still served (their threads then write every
     * broadcast themselves), so call this when the application stops.
     */
    public void close() {
        for (EngineSocket socket : new ArrayList<>(sockets.values())) {
            socket.onClose(CloseReason.SERVER_SHUTTING_DOWN);
        }
        flusher.close();
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
            reject(exchange, Refusal.of(EngineError.BAD_HANDSHAKE_METHOD, "method", request.method()), request, headers);
            return;
        }
        int protocol = checks.protocol(request);
        if (protocol == 0) {
            reject(exchange, Refusal.of(EngineError.UNSUPPORTED_PROTOCOL_VERSION, "protocol", request.query("EIO")),
                    request, headers);
            return;
        }
        Refusal forbidden = checks.allowRequest(request);
        if (forbidden != null) {
            reject(exchange, forbidden, request, headers);
            return;
        }
        PollingTransport polling = new PollingTransport(protocol == 3 ? V3Framing.of(request) : null);
        List<String> upgrades = options.allowUpgrades() && options.allows(TransportType.WEBSOCKET)
                ? List.of(TransportType.WEBSOCKET.wireName()) : List.of();
        String sid;
        try {
            sid = newSid(request);
        } catch (SessionIdSource.UnusableId e) {
            reject(exchange, e.refusal(), request, headers);
            return;
        }
        Map<String, String> initial = listeners.headers(headers, request, sid);
        if (!open(sid, request, polling, upgrades, protocol)) { // taken meanwhile
            reject(exchange, SessionIdSource.inUse(sid), request, headers);
            return;
        }
        polling.onGet(exchange, initial, acceptedEncoding(request));
    }

    /** @return the id of a new session (Node's {@code generateId}), not in use when asked */
    private String newSid(EngineRequest request) throws SessionIdSource.UnusableId {
        String sid = ids.next(request);
        if (sockets.containsKey(sid)) {
            throw new SessionIdSource.UnusableId(SessionIdSource.inUse(sid));
        }
        return sid;
    }

    /** @return false if a session with this id exists (nothing was opened) */
    private boolean open(String sid, EngineRequest request, Transport transport, List<String> upgrades, int protocol) {
        EngineSocket socket = new EngineSocket(sid, this, request, transport, protocol);
        if (sockets.putIfAbsent(sid, socket) != null) {
            return false;
        }
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("sid", sid);
        handshake.put("upgrades", upgrades);
        handshake.put("pingInterval", options.pingInterval().toMillis());
        handshake.put("pingTimeout", options.pingTimeout().toMillis());
        handshake.put("maxPayload", options.maxHttpBufferSize());
        // OPEN is queued first, so that packets sent in onOpen follow it; it goes out only after
        // onOpen returned (the caller then activates the transport), so that the handler is
        // ready for the client's first message.
        socket.open(JsonWriter.toJson(handshake), handler);
        return true;
    }

    private void receivePost(EngineRequest request, PollingExchange exchange, Map<String, String> headers,
            EngineSocket socket, PollingTransport polling) {
        byte[] body;
        try {
            body = request.body(options.maxHttpBufferSize());
        } catch (PayloadTooLargeException e) {
            // an empty 413, as the reference server's res.writeHead(413).end(): its client
            // reports the status alone (engine.io-client's "xhr post error", responseText "")
            // and closes with "transport error". The session is left to the client, as there:
            // closing it here would answer the pending GET with CLOSE, which can reach the
            // client first and make it "transport close". A client that gave up is ended by
            // the heartbeat.
            exchange.respond(new HttpResponse(413, headers, new byte[0]));
            return;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "session " + socket.id() + ": cannot read POST body", e);
            exchange.respond(Refusal.of(EngineError.BAD_REQUEST).response(headers)); // the client went away
            socket.onClose(CloseReason.TRANSPORT_ERROR);
            return;
        }
        polling.onPost(exchange, headers, body,
                V3Framing.BINARY_PAYLOAD.equals(request.header("Content-Type")) && socket.protocol() == 3);
    }

    /** @return the content coding a poll's payload may be sent in ({@code httpCompression}), or {@code null} */
    private String acceptedEncoding(EngineRequest request) {
        return HttpCompression.encoding(options.httpCompression(), request.header("Accept-Encoding"));
    }

    private void reject(PollingExchange exchange, Refusal refusal, EngineRequest request, Map<String, String> headers) {
        listeners.refused(refusal, request);
        exchange.respond(refusal.response(headers));
    }

    /** A WebSocket the container already accepted is refused: closed at once (1008, policy violation). */
    private WebSocketHandler refuse(WebSocketConnection connection, Refusal refusal, EngineRequest request) {
        listeners.refused(refusal, request);
        connection.close(WebSocketProtocol.CLOSE_POLICY_VIOLATION, refusal.error().message());
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
