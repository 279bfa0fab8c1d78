package io.jakartio.adapter;

import io.jakartio.adapter.ClusterMessage.Broadcast;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The cluster protocol of Socket.IO, once (Node's {@code ClusterAdapter} of
 * {@code socket.io-adapter}): every operation that reaches beyond this server becomes a
 * {@link ClusterMessage} for the others, and the messages of the others are acted on here. A
 * backend (Redis Streams, say) only moves messages: it implements {@link #doPublish} and
 * {@link #doPublishResponse} and hands what it receives to {@link #onMessage}.
 * <ul>
 *   <li>a broadcast is published first; once the backend took it, it is delivered to this
 *       server's sockets, with the backend's offset as last argument when connection state
 *       recovery is on (EVENT packets without acknowledgement, not volatile): the other servers
 *       append the same offset, so a client may resume on any server. If publishing fails, the
 *       packet is still delivered here, without offset;</li>
 *   <li>{@code fetchSockets} and {@code serverSideEmitWithAck} wait for one answer per other
 *       server ({@link #serverCount()} minus one) for at most the request timeout, and stop
 *       waiting for a server known to be gone;</li>
 *   <li>servers know each other by heartbeat: each publishes {@code INITIAL_HEARTBEAT} when it
 *       starts and {@code HEARTBEAT} every {@code heartbeatInterval}; one silent for
 *       {@code heartbeatTimeout}, or that sent {@code ADAPTER_CLOSE}, is gone.</li>
 * </ul>
 *
 * <pre>{@code
 * final class BusAdapter extends ClusterAdapter {
 *     BusAdapter(AdapterHost host, Bus bus) {
 *         super(host, host::schedule, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
 *         bus.onMessage((from, message) -> onMessage(from, message, null));
 *         start();
 *     }
 *     protected CompletableFuture<String> doPublish(ClusterMessage message) {
 *         return bus.send(uid(), message).thenApply(done -> "");
 *     }
 *     protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
 *         return bus.sendTo(requesterUid, uid(), response);
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: {@link #onMessage} is called by the backend, one message at a time, in the
 * order received; the future of {@link #doPublish} completes on that same thread (or at once),
 * so that this server's and the other servers' broadcasts reach local sockets in one order.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {

    private static final System.Logger LOG = System.getLogger(ClusterAdapter.class.getName());

    /** Runs a task once after a delay; returns what cancels it. */
    @FunctionalInterface
    public interface Timer {
        /**
         * @param delay how long to wait
         * @param task what to run (must not block)
         * @return cancels the task if it has not run yet
         */
        Runnable schedule(Duration delay, Runnable task);
    }

    private final String uid = HexFormat.of().formatHex(randomBytes());
    private final Duration requestsTimeout;
    private final ClusterNodes nodes;
    private final ClusterRequests requests;
    private final ClusterHeartbeat heartbeat;
    private final boolean recovery;
    private final ResumingSockets resuming = new ResumingSockets(this::isAfter, System::currentTimeMillis);
    private volatile boolean closed;

    /**
     * @param host the namespace
     * @param timer runs request timeouts and heartbeats
     * @param requestsTimeout how long a request waits for every other server (Node: 5 s)
     * @param heartbeatInterval how often this server says it is alive (Node: 5 s)
     * @param heartbeatTimeout how long another server may stay silent before it counts as gone (Node: 10 s)
     */
    protected ClusterAdapter(AdapterHost host, Timer timer, Duration requestsTimeout, Duration heartbeatInterval,
            Duration heartbeatTimeout) {
        super(host);
        this.requestsTimeout = requestsTimeout;
        this.nodes = new ClusterNodes(heartbeatTimeout.toMillis(), System::currentTimeMillis);
        this.requests = new ClusterRequests(timer);
        this.heartbeat = new ClusterHeartbeat(timer, heartbeatInterval.toMillis(), nodes, this::doPublish, requests::nodeGone);
        this.recovery = host.maxDisconnectionDuration().isPresent();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** @return this adapter's id in the cluster: 16 hexadecimal digits, as Node's {@code randomId()} */
    public final String uid() {
        return uid;
    }

    /** Announces this server ({@code INITIAL_HEARTBEAT}) and starts the heartbeats: the subclass calls it once ready. */
    protected final void start() {
        heartbeat.start();
    }

    /**
     * Sends a message to every other server of the namespace.
     *
     * @param message the message
     * @return completes with the offset the backend gave it ({@code ""} if none) once it is sent,
     *     or fails if it could not be
     * @throws IllegalArgumentException if the message cannot be encoded (nothing was sent)
     */
    protected abstract CompletableFuture<String> doPublish(ClusterMessage message);

    /**
     * Sends an answer to the server that asked.
     *
     * @param requesterUid the asking server's id
     * @param response the answer
     * @return completes once sent
     */
    protected abstract CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response);

    /**
     * {@inheritDoc}
     *
     * <p>One plus the servers heard from within the heartbeat timeout.
     */
    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1 + nodes.count());
    }

    @Override
    public void broadcast(SocketPacket packet, BroadcastOptions options) {
        SocketPacket here = packet.withNamespace(host.name());
        boolean logged = recovery && loggable(here, options);
        if (options.flags().local() || (!logged && toLocalSocketOnly(options))) {
            super.broadcast(here, options); // socket ids are unique in the cluster: no other server has a recipient
            return;
        }
        CompletableFuture<String> sent;
        try {
            sent = publishAndReturnOffset(new Broadcast(here, options, null));
        } catch (IllegalArgumentException e) {
            throw e; // not encodable: nobody gets it
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((offset, error) -> {
            if (error != null) {
                LOG.log(Level.DEBUG, () -> "broadcast of " + host.name() + " not published: " + error);
            }
            if (logged && error == null && offset != null && !offset.isEmpty()) {
                deliverLogged(here, options, offset);
            } else {
                super.broadcast(here, options);
            }
        });
    }

    @Override
    public void broadcastWithAck(SocketPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<Object> onResponse) {
        SocketPacket here = packet.withNamespace(host.name());
        if (!options.flags().local()) {
            String requestId = newRequestId();
            requests.expectAcks(requestId, clientCount, onResponse,
                    options.flags().timeout() != null ? options.flags().timeout() : requestsTimeout);
            publish(new Broadcast(here, options, requestId));
        }
        super.broadcastWithAck(here, options, clientCount, onResponse);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            publish(new ClusterMessage.SocketsJoin(options, rooms));
        }
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            publish(new ClusterMessage.SocketsLeave(options, rooms));
        }
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.flags().local()) {
            publish(new ClusterMessage.DisconnectSockets(options, close));
        }
        super.disconnectSockets(options, close);
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
        List<SocketDetails> local = super.fetchSockets(options).join(); // the in-memory answer is immediate
        if (options.flags().local()) {
            return CompletableFuture.completedFuture(local);
        }
        Duration timeout = options.flags().timeout() != null ? options.flags().timeout() : requestsTimeout;
        return ask(count -> new ClusterMessage.FetchSockets(options, count), local, timeout, "fetchSockets")
                .thenApply(ClusterAdapter::asDetails);
    }

    @Override
    public void serverSideEmit(List<Object> args) {
        publish(new ClusterMessage.ServerSideEmit(args, null));
    }

    @Override
    public CompletableFuture<List<Object>> serverSideEmitWithAck(List<Object> args) {
        return ask(requestId -> new ClusterMessage.ServerSideEmit(args, requestId), List.of(), requestsTimeout,
                "serverSideEmit");
    }

    /** Publishes a request once the other servers are counted, and waits for their answers. */
    private CompletableFuture<List<Object>> ask(java.util.function.Function<String, ClusterMessage> request,
            List<?> local, Duration timeout, String what) {
        Set<String> known = nodes.alive();
        return serverCount().thenCompose(count -> {
            if (count <= 1) {
                return CompletableFuture.completedFuture(new ArrayList<>(local));
            }
            String requestId = newRequestId();
            CompletableFuture<List<Object>> answers = requests.expect(requestId, count - 1, local, known, timeout, what);
            publishAndReturnOffset(request.apply(requestId)).whenComplete((offset, error) -> {
                if (error != null) { // nobody will answer: this server's own results are the answer
                    requests.giveUp(requestId);
                }
            });
            return answers;
        });
    }

    /**
     * Says this server's adapter closed (waiting up to a second for the message to leave, so that
     * the others stop waiting for this server at once), stops the heartbeats, fails the requests
     * still waiting.
     */
    @Override
    public void close() {
        closed = true;
        heartbeat.stop();
        try {
            publishAndReturnOffset(new ClusterMessage.AdapterClose()).get(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "ADAPTER_CLOSE of " + host.name() + " not published: " + e);
        }
        requests.close();
        super.close();
    }

    // ---- received ----

    /**
     * Acts on a message of another server (Node's {@code onMessage} and {@code onResponse}); a
     * message of this server's own is ignored.
     *
     * @param from the sending server's id
     * @param message the message
     * @param offset the backend's offset of a broadcast, added to its packet when connection
     *     state recovery is on; {@code null} or empty if it has none
     */
    protected final void onMessage(String from, ClusterMessage message, String offset) {
        if (uid.equals(from) || closed) {
            return;
        }
        nodes.seen(from);
        switch (message.type()) {
            case INITIAL_HEARTBEAT -> publish(new ClusterMessage.Heartbeat());
            case HEARTBEAT -> { }
            case ADAPTER_CLOSE -> {
                nodes.remove(from);
                requests.nodeGone(from);
            }
            case BROADCAST -> onBroadcast(from, (Broadcast) message, offset);
            case SOCKETS_JOIN -> {
                ClusterMessage.SocketsJoin join = (ClusterMessage.SocketsJoin) message;
                super.addSockets(join.options(), join.rooms());
            }
            case SOCKETS_LEAVE -> {
                ClusterMessage.SocketsLeave leave = (ClusterMessage.SocketsLeave) message;
                super.delSockets(leave.options(), leave.rooms());
            }
            case DISCONNECT_SOCKETS -> {
                ClusterMessage.DisconnectSockets disconnect = (ClusterMessage.DisconnectSockets) message;
                super.disconnectSockets(disconnect.options(), disconnect.close());
            }
            case FETCH_SOCKETS -> {
                ClusterMessage.FetchSockets fetch = (ClusterMessage.FetchSockets) message;
                publishResponse(from, new ClusterMessage.FetchSocketsResponse(fetch.requestId(),
                        super.fetchSockets(fetch.options()).join()));
            }
            case SERVER_SIDE_EMIT -> onServerSideEmit(from, (ClusterMessage.ServerSideEmit) message);
            case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_CLIENT_COUNT, BROADCAST_ACK ->
                    requests.onResponse(from, message);
        }
    }

    private void onBroadcast(String from, Broadcast broadcast, String offset) {
        SocketPacket packet = broadcast.packet().withNamespace(host.name());
        BroadcastOptions options = broadcast.options();
        if (broadcast.requestId() == null) {
            if (recovery && offset != null && !offset.isEmpty() && loggable(packet, options)) {
                deliverLogged(packet, options, offset);
            } else {
                super.broadcast(packet, options);
            }
            return;
        }
        String requestId = broadcast.requestId();
        if (options.flags().timeout() == null) { // Node always sends it; without it the callbacks would be kept forever
            options = new BroadcastOptions(options.rooms(), options.except(), options.flags().withTimeout(requestsTimeout));
        }
        super.broadcastWithAck(packet, options,
                count -> publishResponse(from, new ClusterMessage.BroadcastClientCount(requestId, count)),
                answer -> publishResponse(from, new ClusterMessage.BroadcastAck(requestId, answer)));
    }

    private void onServerSideEmit(String from, ClusterMessage.ServerSideEmit emit) {
        Consumer<Object> ack = null;
        if (emit.requestId() != null) {
            boolean[] called = {false};
            ack = answer -> {
                synchronized (called) { // only one argument is expected, once
                    if (called[0]) {
                        return;
                    }
                    called[0] = true;
                }
                publishResponse(from, new ClusterMessage.ServerSideEmitResponse(emit.requestId(), answer));
            };
        }
        host.onServerSideEmit(new ArrayList<>(emit.packet()), ack);
    }

    // ---- sockets being restored ----

    /**
     * Whether one offset of the backend comes after another. The default reads Redis stream ids,
     * {@code <milliseconds>-<sequence>}; a backend with other offsets overrides it.
     *
     * <pre>{@code
     * isAfter("1796300831298-0", "1796300831297-5"); // true
     * }</pre>
     *
     * @param offset an offset
     * @param than another
     * @return whether {@code offset} is later
     */
    protected boolean isAfter(String offset, String than) {
        int a = offset.indexOf('-');
        int b = than.indexOf('-');
        try {
            long ms = Long.parseLong(offset.substring(0, a)) - Long.parseLong(than.substring(0, b));
            return ms != 0 ? ms > 0 : Long.parseLong(offset.substring(a + 1)) > Long.parseLong(than.substring(b + 1));
        } catch (RuntimeException e) {
            return offset.compareTo(than) > 0;
        }
    }

    /**
     * The backend found the session of a socket and is reading its missed packets: broadcasts to
     * its rooms are held from now on (see {@link #missedUpTo}).
     *
     * @param sid the socket
     * @param rooms its rooms
     */
    protected final void resumingStarted(String sid, Set<String> rooms) {
        resuming.start(sid, rooms);
    }

    /**
     * The backend read the missed packets of a socket: a broadcast up to {@code lastMissed} is
     * not delivered to it again; one after it is delivered when the server rejoins its rooms.
     *
     * @param sid the socket
     * @param lastMissed the offset of its last missed packet (or the client's offset if none)
     */
    protected final void missedUpTo(String sid, String lastMissed) {
        resuming.missedUpTo(sid, lastMissed);
    }

    /** @param sid a socket whose restore failed */
    protected final void resumingFailed(String sid) {
        resuming.forget(sid);
    }

    /** {@inheritDoc} A restored socket rejoining its rooms gets the broadcasts held for it first, in order. */
    @Override
    public void addAll(String socketId, Set<String> rooms) {
        if (resuming.isEmpty()) {
            super.addAll(socketId, rooms);
            return;
        }
        super.addAll(socketId, rooms);
        resuming.rejoined(socketId, held -> {
            SocketPacket packet = withOffset(held.packet(), held.offset());
            host.deliver(socketId, packet, host.encoder().encode(packet), held.options().flags());
        });
    }

    /** Delivers a broadcast with its offset, once, to the sockets being restored too. */
    private void deliverLogged(SocketPacket packet, BroadcastOptions options, String offset) {
        BroadcastOptions targets = resuming.isEmpty() ? options : resuming.filter(packet, options, offset);
        super.broadcast(withOffset(packet, offset), targets);
    }

    // ---- helpers ----

    /** Publishes, logging a failure at DEBUG (the backend says when it is down). */
    private void publish(ClusterMessage message) {
        try {
            publishAndReturnOffset(message).whenComplete((offset, error) -> {
                if (error != null) {
                    LOG.log(Level.DEBUG, () -> message.type() + " of " + host.name() + " not published: " + error);
                }
            });
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> message.type() + " of " + host.name() + " not published: " + e);
        }
    }

    private CompletableFuture<String> publishAndReturnOffset(ClusterMessage message) {
        heartbeat.published();
        return doPublish(message);
    }

    private void publishResponse(String requesterUid, ClusterMessage response) {
        try {
            doPublishResponse(requesterUid, response).whenComplete((done, error) -> {
                if (error != null) {
                    LOG.log(Level.DEBUG, () -> response.type() + " to " + requesterUid + " not published: " + error);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> response.type() + " to " + requesterUid + " not published: " + e);
        }
    }

    /** Whether a packet gets an offset and is kept for recovery: an EVENT without acknowledgement, not volatile. */
    private static boolean loggable(SocketPacket packet, BroadcastOptions options) {
        return packet.type() == SocketPacketType.EVENT && !packet.wantsAck() && !options.flags().volatileSend();
    }

    private static SocketPacket withOffset(SocketPacket packet, String offset) {
        if (offset == null || offset.isEmpty()) {
            return packet;
        }
        List<Object> data = new ArrayList<>(packet.args().size() + 1);
        data.addAll(packet.args());
        data.add(offset); // the client keeps the last string argument as its offset
        return SocketPacket.event(packet.namespace(), data);
    }

    /** Whether a broadcast targets one socket of this server by its id: no other server has a recipient. */
    private boolean toLocalSocketOnly(BroadcastOptions options) {
        if (options.rooms().size() != 1 || !options.except().isEmpty()) {
            return false;
        }
        String room = options.rooms().iterator().next();
        return hasRoom(room) && socketRooms(room).contains(room);
    }

    private static String newRequestId() {
        return HexFormat.of().formatHex(randomBytes());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<SocketDetails> asDetails(List<Object> sockets) {
        return (List) sockets;
    }
}
