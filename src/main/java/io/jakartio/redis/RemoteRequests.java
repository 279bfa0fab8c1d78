package io.jakartio.redis;

import io.jakartio.adapter.AdapterHost;
import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.ClusterRequests;
import io.jakartio.adapter.SocketDetails;
import io.jakartio.parser.SocketPacket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers the requests other servers publish on the namespace's request channel, as Node's
 * Redis adapter does ({@code onrequest} in its {@code lib/index.ts}): each request acts on this
 * server's sockets only, and the answer goes to the response channel. This server's own requests
 * come back too and are skipped (by their {@code uid}): it acted on its own sockets already.
 * Runs on the link's thread; a malformed request is logged at DEBUG and skipped.
 */
final class RemoteRequests {

    private static final System.Logger LOG = System.getLogger(RemoteRequests.class.getName());

    private final RedisAdapter adapter;
    private final AdapterHost host;
    private final RequestCodec codec;
    private final ClusterRequests own;

    RemoteRequests(RedisAdapter adapter, AdapterHost host, RequestCodec codec, ClusterRequests own) {
        this.adapter = adapter;
        this.host = host;
        this.codec = codec;
        this.own = own;
    }

    void onRequest(byte[] message) {
        try {
            Map<?, ?> request = codec.decode(message);
            Object requestId = request.get("requestId");
            if (adapter.ownUid().equals(request.get("uid")) || (requestId instanceof String id && own.isOwn(id))) {
                return;
            }
            RequestType type = RequestType.of(request.get("type"));
            if (type == null) {
                LOG.log(Level.DEBUG, () -> "ignored a request of unknown type " + request.get("type"));
                return;
            }
            answer(type, request, requestId);
        } catch (RuntimeException e) { // malformed: IllegalArgument, ClassCast...
            LOG.log(Level.DEBUG, () -> "ignored a malformed request on " + host.name() + ": " + e);
        }
    }

    private void answer(RequestType type, Map<?, ?> request, Object requestId) {
        Object requester = request.get("uid");
        switch (type) {
            case SOCKETS -> {
                Map<String, Object> response = response(requestId);
                response.put("sockets", List.copyOf(adapter.sockets(WireFormat.readRooms(request.get("rooms")))));
                adapter.publishResponse(requester, codec.json(response));
            }
            case ALL_ROOMS -> {
                Map<String, Object> response = response(requestId);
                response.put("rooms", List.copyOf(adapter.rooms()));
                adapter.publishResponse(requester, codec.json(response));
            }
            case REMOTE_JOIN, REMOTE_LEAVE -> rooms(type, request, requester, requestId);
            case REMOTE_DISCONNECT -> disconnect(request, requester, requestId);
            case REMOTE_FETCH -> {
                Map<String, Object> response = response(requestId);
                response.put("sockets", wire(adapter.localFetchSockets(targets(request.get("opts")))));
                adapter.publishResponse(requester, codec.json(response));
            }
            case SERVER_SIDE_EMIT -> serverSideEmit(request, requestId);
            case BROADCAST -> broadcastWithAck(request, requester, requestId);
            default -> LOG.log(Level.DEBUG, () -> "ignored an answer of type " + type + " on the request channel");
        }
    }

    /** 2 and 3: with {@code opts}, every targeted socket; else (older servers) one {@code sid} and one {@code room}. */
    private void rooms(RequestType type, Map<?, ?> request, Object requester, Object requestId) {
        boolean join = type == RequestType.REMOTE_JOIN;
        if (request.get("opts") != null) {
            Set<String> rooms = WireFormat.readRooms(request.get("rooms"));
            if (join) {
                adapter.localAddSockets(targets(request.get("opts")), rooms);
            } else {
                adapter.localDelSockets(targets(request.get("opts")), rooms);
            }
            return;
        }
        if (!(request.get("sid") instanceof String sid) || host.details(sid).isEmpty()
                || !(request.get("room") instanceof String room)) {
            return;
        }
        if (join) {
            adapter.localAddSockets(BroadcastOptions.socket(sid), Set.of(room));
        } else {
            adapter.localDelSockets(BroadcastOptions.socket(sid), Set.of(room));
        }
        adapter.publishResponse(requester, codec.json(response(requestId)));
    }

    private void disconnect(Map<?, ?> request, Object requester, Object requestId) {
        boolean close = Boolean.TRUE.equals(request.get("close"));
        if (request.get("opts") != null) {
            adapter.localDisconnectSockets(targets(request.get("opts")), close);
            return;
        }
        if (request.get("sid") instanceof String sid && host.details(sid).isPresent()) {
            host.disconnect(sid, close);
            adapter.publishResponse(requester, codec.json(response(requestId)));
        }
    }

    /** 6: to this namespace's listeners; with a request id, the first answer goes back on the common response channel. */
    private void serverSideEmit(Map<?, ?> request, Object requestId) {
        if (!(request.get("data") instanceof List<?> data)) {
            return;
        }
        Consumer<Object> ack = null;
        if (requestId != null) {
            ack = answer -> {
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("type", RequestType.SERVER_SIDE_EMIT.number());
                response.put("requestId", requestId);
                response.put("data", answer);
                adapter.publishToAll(codec.json(response));
            };
        }
        host.onServerSideEmit(new ArrayList<>(data), ack);
    }

    /** 7: deliver here, answer with the number of recipients, then each recipient's acknowledgement. */
    private void broadcastWithAck(Map<?, ?> request, Object requester, Object requestId) {
        SocketPacket packet = WireFormat.readPacket(request.get("packet")).withNamespace(host.name());
        BroadcastOptions targets = WireFormat.readOptions(request.get("opts"));
        if (targets.flags().timeout() == null) { // Node always sends it; without it the callbacks would be kept forever
            targets = new BroadcastOptions(targets.rooms(), targets.except(),
                    targets.flags().withTimeout(adapter.requestsTimeout()));
        }
        adapter.localBroadcastWithAck(packet, targets, clientCount -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("type", RequestType.BROADCAST_CLIENT_COUNT.number());
            response.put("requestId", requestId);
            response.put("clientCount", clientCount);
            adapter.publishResponse(requester, codec.json(response));
        }, answer -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("type", RequestType.BROADCAST_ACK.number());
            response.put("requestId", requestId);
            response.put("packet", answer);
            adapter.publishResponse(requester, codec.msgpack(response));
        });
    }

    private static Map<String, Object> response(Object requestId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", requestId);
        return response;
    }

    /** A request's {@code {rooms, except}}: Node's requests carry no flags, and act on local sockets. */
    private static BroadcastOptions targets(Object opts) {
        BroadcastOptions read = WireFormat.readOptions(opts);
        return new BroadcastOptions(read.rooms(), read.except(), BroadcastFlags.NONE);
    }

    private static List<Map<String, Object>> wire(List<SocketDetails> sockets) {
        List<Map<String, Object>> wire = new ArrayList<>(sockets.size());
        for (SocketDetails socket : sockets) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", socket.id());
            entry.put("handshake", socket.handshake());
            entry.put("rooms", List.copyOf(socket.rooms()));
            entry.put("data", socket.data());
            wire.add(entry);
        }
        return wire;
    }
}
