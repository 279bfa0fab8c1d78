package io.jakartio.server;

import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.RestoredSession;
import io.jakartio.engine.EngineSocket;
import io.jakartio.engine.TransportError;
import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client's connection to one namespace: Socket.IO's {@code socket}. Its id differs from
 * the Engine.IO session id and names a room the socket is always in, so
 * {@code io.to(socket.id())} reaches it.
 *
 * <pre>{@code
 * io.on("connection", socket -> {
 *     socket.broadcast().emit("hi");                          // everyone else
 *     socket.on("chat message", msg -> io.emit("chat message", msg));
 *     socket.on("ping", args -> ((Ack) args[args.length - 1]).call("pong"));
 *     socket.join("lobby");
 *     socket.on("disconnect", args -> log.info("left: " + args[0]));
 * });
 * }</pre>
 *
 * <p>Emitting is thread-safe and never blocks. Listeners of a socket run one at a time.
 */
public final class Socket extends SocketListeners {

    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    private static final VarHandle CLOSING;

    static {
        try {
            CLOSING = MethodHandles.lookup().findVarHandle(Socket.class, "closing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id;
    /** The private session id of connection state recovery, or {@code null} when it is off. */
    private final String pid;
    private final boolean recovered;
    private final Namespace nsp;
    private final Client client;
    /** When the socket connected, in milliseconds since the epoch (the handshake's {@code issued}). */
    private final long issued;
    // The socket's listeners are the fields of its superclasses (SocketListeners, the public
    // listener API, over Listeners): not an object of their own, 16 bytes a socket; their
    // changes hold this socket's monitor, briefly.
    // Sockets are kept by the thousand, and most never use what follows: it is made on first
    // use. Each field is volatile and created under this socket's monitor (double-checked), which
    // guards nothing else and is never held while calling out; readers that find null have
    // nothing to do. As safe across threads as the collections made up front were.
    /** Immutable; replaced as a whole by {@link #use}. */
    private volatile List<SocketMiddleware> middlewares = List.of();
    private volatile PendingAcks acks;
    private volatile Map<String, Object> data;
    private volatile boolean closing;
    private volatile boolean connected;
    /**
     * A recovered socket's missed packets and the broadcasts held until they are sent;
     * {@code null} after, and for others.
     */
    private volatile CatchUp catchUp;
    /**
     * The {@link Handshake}, made from the connection's first request when first asked for (its
     * headers and query are views of that request's, which the session keeps anyway): a socket
     * nobody asks saves it. Until then, the CONNECT packet's auth (a {@code Map}), which the
     * handshake then holds.
     */
    private volatile Object handshake;

    /**
     * @param auth the CONNECT packet's auth, for the handshake
     * @param issued when the socket connected, in milliseconds since the epoch
     * @param previous the session a reconnecting client resumes, or {@code null} for a new socket
     */
    Socket(Namespace nsp, Client client, Map<String, Object> auth, long issued, RestoredSession previous) {
        this.nsp = nsp;
        this.client = client;
        this.handshake = auth == null ? Map.of() : auth;
        this.issued = issued;
        if (previous == null) {
            this.id = ProtocolV4.isSpokenBy(client.conn()) ? ProtocolV4.socketId(nsp.name(), client.conn().id())
                    : nsp.server().ids().next();
            this.pid = nsp.server().recovery().newPid();
            this.recovered = false;
        } else {
            this.id = previous.sid();
            this.pid = previous.pid();
            this.recovered = true;
            this.catchUp = new CatchUp(nsp.server().options().engine().maxBufferedPackets(), previous.missedPackets());
            previous.data().forEach((key, value) -> {
                if (value != null) { // the map takes no nulls; a missing key reads the same
                    data().put(key, value);
                }
            });
            // The namespace rejoins its rooms right after (see Namespace.connect), before the
            // middlewares as the reference does: broadcasts reach it from then on, held in catchUp.
        }
    }

    /** @return the socket id, unique across the server, and the name of its own room */
    public String id() {
        return id;
    }

    /** @return the namespace the socket belongs to */
    public Namespace nsp() {
        return nsp;
    }

    /** @return the details of the connection (headers, query, auth, address...) */
    @SuppressWarnings("unchecked")
    public Handshake handshake() {
        if (handshake instanceof Handshake made) {
            return made;
        }
        synchronized (this) {
            if (handshake instanceof Map<?, ?> auth) {
                handshake = Handshake.of(client.conn().request(), (Map<String, Object>) auth, issued,
                        nsp.server().declaredRoles());
            }
            return (Handshake) handshake;
        }
    }

    /** @return a thread-safe map for application data attached to this socket */
    public Map<String, Object> data() {
        Map<String, Object> map = data;
        if (map == null) {
            synchronized (this) {
                map = data;
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    data = map;
                }
            }
        }
        return map;
    }

    /** @return the underlying Engine.IO connection (shared by the client's namespaces) */
    public EngineSocket conn() {
        return client.conn();
    }

    /**
     * Whether this socket resumed one whose connection was lost (connection state recovery):
     * it has the same id, rooms and data, and its client is sent the events it missed.
     *
     * <pre>{@code
     * io.on("connection", socket -> {
     *     if (!socket.recovered()) {
     *         socket.join("lobby"); // a recovered socket is in it already
     *     }
     * });
     * }</pre>
     *
     * @return whether the state was recovered; always {@code false} without the option
     */
    public boolean recovered() {
        return recovered;
    }

    /** @return whether the socket is connected to its namespace */
    public boolean connected() {
        return connected;
    }

    /** @return whether the socket is not connected to its namespace (Node's {@code socket.disconnected}) */
    public boolean disconnected() {
        return !connected;
    }

    /** @return the rooms the socket is in, its own id among them */
    public Set<String> rooms() {
        return nsp.adapter().socketRooms(id);
    }

    /**
     * Joins rooms.
     *
     * @param rooms room names
     * @return this socket
     */
    public Socket join(String... rooms) {
        if (!closing) { // once disconnected, joining would leave the id in the rooms for ever
            nsp.adapter().addAll(id, Set.copyOf(Arrays.asList(rooms)));
        }
        return this;
    }

    /**
     * Leaves a room.
     *
     * @param room the room name
     * @return this socket
     */
    public Socket leave(String room) {
        nsp.adapter().del(id, room);
        return this;
    }

    /**
     * Adds a middleware run before each incoming event.
     *
     * @param middleware the middleware
     * @return this socket
     */
    public Socket use(SocketMiddleware middleware) {
        Objects.requireNonNull(middleware, "middleware");
        synchronized (this) {
            List<SocketMiddleware> added = new ArrayList<>(middlewares.size() + 1);
            added.addAll(middlewares);
            added.add(middleware);
            middlewares = List.copyOf(added);
        }
        return this;
    }

    /**
     * Emits an event to this socket's client. Pass an {@link Ack} (or {@link AckCallback}) as
     * the last argument to receive the client's acknowledgement.
     *
     * @param event the event name (not a reserved one such as {@code "disconnect"})
     * @param args the arguments: plain values, records, {@code byte[]}, or objects the
     *     configured JSON mapper handles
     * @return {@code true}, as in Socket.IO
     */
    public boolean emit(String event, Object... args) {
        return send(event, args, false, null, true);
    }

    /**
     * Sends a {@code "message"} event, as {@code WebSocket.send()} would (Node's
     * {@code socket.send}): the client's {@code socket.on("message", ...)} receives the arguments.
     *
     * <pre>{@code
     * socket.send("hello"); // same as socket.emit("message", "hello")
     * }</pre>
     *
     * @param args the arguments, possibly ending with an {@link Ack} or {@link AckCallback}
     * @return this socket
     */
    public Socket send(Object... args) {
        emit("message", args);
        return this;
    }

    /**
     * Sends a {@code "message"} event: the same as {@link #send(Object...)} (Node's {@code socket.write}).
     *
     * @param args the arguments
     * @return this socket
     */
    public Socket write(Object... args) {
        return send(args);
    }

    /**
     * Emits an event and returns the first argument of the client's acknowledgement. Without a
     * {@link #timeout}, the future only fails if the socket disconnects.
     *
     * <pre>{@code
     * socket.timeout(Duration.ofSeconds(2)).emitWithAck("question", "name?")
     *       .thenAccept(answer -> log.info("answer: " + answer));
     * }</pre>
     *
     * @param event the event name
     * @param args the arguments
     * @return the acknowledgement's first argument
     */
    public CompletableFuture<Object> emitWithAck(String event, Object... args) {
        return withAck(event, args, false, null, true);
    }

    /**
     * @param timeout how long to wait for acknowledgements of the next emit
     * @return an emitter for this socket with that timeout
     */
    public SocketEmitter timeout(Duration timeout) {
        return new SocketEmitter(this, false, timeout, true);
    }

    /**
     * Socket.IO's {@code compress} flag: {@code false} sends the next event uncompressed, even
     * over a WebSocket that agreed permessage-deflate or a poll that accepts gzip; {@code true}
     * (the default) lets the transport compress it when it is over the threshold.
     *
     * <pre>{@code
     * socket.compress(false).emit("frame", jpegBytes); // already compressed: do not deflate again
     * }</pre>
     *
     * @param compress whether the event may be compressed
     * @return an emitter for this socket with that flag
     */
    public SocketEmitter compress(boolean compress) {
        return new SocketEmitter(this, false, null, compress);
    }

    /**
     * Socket.IO's {@code volatile} flag: the event may be dropped if the connection is not
     * ready to send it right now.
     *
     * @return an emitter for this socket that drops rather than queues
     */
    public SocketEmitter asVolatile() {
        return new SocketEmitter(this, true, null, true);
    }

    /** @return an operator reaching every socket of the namespace but this one */
    public BroadcastOperator broadcast() {
        return nsp.operator().except(id);
    }

    /**
     * @return an operator reaching every other socket of the namespace on this server only, even
     *     in a cluster (Node's {@code socket.local})
     */
    public BroadcastOperator local() {
        return broadcast().local();
    }

    /**
     * @param rooms target rooms
     * @return an operator reaching the rooms' sockets, except this one
     */
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /** @param rooms target rooms @return same as {@link #to} */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /**
     * @param rooms excluded rooms
     * @return an operator reaching every other socket not in the rooms
     */
    public BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    /**
     * Disconnects the socket from its namespace; the client gets a DISCONNECT packet.
     *
     * @return this socket
     */
    public Socket disconnect() {
        return disconnect(false);
    }

    /**
     * Disconnects the socket.
     *
     * @param close also close the underlying connection (every namespace of the client)
     * @return this socket
     */
    public Socket disconnect(boolean close) {
        if (!connected) {
            return this;
        }
        if (close) {
            client.disconnectAll();
        } else if (CLOSING.compareAndSet(this, false, true)) {
            // Closing before the packet leaves: socket.io-client closes the whole connection when
            // the server lets go of its last socket, and that close, arriving while this thread
            // is still here, must not make it a lost connection (whose session would be kept).
            client.write(SocketPacket.disconnect(nsp.name()));
            closed(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, null);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Socket[" + id + " in " + nsp.name() + "]";
    }

    // ---- package-private ----

    boolean send(String event, Object[] args, boolean volatileSend, Duration timeout, boolean compress) {
        Reserved.check(event);
        Object last = args.length > 0 ? args[args.length - 1] : null;
        if (!(last instanceof Ack) && !(last instanceof AckCallback)) {
            if (timeout != null) {
                throw new IllegalArgumentException("timeout() needs an AckCallback as last argument");
            }
            write(event, args, SocketPacket.NO_ACK, volatileSend, compress);
            return true;
        }
        Object[] payload = Arrays.copyOf(args, args.length - 1);
        long ackId = nsp.nextAckId();
        if (last instanceof Ack ack) {
            if (timeout != null) {
                throw new IllegalArgumentException("with timeout(), pass an AckCallback (err, args)");
            }
            acks().expect(ackId, reply -> ack.call(reply.toArray()), null, null);
        } else {
            AckCallback callback = (AckCallback) last;
            acks().expect(ackId, reply -> callback.call(null, reply.toArray()), error -> callback.call(error), timeout);
        }
        try {
            write(event, payload, ackId, volatileSend, compress);
        } catch (RuntimeException e) { // not encodable: the caller gets the exception, not a timeout later
            forgetAck(ackId);
            throw e;
        }
        return true;
    }

    CompletableFuture<Object> withAck(String event, Object[] args, boolean volatileSend, Duration timeout, boolean compress) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        Object[] withCallback = Arrays.copyOf(args, args.length + 1);
        withCallback[args.length] = (AckCallback) (error, reply) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(reply.length > 0 ? reply[0] : null);
            }
        };
        send(event, withCallback, volatileSend, timeout, compress);
        return future;
    }

    /** Registers an acknowledgement owed for a broadcast packet, forgotten after the timeout. */
    void expectAck(long ackId, Consumer<List<Object>> onAck, Duration timeout) {
        acks().expect(ackId, onAck, null, timeout);
    }

    void forgetAck(long ackId) {
        PendingAcks pending = acks;
        if (pending != null) {
            pending.forget(ackId);
        }
    }

    /** @return the application data, or an empty map if none was ever asked for */
    Map<String, Object> dataIfAny() {
        Map<String, Object> map = data;
        return map == null ? Map.of() : map;
    }

    /** @return the acknowledgements owed to this socket, made on first use */
    private PendingAcks acks() {
        PendingAcks pending = acks;
        if (pending == null) {
            synchronized (this) {
                pending = acks;
                if (pending == null) {
                    pending = new PendingAcks(nsp.server().scheduler());
                    acks = pending;
                }
            }
        }
        return pending;
    }

    Client client() {
        return client;
    }

    /** @return the private session id, or {@code null} when connection state recovery is off */
    String pid() {
        return pid;
    }

    /**
     * The middlewares accepted the socket: it joins its own room and tells the client, then
     * sends the packets a recovered socket missed, before anything the connection listeners emit.
     */
    void onConnect() {
        connected = true;
        join(id);
        Map<String, Object> granted = new LinkedHashMap<>();
        granted.put("sid", id);
        if (pid != null) {
            granted.put("pid", pid);
        }
        CatchUp held = catchUp;
        if (held != null) {
            // What a recovered socket missed goes before its CONNECT, as from the reference server
            // (whose socket writes it when it is made): the client emits it before "connect", and
            // whatever comes after "connect" is newer than what the connection handlers see.
            for (SocketPacket missed : held.missed()) {
                client.write(SocketPacket.event(nsp.name(), missed.args()));
            }
            boolean kept = held.release(packet -> client.write(packet, false));
            catchUp = null;
            if (!kept) { // more broadcasts than the engine would queue for a client: as it does, close
                LOG.log(Level.DEBUG, "{0} fell behind while recovering, closing its connection", this);
                client.conn().close();
                return;
            }
        }
        client.write(ProtocolV4.isSpokenBy(client.conn()) ? ProtocolV4.connect(nsp.name())
                : SocketPacket.connect(nsp.name(), granted));
    }

    /**
     * Queues a broadcast packet for the client, or holds it while a recovered socket catches up.
     *
     * @param packet the encoded packet
     * @param volatileSend whether it may be dropped when the connection is not ready
     * @return whether it was queued (or held)
     */
    boolean deliver(EncodedPacket packet, boolean volatileSend) {
        CatchUp held = catchUp;
        if (held != null) {
            switch (held.hold(packet, volatileSend)) {
                case HELD:
                    return true;
                case DROPPED:
                    return false;
                default:
                    break; // released meanwhile: written as usual
            }
        }
        return client.write(packet, volatileSend);
    }

    void onPacket(SocketPacket packet) {
        switch (packet.type()) {
            case EVENT -> onEvent(packet);
            case ACK -> acks().complete(packet.ackId(), packet.args()); // an unexpected one is logged there
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> client.onInvalidPacket(packet);
        }
    }

    void onClose(DisconnectReason reason) {
        onClose(reason, null);
    }

    /**
     * Leaves the namespace for good; called once whatever the cause. The {@code "disconnecting"}
     * and {@code "disconnect"} listeners get {@code (reason, description)}, as in Node: the
     * description is the {@link TransportError} of a transport error, else {@code null}.
     */
    void onClose(DisconnectReason reason, TransportError description) {
        if (CLOSING.compareAndSet(this, false, true)) {
            closed(reason, description);
        }
    }

    /** What {@link #onClose} does once, by the thread that claimed the close. */
    private void closed(DisconnectReason reason, TransportError description) {
        emitLocally("disconnecting", reason, description);
        nsp.server().recovery().onClose(this, reason);
        nsp.adapter().delAll(id);
        nsp.remove(this);
        client.remove(this);
        connected = false;
        PendingAcks pending = acks;
        if (pending != null) {
            pending.failAll(new IllegalStateException("socket has been disconnected"));
        }
        emitLocally("disconnect", reason, description);
    }

    /** Reports an error to the socket's local {@code "error"} listeners. */
    void emitError(Throwable error) {
        emitLocally("error", error);
    }

    private void write(String event, Object[] args, long ackId, boolean volatileSend, boolean compress) {
        if (ackId == SocketPacket.NO_ACK && nsp.server().recovery().enabled()) {
            // Connection state recovery: through the adapter, to the socket's own room, so the
            // packet is logged and carries an offset (see Adapter). The namespace tells the
            // outgoing catch-all listeners when it delivers.
            BroadcastFlags flags = (volatileSend ? BroadcastFlags.NONE.withVolatile() : BroadcastFlags.NONE).withCompress(compress);
            nsp.adapter().broadcast(SocketPacket.event(nsp.name(), event, args),
                    new BroadcastOptions(Set.of(id), Set.of(), flags));
            return;
        }
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        if (hasCatchAllOutgoing()) {
            notifyCatchAllOutgoing(event, args);
        }
        client.write(new SocketPacket(SocketPacketType.EVENT, nsp.name(), ackId, data), volatileSend, compress);
    }

    private void onEvent(SocketPacket packet) {
        List<Object> event = packet.args();
        String name = eventName(event.get(0));
        long ackId = packet.ackId();
        int argCount = event.size() - 1 + (ackId == SocketPacket.NO_ACK ? 0 : 1);
        Object[] args = new Object[argCount];
        for (int i = 1; i < event.size(); i++) {
            args[i - 1] = event.get(i);
        }
        if (ackId != SocketPacket.NO_ACK) {
            args[argCount - 1] = replyTo(ackId);
        }
        // As in the reference server, catch-all listeners see every event, even one that a
        // middleware then drops.
        notifyCatchAll(name, args);
        List<SocketMiddleware> chain = middlewares;
        if (chain.isEmpty()) {
            dispatch(name, args);
            return;
        }
        new MiddlewareChain<>(chain, SocketMiddleware::handle, event,
                () -> dispatch(name, args), this::emitError).start();
    }

    private void dispatch(String name, Object[] args) {
        if (connected) {
            emitLocally(name, args);
        }
    }

    /** Tells the outgoing catch-all listeners of an event sent to this socket by a broadcast. */
    void notifyOutgoing(SocketPacket packet) {
        if (!hasCatchAllOutgoing()) {
            return;
        }
        List<Object> data = packet.args();
        notifyCatchAllOutgoing(eventName(data.get(0)), data.subList(1, data.size()).toArray());
    }

    /** @return whether the socket is leaving (or has left) its namespace */
    boolean isClosing() {
        return closing;
    }

    private Ack replyTo(long ackId) {
        AtomicBoolean sent = new AtomicBoolean();
        return reply -> {
            if (sent.compareAndSet(false, true)) {
                client.write(SocketPacket.ack(nsp.name(), ackId, Arrays.asList(reply)));
            }
        };
    }

    private static String eventName(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
