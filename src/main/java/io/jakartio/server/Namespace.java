package io.jakartio.server;

import io.jakartio.adapter.Adapter;
import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.adapter.SocketDetails;
import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.PacketEncoder;
import io.jakartio.parser.SocketPacket;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A communication channel multiplexed over the connections: Socket.IO's namespace
 * ({@code io.of("/admin")}). Each has its own sockets, rooms, middlewares and event handlers.
 *
 * <pre>{@code
 * Namespace admin = io.of("/admin");
 * admin.use((socket, next) -> next.proceed());
 * admin.on("connection", socket -> socket.emit("welcome"));
 * admin.to("ops").emit("alert", "disk full");
 * }</pre>
 */
public class Namespace {

    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());

    private final Server server;
    private final String name;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    /**
     * Recovered sockets between their restore and their acceptance: they are in their rooms
     * already, and the broadcasts that reach them are held until they connect (see {@link CatchUp}).
     */
    private final Map<String, Socket> recovering = new ConcurrentHashMap<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final ConnectionListeners connectionListeners = new ConnectionListeners();
    private final AtomicLong ackIds = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final ServerSideEvents serverSide;
    private volatile boolean removed;

    Namespace(Server server, String name) {
        this.server = server;
        this.name = name;
        this.serverSide = new ServerSideEvents(name);
        this.adapter = server.options().adapter().create(new Host());
    }

    /** @return the namespace name, e.g. {@code "/"} or {@code "/admin"} */
    public String name() {
        return name;
    }

    /** @return the server */
    public Server server() {
        return server;
    }

    /** @return the adapter keeping this namespace's rooms */
    public Adapter adapter() {
        return adapter;
    }

    /** @return the connected sockets of this server, by id (a live, read-only view) */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    /**
     * Listens to connections ({@code "connection"} or its alias {@code "connect"}).
     *
     * @param event {@code "connection"}
     * @param listener called with each new socket
     * @return this namespace
     */
    public Namespace on(String event, ConnectionListener listener) {
        checkConnectionEvent(event);
        connectionListeners.add(listener);
        return this;
    }

    // ---- the rest of Node's listener API for "connection" ----

    /**
     * Listens to the next connection only: the listener is removed before it is called.
     *
     * <pre>{@code
     * io.of("/admin").once("connection", first -> first.emit("you are the first"));
     * }</pre>
     *
     * @param event {@code "connection"} (or {@code "connect"})
     * @param listener called with the next new socket
     * @return this namespace
     */
    public Namespace once(String event, ConnectionListener listener) {
        checkConnectionEvent(event);
        connectionListeners.once(listener);
        return this;
    }

    /**
     * Stops a connection listener added with {@link #on} or {@link #once}; does nothing if it
     * was not added.
     *
     * @param event {@code "connection"} (or {@code "connect"})
     * @param listener the listener
     * @return this namespace
     */
    public Namespace off(String event, ConnectionListener listener) {
        checkConnectionEvent(event);
        connectionListeners.remove(listener);
        return this;
    }

    /**
     * Removes every connection listener (a namespace has no other events).
     *
     * @return this namespace
     */
    public Namespace removeAllListeners() {
        connectionListeners.clear();
        return this;
    }

    /**
     * Removes every listener of {@code event}.
     *
     * @param event {@code "connection"} (or {@code "connect"})
     * @return this namespace
     */
    public Namespace removeAllListeners(String event) {
        checkConnectionEvent(event);
        return removeAllListeners();
    }

    /**
     * Sends a {@code "message"} event to every socket (Node's {@code nsp.send}).
     *
     * <pre>{@code
     * io.of("/chat").send("hello"); // same as emit("message", "hello")
     * }</pre>
     *
     * @param args the arguments
     * @return this namespace
     */
    public Namespace send(Object... args) {
        emit("message", args);
        return this;
    }

    /**
     * Sends a {@code "message"} event to every socket: the same as {@link #send} (Node's {@code nsp.write}).
     *
     * @param args the arguments
     * @return this namespace
     */
    public Namespace write(Object... args) {
        return send(args);
    }

    private static void checkConnectionEvent(String event) {
        if (!"connection".equals(event) && !"connect".equals(event)) {
            String hint = "new_namespace".equals(event) ? " (listen with io.onNewNamespace)" : "";
            throw new IllegalArgumentException("a namespace emits \"connection\" only, not \"" + event + "\"" + hint);
        }
    }

    /**
     * Adds a middleware run before each connection.
     *
     * @param middleware the middleware
     * @return this namespace
     */
    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /**
     * Emits to every socket of the namespace. A last argument that is an {@link AckCallback}
     * collects acknowledgements (needs a {@link #timeout}).
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     */
    public boolean emit(String event, Object... args) {
        return operator().emit(event, args);
    }

    /**
     * Emits to every socket and collects the first argument of each acknowledgement.
     *
     * @param event the event name
     * @param args the arguments
     * @return the responses, once all arrived (needs a {@link #timeout})
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return operator().emitWithAck(event, args);
    }

    /** @param rooms target rooms @return an operator reaching the rooms' sockets */
    public BroadcastOperator to(String... rooms) {
        return operator().to(rooms);
    }

    /** @param rooms target rooms @return same as {@link #to} */
    public BroadcastOperator in(String... rooms) {
        return operator().in(rooms);
    }

    /** @param rooms excluded rooms @return an operator reaching every socket not in them */
    public BroadcastOperator except(String... rooms) {
        return operator().except(rooms);
    }

    /** @param timeout acknowledgement timeout @return an operator with that timeout */
    public BroadcastOperator timeout(Duration timeout) {
        return operator().timeout(timeout);
    }

    /** @return an operator that drops events for busy connections (Socket.IO's {@code volatile}) */
    public BroadcastOperator asVolatile() {
        return operator().asVolatile();
    }

    /** @return an operator reaching only this server's sockets, even in a cluster */
    public BroadcastOperator local() {
        return operator().local();
    }

    /** @return snapshots of the namespace's sockets (cluster-wide with a cluster adapter) */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return operator().fetchSockets();
    }

    /** @param rooms rooms every socket joins */
    public void socketsJoin(String... rooms) {
        operator().socketsJoin(rooms);
    }

    /** @param rooms rooms every socket leaves */
    public void socketsLeave(String... rooms) {
        operator().socketsLeave(rooms);
    }

    /** @param close also close the underlying connections */
    public void disconnectSockets(boolean close) {
        operator().disconnectSockets(close);
    }

    /**
     * @param compress whether the event may be compressed (Socket.IO's {@code compress} flag;
     *     see {@link BroadcastOperator#compress})
     * @return an operator with that flag
     */
    public BroadcastOperator compress(boolean compress) {
        return operator().compress(compress);
    }

    /**
     * Sends an event to every other server of the cluster (Node's {@code nsp.serverSideEmit}):
     * their listeners of this namespace ({@link #onServerSideEmit}) receive it, this server's
     * do not. Without a cluster adapter it goes nowhere. A last argument that is an
     * {@link AckCallback} receives {@code (error, List<Object> answers)}, as with
     * {@link #serverSideEmitWithAck}.
     *
     * <pre>{@code
     * io.of("/chat").serverSideEmit("relay", Map.of("msg", "hi"));
     * }</pre>
     *
     * @param event the event name; {@code connect}, {@code connection} and {@code new_namespace}
     *     are reserved
     * @param args the arguments: plain values, records or what the server's JSON mapper knows
     * @return {@code true}
     * @throws IllegalArgumentException if the event name is reserved
     */
    public boolean serverSideEmit(String event, Object... args) {
        serverSide.emit(adapter, event, args);
        return true;
    }

    /**
     * Sends an event to every other server of the cluster and collects their answers (Node's
     * {@code nsp.serverSideEmitWithAck}): one per other server, the first argument its listener
     * acknowledged with, in any order. Completes exceptionally with an
     * {@link AckTimeoutException} (its {@code responses()} the answers so far) if not every other
     * server answered within the adapter's request timeout (5 s by default). With a single
     * server, completes at once with an empty list.
     *
     * <pre>{@code
     * io.serverSideEmitWithAck("ping-node").thenAccept(answers -> log(answers)); // ["pong", "pong"]
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return the answers of the other servers
     * @throws IllegalArgumentException if the event name is reserved
     */
    public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
        return serverSide.emitWithAck(adapter, event, args);
    }

    /**
     * Listens to an event other servers of the cluster send with {@code serverSideEmit} on this
     * namespace (Node's {@code nsp.on(event, listener)} for server-side events). If the sender
     * asked for an answer, the last argument is an {@link Ack}: its first argument is this
     * server's answer, and only the first call counts. Listeners run on the cluster adapter's
     * thread, one event at a time, and must not block.
     *
     * <pre>{@code
     * io.onServerSideEmit("ping-node", args -> ((Ack) args[args.length - 1]).call("pong"));
     * io.onServerSideEmit("relay", args -> io.local().emit("relayed", args[0]));
     * }</pre>
     *
     * @param event the event name
     * @param listener receives the event's arguments (possibly ending with an {@link Ack})
     * @return this namespace
     * @throws IllegalArgumentException if the event name is reserved (listen to connections with {@link #on})
     */
    public Namespace onServerSideEmit(String event, EventListener listener) {
        serverSide.on(event, listener);
        return this;
    }

    /**
     * Stops a listener added with {@link #onServerSideEmit}; does nothing if it was not added.
     *
     * @param event the event name
     * @param listener the listener
     * @return this namespace
     */
    public Namespace offServerSideEmit(String event, EventListener listener) {
        serverSide.off(event, listener);
        return this;
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }

    // ---- package-private ----

    BroadcastOperator operator() {
        return new BroadcastOperator(this, Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    /** @return the adapters a broadcast from this namespace goes through */
    List<Adapter> broadcastAdapters() {
        return List.of(adapter);
    }

    long nextAckId() {
        return ackIds.getAndIncrement();
    }

    List<Middleware> middlewares() {
        return middlewares;
    }

    List<ConnectionListener> connectionListeners() {
        return connectionListeners.list();
    }

    /** A client asks to connect: run the middlewares, then accept or refuse. */
    void add(Client client, Map<String, Object> auth) {
        pending.incrementAndGet();
        if (removed) {
            // A dynamic child emptied and dropped just now: connect to its successor instead.
            pending.decrementAndGet();
            Namespace successor = server.namespaceFor(name, auth);
            if (successor != null) {
                successor.add(client, auth);
            }
            return;
        }
        // Connection state recovery first (an empty answer without the option): the session
        // decides the socket's id, and whether the middlewares run.
        CompletableFuture<Optional<RestoredSession>> restored = server.recovery().restore(this, auth);
        if (restored.isDone()) { // always so without the option: no change of thread or of error handling
            connect(client, auth, restored.join().orElse(null));
            return;
        }
        restored.thenAccept(session -> connect(client, auth, session.orElse(null))).exceptionally(error -> {
            LOG.log(Level.WARNING, "connecting to " + name + " failed", error);
            return null;
        });
    }

    private void connect(Client client, Map<String, Object> auth, RestoredSession session) {
        Socket socket = new Socket(this, client, auth, server.now(), session);
        if (session != null) {
            // Deliverable (held) before it rejoins its rooms, so that no broadcast to them is lost;
            // the adapter delivers then those it logged since the restore (see Adapter).
            recovering.put(socket.id(), socket);
            adapter.addAll(socket.id(), session.rooms());
        }
        Runnable complete = () -> settle(() -> client.completeConnect(socket, () -> accept(socket)));
        if (server.recovery().skipsMiddlewares(socket)) {
            complete.run();
            return;
        }
        new MiddlewareChain<>(middlewares, Middleware::handle, socket, complete,
                error -> settle(() -> refuse(client, socket, error))).start();
    }

    /** Ends a pending connection; an empty namespace may then be cleaned up. */
    private void settle(Runnable outcome) {
        try {
            outcome.run();
        } finally {
            if (pending.decrementAndGet() == 0 && sockets.isEmpty()) {
                server.onNamespaceEmpty(this);
            }
        }
    }

    /** @return connections still running this namespace's middlewares */
    int pendingConnections() {
        return pending.get();
    }

    /** Marks a dynamic child as dropped; false (and unmarked) if a connection arrived meanwhile. */
    boolean markRemoved() {
        removed = true;
        if (pending.get() > 0 || !sockets.isEmpty()) {
            removed = false;
            return false;
        }
        return true;
    }

    /**
     * A socket whose connection completed without it: gone meanwhile, or a second CONNECT for
     * the namespace. It leaves the rooms its middlewares (or its recovery) joined; a recovered one
     * whose connection was lost keeps its session for the next try.
     */
    void forget(Socket socket, boolean connectionLost) {
        if (connectionLost) {
            server.recovery().onClose(socket, DisconnectReason.TRANSPORT_CLOSE);
        }
        recovering.remove(socket.id(), socket);
        adapter.delAll(socket.id());
    }

    void remove(Socket socket) {
        recovering.remove(socket.id(), socket);
        if (sockets.remove(socket.id(), socket) && sockets.isEmpty()) {
            server.onNamespaceEmpty(this);
        }
    }

    private void accept(Socket socket) {
        sockets.put(socket.id(), socket);
        recovering.remove(socket.id(), socket);
        if (socket.isClosing()) {
            // The connection closed while this one completed: its close may have missed us.
            remove(socket);
            return;
        }
        socket.onConnect();
        for (ConnectionListener listener : connectionListeners.list()) {
            try {
                listener.onConnection(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener of " + name + " failed", e);
            }
        }
    }

    private void refuse(Client client, Socket socket, Exception error) {
        recovering.remove(socket.id(), socket);
        adapter.delAll(socket.id()); // rooms its middlewares (or its recovery) made it join
        Object data = error instanceof ConnectError connectError ? connectError.data() : null;
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        client.write(ProtocolV4.isSpokenBy(client.conn()) ? ProtocolV4.connectError(name, message, data)
                : SocketPacket.connectError(name, message, data));
    }

    /** What the adapter sees of this namespace. */
    private final class Host implements AdapterHost {

        @Override
        public String name() {
            return name;
        }

        @Override
        public PacketEncoder encoder() {
            return server.encoder();
        }

        @Override
        public Optional<Duration> maxDisconnectionDuration() {
            return Optional.ofNullable(server.options().connectionStateRecovery())
                    .map(ConnectionStateRecovery::maxDisconnectionDuration);
        }

        @Override
        public int maxPersistedPackets() {
            ConnectionStateRecovery recovery = server.options().connectionStateRecovery();
            return recovery == null ? ConnectionStateRecovery.DEFAULT_MAX_PACKETS : recovery.maxPackets();
        }

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            return server.scheduler().schedule(delay, task)::cancel;
        }

        @Override
        public long nextAckId() {
            return Namespace.this.nextAckId();
        }

        @Override
        public void batch(Runnable deliveries) {
            server.engine().batch(deliveries);
        }

        @Override
        public boolean deliver(String socketId, SocketPacket packet, EncodedPacket encoded, BroadcastFlags flags) {
            Socket socket = sockets.get(socketId);
            if (socket == null) {
                socket = recovering.get(socketId);
                if (socket == null) {
                    return false;
                }
            }
            socket.notifyOutgoing(packet);
            return socket.deliver(encoded.withCompress(flags.compress()), flags.volatileSend());
        }

        @Override
        public boolean deliverWithAck(String socketId, SocketPacket packet, EncodedPacket encoded, BroadcastFlags flags,
                long ackId, Consumer<List<Object>> onAck) {
            Socket socket = sockets.get(socketId);
            if (socket == null) {
                return false;
            }
            socket.expectAck(ackId, onAck, flags.timeout());
            socket.notifyOutgoing(packet);
            if (socket.client().write(encoded.withCompress(flags.compress()), flags.volatileSend())) {
                return true;
            }
            socket.forgetAck(ackId);
            return false;
        }

        @Override
        public Optional<SocketDetails> details(String socketId) {
            Socket socket = sockets.get(socketId);
            if (socket == null) {
                return Optional.empty();
            }
            return Optional.of(new SocketDetails(socket.id(), socket.handshake().toMap(), socket.rooms(),
                    Map.copyOf(socket.dataIfAny())));
        }

        @Override
        public void onServerSideEmit(List<Object> args, Consumer<Object> ackOrNull) {
            serverSide.receive(args, ackOrNull);
        }

        @Override
        public void disconnect(String socketId, boolean close) {
            Socket socket = sockets.get(socketId);
            if (socket != null) {
                socket.disconnect(close);
            }
        }
    }
}
