package io.jakartio.redis;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.ClusterRequests;
import io.jakartio.adapter.InMemoryAdapter;
import io.jakartio.adapter.SocketDetails;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.SocketPacket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of one namespace in a cluster on Redis pub/sub, speaking exactly the protocol of
 * Node's {@code @socket.io/redis-adapter} 8.3, so that Java and Node servers form one cluster
 * (see {@link RedisChannels} for the channels):
 * <ul>
 *   <li>a broadcast is delivered to this server's sockets and published once, as the MessagePack
 *       {@code [uid, packet, {rooms, except, flags}]}, on the room's channel for a single room;
 *       every other server delivers it to its own sockets, so each recipient gets it exactly
 *       once. {@code local()} broadcasts are not published;</li>
 *   <li>{@code socketsJoin}, {@code socketsLeave} and {@code disconnectSockets} apply here at once
 *       and are published as requests (types 2, 3, 4) for the other servers;</li>
 *   <li>{@code fetchSockets} (5) and {@code serverSideEmitWithAck} (6 with a request id) wait
 *       for one answer per other server, the number of servers being the subscribers of the
 *       request channel ({@code PUBSUB NUMSUB}, {@link #serverCount()}), at most the request
 *       timeout (then a {@link io.jakartio.adapter.RequestTimeoutException} holds the answers that came);</li>
 *   <li>a broadcast with acknowledgements (7) is answered by every server with its count of
 *       recipients (8), then each recipient's acknowledgement (9).</li>
 * </ul>
 * Requests of other servers are answered by {@link RemoteRequests}. When Redis is unreachable,
 * everything stays local: broadcasts reach this server's sockets, requests answer with them,
 * {@link #serverCount()} is 1.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .adapter(new RedisAdapterFactory(RedisAdapterOptions.defaults()))
 *     .build();
 * }</pre>
 *
 * <p>Like Node's Redis adapter, it keeps no sessions: connection state recovery needs the Redis
 * Streams adapter.
 */
public class RedisAdapter extends InMemoryAdapter {

    private static final System.Logger LOG = System.getLogger(RedisAdapter.class.getName());
    /** Node's answers do not say who sent them: the requests count answers, not servers. */
    private static final String ANY_SERVER = "";

    private final RedisLink link;
    private final RedisAdapterOptions options;
    private final RedisChannels channels;
    private final String uid = RequestIds.next();
    private final MessagePack msgpack;
    private final RequestCodec codec;
    private final ClusterRequests requests;
    private final List<RedisLink.Subscription> subscriptions = new ArrayList<>();

    /**
     * Subscribes to the namespace's channels (as soon as Redis is reachable).
     *
     * @param host the namespace
     * @param link the server's connections to Redis, shared by its namespaces
     * @param options the key, timeout and response channel choice
     */
    public RedisAdapter(AdapterHost host, RedisLink link, RedisAdapterOptions options) {
        super(host);
        this.link = link;
        this.options = options;
        this.channels = new RedisChannels(options.key(), host.name());
        this.msgpack = new MessagePack(host.encoder().fallback());
        this.codec = new RequestCodec(msgpack, host.encoder().fallback());
        this.requests = new ClusterRequests((delay, task) -> {
            ScheduledFuture<?> timeout = link.schedule(task, delay);
            return () -> timeout.cancel(false);
        });
        RemoteRequests remote = new RemoteRequests(this, host, codec, requests);
        subscriptions.add(link.psubscribe(channels.pattern(), this::onBroadcast));
        subscriptions.add(link.subscribe(channels.request(), remote::onRequest));
        subscriptions.add(link.subscribe(channels.response(), this::onResponse));
        subscriptions.add(link.subscribe(channels.response(uid), this::onResponse));
    }

    /** @return this adapter's id in the cluster (Node's {@code uid}: six random characters) */
    public String uid() {
        return uid;
    }

    /** @return the namespace's channels */
    public RedisChannels channels() {
        return channels;
    }

    @Override
    public void broadcast(SocketPacket packet, BroadcastOptions targets) {
        if (targets.flags().local()) {
            super.broadcast(packet, targets);
            return;
        }
        SocketPacket here = packet.withNamespace(host.name());
        if (toLocalSocketOnly(targets)) {
            super.broadcast(here, targets);
            return;
        }
        // Encoded first: a payload that cannot be encoded fails the emit before anyone gets it.
        byte[] message = msgpack.encode(List.of(uid, WireFormat.packet(here), WireFormat.options(targets)));
        super.broadcast(here, targets);
        link.publish(channels.broadcast(targets.rooms()), message);
    }

    /**
     * Whether a broadcast targets one socket of this server by its id ({@code io.to(id)}, and
     * every {@code socket.emit} with connection state recovery on): socket ids are unique in the
     * cluster, so no other server has a recipient and nothing is published. (Node's adapter
     * publishes it, and the other servers drop it undecoded.)
     */
    private boolean toLocalSocketOnly(BroadcastOptions targets) {
        if (targets.rooms().size() != 1 || !targets.except().isEmpty()) {
            return false;
        }
        String room = targets.rooms().iterator().next();
        return hasRoom(room) && socketRooms(room).contains(room); // a socket's own room: the socket is here
    }

    @Override
    public void broadcastWithAck(SocketPacket packet, BroadcastOptions targets, IntConsumer clientCount,
            Consumer<Object> onResponse) {
        SocketPacket here = packet.withNamespace(host.name());
        if (!targets.flags().local()) {
            String requestId = RequestIds.next();
            Map<String, Object> request = request(RequestType.BROADCAST, requestId);
            request.put("packet", WireFormat.packet(here));
            request.put("opts", WireFormat.options(targets));
            byte[] message = codec.msgpack(request);
            requests.expectAcks(requestId, clientCount, onResponse,
                    targets.flags().timeout() != null ? targets.flags().timeout() : options.requestsTimeout());
            link.publish(channels.request(), message);
        }
        super.broadcastWithAck(here, targets, clientCount, onResponse);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The subscribers of the namespace's request channel ({@code PUBSUB NUMSUB}), as Node
     * counts them; 1 while Redis is unreachable (this server is all the cluster it can reach).
     */
    @Override
    public CompletableFuture<Integer> serverCount() {
        if (!link.isConnected()) {
            return CompletableFuture.completedFuture(1);
        }
        return link.numsub(channels.request()).handle((count, error) -> error != null || count == null
                ? 1 : (int) Math.max(1, count));
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions targets) {
        List<SocketDetails> local = super.fetchSockets(targets).join(); // the in-memory answer is immediate
        if (targets.flags().local()) {
            return CompletableFuture.completedFuture(local);
        }
        return serverCount().thenCompose(count -> {
            if (count <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            String requestId = RequestIds.next();
            Map<String, Object> request = request(RequestType.REMOTE_FETCH, requestId);
            request.put("opts", WireFormat.targets(targets));
            CompletableFuture<List<Object>> answers = requests.expect(requestId, count - 1, local, Set.of(),
                    options.requestsTimeout(), "fetchSockets");
            return send(request, requestId, answers).thenApply(RedisAdapter::asDetails);
        });
    }

    @Override
    public void addSockets(BroadcastOptions targets, Set<String> rooms) {
        super.addSockets(targets, rooms);
        if (!targets.flags().local()) {
            Map<String, Object> request = request(RequestType.REMOTE_JOIN, null);
            request.put("opts", WireFormat.targets(targets));
            request.put("rooms", List.copyOf(rooms));
            link.publish(channels.request(), codec.json(request));
        }
    }

    @Override
    public void delSockets(BroadcastOptions targets, Set<String> rooms) {
        super.delSockets(targets, rooms);
        if (!targets.flags().local()) {
            Map<String, Object> request = request(RequestType.REMOTE_LEAVE, null);
            request.put("opts", WireFormat.targets(targets));
            request.put("rooms", List.copyOf(rooms));
            link.publish(channels.request(), codec.json(request));
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions targets, boolean close) {
        if (!targets.flags().local()) {
            Map<String, Object> request = request(RequestType.REMOTE_DISCONNECT, null);
            request.put("opts", WireFormat.targets(targets));
            request.put("close", close);
            link.publish(channels.request(), codec.json(request));
        }
        super.disconnectSockets(targets, close);
    }

    @Override
    public void serverSideEmit(List<Object> args) {
        Map<String, Object> request = request(RequestType.SERVER_SIDE_EMIT, null);
        request.put("data", args);
        link.publish(channels.request(), codec.json(request));
    }

    @Override
    public CompletableFuture<List<Object>> serverSideEmitWithAck(List<Object> args) {
        byte[] check = codec.json(Map.of("data", args)); // fails now, not after counting the servers
        return serverCount().thenCompose(count -> {
            if (count <= 1) {
                return CompletableFuture.completedFuture(List.of());
            }
            String requestId = RequestIds.next();
            Map<String, Object> request = request(RequestType.SERVER_SIDE_EMIT, requestId);
            request.put("data", args); // the presence of requestId asks for answers
            CompletableFuture<List<Object>> answers = requests.expect(requestId, count - 1, List.of(), Set.of(),
                    options.requestsTimeout(), "serverSideEmit");
            return send(request, requestId, answers);
        });
    }

    /** Unsubscribes; requests still waiting fail. The server's {@link RedisLink} stays open. */
    @Override
    public void close() {
        subscriptions.forEach(RedisLink.Subscription::close);
        requests.close();
    }

    @Override
    public String toString() {
        return "RedisAdapter[" + host.name() + ", uid " + uid + ", " + link.where() + "]";
    }

    // ---- what RemoteRequests does here for other servers: this server's part only ----

    void localBroadcastWithAck(SocketPacket packet, BroadcastOptions targets, IntConsumer clientCount,
            Consumer<Object> onResponse) {
        super.broadcastWithAck(packet, targets, clientCount, onResponse);
    }

    List<SocketDetails> localFetchSockets(BroadcastOptions targets) {
        return super.fetchSockets(targets).join();
    }

    void localAddSockets(BroadcastOptions targets, Set<String> rooms) {
        super.addSockets(targets, rooms);
    }

    void localDelSockets(BroadcastOptions targets, Set<String> rooms) {
        super.delSockets(targets, rooms);
    }

    void localDisconnectSockets(BroadcastOptions targets, boolean close) {
        super.disconnectSockets(targets, close);
    }

    /** Publishes an answer to a request of the server {@code requesterUid}. */
    void publishResponse(Object requesterUid, byte[] response) {
        String channel = options.publishOnSpecificResponseChannel() && requesterUid instanceof String id
                ? channels.response(id) : channels.response();
        link.publish(channel, response);
    }

    /** Publishes on the channel every server reads answers on. */
    void publishToAll(byte[] response) {
        link.publish(channels.response(), response);
    }

    String ownUid() {
        return uid;
    }

    java.time.Duration requestsTimeout() {
        return options.requestsTimeout();
    }

    // ---- received, on the link's thread ----

    private void onBroadcast(String channel, byte[] message) {
        String room = channels.roomOf(channel);
        if (!room.isEmpty() && !hasRoom(room)) {
            return; // a single room's broadcast, and no socket here is in it: not even decoded
        }
        try {
            List<?> parts = (List<?>) msgpack.decode(message);
            if (uid.equals(parts.get(0))) {
                return; // this server's own broadcast, delivered here already
            }
            SocketPacket packet = WireFormat.readPacket(parts.get(1));
            if (!packet.namespace().equals(host.name())) {
                return;
            }
            super.broadcast(packet, WireFormat.readOptions(parts.get(2)));
        } catch (RuntimeException e) { // malformed (ClassCast, IndexOutOfBounds, IllegalArgument): skipped
            LOG.log(Level.DEBUG, () -> "ignored a malformed broadcast on " + channel + ": " + e);
        }
    }

    private void onResponse(byte[] message) {
        Map<?, ?> response;
        try {
            response = codec.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "ignored a malformed response on " + channels.response() + ": " + e);
            return;
        }
        if (!(response.get("requestId") instanceof String requestId)) {
            return;
        }
        ClusterRequests.AckRequest ack = requests.ackRequest(requestId);
        if (ack != null) {
            RequestType type = RequestType.of(response.get("type"));
            if (type == RequestType.BROADCAST_CLIENT_COUNT && response.get("clientCount") instanceof Number count) {
                ack.clientCount().accept(count.intValue());
            } else if (type == RequestType.BROADCAST_ACK) {
                ack.onResponse().accept(response.get("packet"));
            }
            return;
        }
        if (response.containsKey("sockets")) { // a fetchSockets answer
            if (response.get("sockets") instanceof List<?> sockets) {
                requests.answer(requestId, ANY_SERVER, details(new ArrayList<>(sockets)));
            }
        } else if (RequestType.of(response.get("type")) == RequestType.SERVER_SIDE_EMIT) {
            requests.answer(requestId, ANY_SERVER, Collections.singletonList(response.get("data")));
        }
    }

    // ---- helpers ----

    private Map<String, Object> request(RequestType type, String requestId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", uid);
        if (requestId != null) {
            request.put("requestId", requestId);
        }
        request.put("type", type.number());
        return request;
    }

    /** Publishes a request; if Redis refused it, this server's own results are the answer. */
    private CompletableFuture<List<Object>> send(Map<String, Object> request, String requestId,
            CompletableFuture<List<Object>> answers) {
        byte[] message = codec.json(request);
        link.publish(channels.request(), message).whenCompleteAsync((receivers, error) -> {
            if (error != null) {
                requests.giveUp(requestId); // completes with what it has: this server's own results
            }
        }, link.executor());
        return answers;
    }

    /** Every element is a {@link SocketDetails} already: this server's, or converted on arrival. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<SocketDetails> asDetails(List<Object> sockets) {
        return (List) sockets;
    }

    /** Node's answer to a fetch: {@code [{id, handshake, rooms, data}]}; malformed entries are skipped. */
    @SuppressWarnings("unchecked")
    private static List<SocketDetails> details(List<Object> sockets) {
        List<SocketDetails> details = new ArrayList<>(sockets.size());
        for (Object socket : sockets) {
            if (socket instanceof SocketDetails local) {
                details.add(local);
            } else if (socket instanceof Map<?, ?> map && map.get("id") instanceof String id) {
                Object handshake = map.get("handshake");
                Object data = map.get("data");
                try {
                    details.add(new SocketDetails(id,
                            handshake instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of(),
                            WireFormat.readRooms(map.get("rooms")),
                            data instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of()));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.DEBUG, () -> "ignored a malformed socket of a fetchSockets answer: " + e);
                }
            }
        }
        return details;
    }
}
