package io.jakartio.server;

import io.jakartio.engine.EngineServer;
import io.jakartio.engine.EngineSocket;
import io.jakartio.engine.ExecutorScheduler;
import io.jakartio.engine.Scheduler;
import io.jakartio.engine.SessionHandler;
import io.jakartio.engine.SessionIds;
import io.jakartio.parser.PacketEncoder;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The Socket.IO server: Socket.IO's {@code io}. It owns the Engine.IO server and the
 * namespaces; the methods below that do not name a namespace act on the main one, {@code "/"}.
 *
 * <pre>{@code
 * Server io = new Server(ServerOptions.defaults());
 * io.on("connection", socket -> {
 *     socket.broadcast().emit("hi");
 *     socket.on("chat message", msg -> io.emit("chat message", msg));
 * });
 * // Jakarta EE: inject it instead (@Inject Server io), the binding creates and serves it.
 * }</pre>
 *
 * <p>The four emit variants: {@code io.emit(...)} (everyone), {@code socket.emit(...)} (one
 * client), {@code socket.broadcast().emit(...)} (everyone but one) and
 * {@code io.to(id).emit(...)} (one socket, a room, or several).
 */
public final class Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final ServerOptions options;
    private final Scheduler scheduler;
    private final ExecutorScheduler ownedScheduler;
    private final EngineServer engine;
    private final PacketEncoder encoder;
    private final SessionIds ids = new SessionIds();
    private final SessionRecovery recovery;
    private final DeclaredRoles declaredRoles;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
    private final Map<Namespace, ParentNamespace> childParents = new ConcurrentHashMap<>();
    private final AtomicInteger parentIds = new AtomicInteger();
    private final List<NamespaceListener> namespaceListeners = new CopyOnWriteArrayList<>();
    private final Namespace main;

    /**
     * Creates a server with its own heartbeat thread, stopped by {@link #close()}.
     *
     * @param options the settings
     */
    public Server(ServerOptions options) {
        this(options, null);
    }

    /**
     * Creates a server on a given scheduler (tests drive time with a manual one).
     *
     * @param options the settings
     * @param scheduler runs heartbeats and timeouts, or {@code null} to own one
     */
    public Server(ServerOptions options, Scheduler scheduler) {
        this.options = options;
        this.ownedScheduler = scheduler == null ? new ExecutorScheduler("jakartio-scheduler") : null;
        this.scheduler = scheduler == null ? ownedScheduler : scheduler;
        this.encoder = options.parser().encoder(options.jsonMapper());
        this.recovery = new SessionRecovery(options.connectionStateRecovery(), ids);
        this.engine = new EngineServer(options.engine(), this.scheduler, this::onEngineOpen);
        this.declaredRoles = new DeclaredRoles(engine.declaredRoles());
        this.main = of("/");
    }

    /** @return the settings */
    public ServerOptions options() {
        return options;
    }

    /** @return the Engine.IO server, which the transports (servlet, endpoint) feed */
    public EngineServer engine() {
        return engine;
    }

    /**
     * Declares roles that handlers ask about ({@code socket.handshake().isUserInRole(role)}).
     * The container answers that question only while it serves a request: when a connection is
     * made, it is asked about every declared role, and the answers stay with the connection.
     * Declare roles at startup, before clients connect; {@link Roles#allowed} and the
     * {@code @RolesAllowed} / {@code @DeclareRoles} annotations of handler classes declare
     * theirs. Declaring a role twice is harmless.
     *
     * <pre>{@code
     * io.declareRoles("admin", "moderator");
     * io.on("connection", socket -> {
     *     if (socket.handshake().isUserInRole("moderator")) {
     *         socket.join("moderators");
     *     }
     * });
     * }</pre>
     *
     * @param roles role names, as the container knows them
     * @return this server
     * @throws IllegalArgumentException if a name is blank
     */
    public Server declareRoles(String... roles) {
        for (String role : roles) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("a role name must not be blank");
            }
        }
        engine.declareRoles(List.of(roles));
        return this;
    }

    /** @return the main namespace, {@code "/"} (Socket.IO's {@code io.sockets}) */
    public Namespace sockets() {
        return main;
    }

    /**
     * Returns a namespace, creating it if needed.
     *
     * @param name the namespace, e.g. {@code "/admin"} (a missing leading slash is added)
     * @return the namespace
     */
    public Namespace of(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        Namespace existing = namespaces.get(normalized);
        if (existing != null) {
            return existing;
        }
        Namespace[] created = new Namespace[1];
        Namespace nsp = namespaces.computeIfAbsent(normalized, n -> created[0] = new Namespace(this, n));
        if (created[0] != null && !"/".equals(normalized)) { // "/" exists before anyone listens, as in Node
            announce(created[0]);
        }
        return nsp;
    }

    /**
     * Declares dynamic namespaces matching a regular expression.
     *
     * @param pattern matched against the whole requested name, e.g. {@code ^/team-\d+$}
     * @return the parent of the namespaces it creates
     */
    public ParentNamespace of(Pattern pattern) {
        return of((name, auth) -> pattern.matcher(name).matches());
    }

    /**
     * Declares dynamic namespaces accepted by a predicate.
     *
     * @param matcher decides which requested names to create
     * @return the parent of the namespaces it creates
     */
    public ParentNamespace of(NamespaceMatcher matcher) {
        ParentNamespace parent = new ParentNamespace(this, "/_" + parentIds.incrementAndGet(), matcher);
        parents.add(parent);
        return parent;
    }

    /**
     * Listens to the creation of namespaces: Node's {@code io.on("new_namespace", ...)}, under a
     * name of its own because {@code io.on(String, listener)} takes connection listeners (a
     * second overload would make every {@code io.on("connection", socket -> ...)} ambiguous).
     * Namespaces that already exist are not announced: {@link #of(String)} finds them.
     *
     * <pre>{@code
     * io.onNewNamespace(nsp -> LOG.info("namespace " + nsp.name() + " created"));
     * io.of("/admin");                    // announced
     * io.of(Pattern.compile("^/team-\\d+$")); // not itself; each child when a client creates it
     * }</pre>
     *
     * @param listener called with each namespace created from now on (see {@link NamespaceListener})
     * @return this server
     */
    public Server onNewNamespace(NamespaceListener listener) {
        namespaceListeners.add(listener);
        return this;
    }

    /**
     * Listens to connections to the main namespace.
     *
     * @param event {@code "connection"}
     * @param listener called with each new socket
     * @return this server
     */
    public Server on(String event, ConnectionListener listener) {
        main.on(event, listener);
        return this;
    }

    /**
     * Listens to the next connection to the main namespace only; see {@link Namespace#once}.
     *
     * @param event {@code "connection"}
     * @param listener called with the next new socket
     * @return this server
     */
    public Server once(String event, ConnectionListener listener) {
        main.once(event, listener);
        return this;
    }

    /**
     * Stops a connection listener of the main namespace; see {@link Namespace#off}.
     *
     * @param event {@code "connection"}
     * @param listener the listener
     * @return this server
     */
    public Server off(String event, ConnectionListener listener) {
        main.off(event, listener);
        return this;
    }

    /**
     * Removes every connection listener of the main namespace.
     *
     * @return this server
     */
    public Server removeAllListeners() {
        main.removeAllListeners();
        return this;
    }

    /**
     * Removes every listener of {@code event} on the main namespace.
     *
     * @param event {@code "connection"}
     * @return this server
     */
    public Server removeAllListeners(String event) {
        main.removeAllListeners(event);
        return this;
    }

    /**
     * Sends a {@code "message"} event to every socket of the main namespace (Node's {@code io.send}).
     *
     * @param args the arguments
     * @return this server
     */
    public Server send(Object... args) {
        main.send(args);
        return this;
    }

    /**
     * Sends a {@code "message"} event: the same as {@link #send} (Node's {@code io.write}).
     *
     * @param args the arguments
     * @return this server
     */
    public Server write(Object... args) {
        return send(args);
    }

    /**
     * Adds a middleware to the main namespace.
     *
     * @param middleware the middleware
     * @return this server
     */
    public Server use(Middleware middleware) {
        main.use(middleware);
        return this;
    }

    /**
     * Emits to every socket of the main namespace ({@code io.emit}).
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     */
    public boolean emit(String event, Object... args) {
        return main.emit(event, args);
    }

    /**
     * Emits to every socket of the main namespace and collects their acknowledgements.
     *
     * @param event the event name
     * @param args the arguments
     * @return the responses (needs a {@link #timeout})
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return main.emitWithAck(event, args);
    }

    /** @param rooms target rooms or socket ids @return an operator reaching them ({@code io.to(id).emit}) */
    public BroadcastOperator to(String... rooms) {
        return main.to(rooms);
    }

    /** @param rooms target rooms @return same as {@link #to} */
    public BroadcastOperator in(String... rooms) {
        return main.in(rooms);
    }

    /** @param rooms excluded rooms @return an operator reaching every socket not in them */
    public BroadcastOperator except(String... rooms) {
        return main.except(rooms);
    }

    /** @param timeout acknowledgement timeout @return an operator with that timeout */
    public BroadcastOperator timeout(Duration timeout) {
        return main.timeout(timeout);
    }

    /** @return an operator that drops events for busy connections */
    public BroadcastOperator asVolatile() {
        return main.asVolatile();
    }

    /** @return an operator reaching only this server's sockets */
    public BroadcastOperator local() {
        return main.local();
    }

    /**
     * @param compress Socket.IO's {@code compress} flag (see {@link Namespace#compress})
     * @return an operator with that flag
     */
    public BroadcastOperator compress(boolean compress) {
        return main.compress(compress);
    }

    /**
     * Sends an event to the main namespace of every other server of the cluster (Node's
     * {@code io.serverSideEmit}); see {@link Namespace#serverSideEmit}.
     *
     * <pre>{@code
     * io.serverSideEmit("relay", Map.of("msg", "hi", "from", socket.id()));
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     */
    public boolean serverSideEmit(String event, Object... args) {
        return main.serverSideEmit(event, args);
    }

    /**
     * Sends an event to the main namespace of every other server and collects their answers
     * (Node's {@code io.serverSideEmitWithAck}); see {@link Namespace#serverSideEmitWithAck}.
     *
     * <pre>{@code
     * io.serverSideEmitWithAck("ping-node").thenAccept(answers -> log(answers)); // one per other server
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return the answers; {@link AckTimeoutException} if some are missing after the request timeout
     */
    public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
        return main.serverSideEmitWithAck(event, args);
    }

    /**
     * Listens to an event other servers send to the main namespace with {@code serverSideEmit}
     * (Node's {@code io.on("ping-node", cb => cb("pong"))}); see {@link Namespace#onServerSideEmit}.
     *
     * <pre>{@code
     * io.onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong"));
     * }</pre>
     *
     * @param event the event name
     * @param listener receives the arguments, and a last {@link Ack} when an answer is expected
     * @return this server
     */
    public Server onServerSideEmit(String event, EventListener listener) {
        main.onServerSideEmit(event, listener);
        return this;
    }

    /**
     * @param event the event name
     * @param listener a listener added with {@link #onServerSideEmit}, removed
     * @return this server
     */
    public Server offServerSideEmit(String event, EventListener listener) {
        main.offServerSideEmit(event, listener);
        return this;
    }

    /** @return snapshots of the main namespace's sockets */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return main.fetchSockets();
    }

    /** @param rooms rooms every socket of the main namespace joins */
    public void socketsJoin(String... rooms) {
        main.socketsJoin(rooms);
    }

    /** @param rooms rooms every socket of the main namespace leaves */
    public void socketsLeave(String... rooms) {
        main.socketsLeave(rooms);
    }

    /** @param close also close the underlying connections */
    public void disconnectSockets(boolean close) {
        main.disconnectSockets(close);
    }

    /**
     * Disconnects every client ({@code "server shutting down"}), closes the adapters and their
     * factory ({@link io.jakartio.adapter.AdapterFactory#close()}: a cluster adapter's
     * connections), and stops the scheduler if the server owns it.
     */
    @Override
    public void close() {
        engine.close();
        for (Namespace nsp : namespaces.values()) {
            nsp.adapter().close();
        }
        try {
            options.adapter().close(); // what the adapters shared (a cluster adapter's connections)
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the adapter factory failed", e);
        }
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
    }

    // ---- package-private ----

    Scheduler scheduler() {
        return scheduler;
    }

    PacketEncoder encoder() {
        return encoder;
    }

    SessionIds ids() {
        return ids;
    }

    SessionRecovery recovery() {
        return recovery;
    }

    DeclaredRoles declaredRoles() {
        return declaredRoles;
    }

    long now() {
        return clock.millis();
    }

    /**
     * Finds the namespace a client asks for: an existing one, or a new child of a matching
     * parent; {@code null} if none.
     */
    Namespace namespaceFor(String name, Map<String, Object> auth) {
        Namespace existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        for (ParentNamespace parent : parents) {
            if (parent.matches(name, auth)) {
                Namespace[] created = new Namespace[1];
                Namespace nsp = namespaces.computeIfAbsent(name, n -> {
                    Namespace child = parent.createChild(n);
                    childParents.put(child, parent);
                    return created[0] = child;
                });
                if (created[0] != null) {
                    announce(created[0]); // before the client that asked for it connects
                }
                return nsp;
            }
        }
        return null;
    }

    private void announce(Namespace created) {
        for (NamespaceListener listener : namespaceListeners) {
            try {
                listener.onNewNamespace(created);
            } catch (RuntimeException e) { // an operations hook must not fail io.of or a connection
                LOG.log(Level.WARNING, "new_namespace listener failed for " + created.name(), e);
            }
        }
    }

    /** The last socket left {@code nsp}: forget it if it is a dynamic child and cleanup is on. */
    void onNamespaceEmpty(Namespace nsp) {
        if (!options.cleanupEmptyChildNamespaces()) {
            return;
        }
        ParentNamespace parent = childParents.get(nsp);
        // markRemoved and Namespace.add each publish their flag before reading the other's, so
        // a connection arriving meanwhile either keeps the namespace or moves to its successor.
        if (parent != null && nsp.pendingConnections() == 0 && nsp.sockets().isEmpty() && nsp.markRemoved()
                && namespaces.remove(nsp.name(), nsp)) {
            childParents.remove(nsp);
            parent.removeChild(nsp);
            nsp.adapter().close();
        }
    }

    /** Each Engine.IO session gets a Socket.IO {@link Client}, which handles its messages. */
    private SessionHandler onEngineOpen(EngineSocket socket) {
        Client client = new Client(this, socket);
        if (ProtocolV4.isSpokenBy(socket)) {
            client.connectImplicitly(); // protocol v4: "/" without a CONNECT from the client
        }
        return client;
    }
}
