package io.jakartio.redis;

import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.adapter.ClusterMessage;
import io.jakartio.adapter.ClusterMessageType;
import io.jakartio.adapter.SocketDetails;
import io.jakartio.parser.JsonReader;
import io.jakartio.parser.JsonWriter;
import io.jakartio.parser.MessagePack;
import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@link ClusterMessage}s as Node's {@code @socket.io/redis-streams-adapter} 0.3.1 writes them
 * (its {@code lib/adapter.ts}):
 * <ul>
 *   <li>in the stream, an entry of four string fields, {@code uid}, {@code nsp}, {@code type} (the
 *       number in decimal) and {@code data}: {@code JSON.stringify} of the message's data, or, when
 *       a message that may carry binary does, the base64 of its MessagePack;</li>
 *   <li>on the PUB/SUB channels, the MessagePack of {@code {type, data, uid, nsp}}.</li>
 * </ul>
 * The data of each type is socket.io-adapter's, e.g. a broadcast's
 * {@code {"packet":{"type":2,"data":["hello","world"]},"opts":{"rooms":[],"except":[],"flags":{}}}}.
 *
 * <pre>{@code
 * ClusterMessageCodec codec = new ClusterMessageCodec(new MessagePack(null), null);
 * Map<String, byte[]> fields = codec.streamEntry("2854df4a7ee7fa34", "/",
 *         new ClusterMessage.Broadcast(SocketPacket.event("/", "hello", "world"), BroadcastOptions.ALL, null));
 * }</pre>
 */
final class ClusterMessageCodec {

    /** A message decoded, with who sent it and for which namespace. */
    record Received(String uid, String nsp, ClusterMessage message) { }

    private final MessagePack msgpack;
    private final UnaryOperator<Object> fallback;

    /**
     * @param msgpack the MessagePack codec
     * @param fallback turns application objects into JSON-like values, or {@code null}
     */
    ClusterMessageCodec(MessagePack msgpack, UnaryOperator<Object> fallback) {
        this.msgpack = msgpack;
        this.fallback = fallback;
    }

    /**
     * @return the fields of the stream entry, in Node's order
     * @throws IllegalArgumentException if the data cannot be encoded
     */
    Map<String, byte[]> streamEntry(String uid, String nsp, ClusterMessage message) {
        Map<String, byte[]> fields = new LinkedHashMap<>(4);
        fields.put("uid", utf8(uid));
        fields.put("nsp", utf8(nsp));
        fields.put("type", utf8(Integer.toString(message.type().number())));
        Map<String, Object> data = data(message);
        if (data != null) {
            fields.put("data", utf8(mayContainBinary(message.type()) && hasBinary(data, 0)
                    ? Base64.getEncoder().encodeToString(msgpack.encode(data))
                    : json(data)));
        }
        return fields;
    }

    /**
     * @return the MessagePack of {@code {type, data, uid, nsp}}, as published on a channel
     * @throws IllegalArgumentException if the data cannot be encoded
     */
    byte[] published(String uid, String nsp, ClusterMessage message) {
        Map<String, Object> wire = new LinkedHashMap<>(4);
        wire.put("type", message.type().number());
        Map<String, Object> data = data(message);
        if (data != null) {
            wire.put("data", data);
        }
        wire.put("uid", uid);
        wire.put("nsp", nsp);
        return msgpack.encode(wire);
    }

    /**
     * @param fields a stream entry's fields
     * @return the message
     * @throws IllegalArgumentException if it is malformed or of an unknown type
     */
    Received fromStream(Map<String, byte[]> fields) {
        String data = text(fields.get("data"));
        Object tree = null;
        if (data != null && !data.isEmpty()) {
            if (data.startsWith("{")) {
                try {
                    tree = JsonReader.parse(data);
                } catch (PacketParseException e) {
                    throw new IllegalArgumentException("malformed JSON data: " + e.getMessage(), e);
                }
            } else {
                tree = msgpack.decode(Base64.getDecoder().decode(data));
            }
        }
        int type;
        try {
            type = Integer.parseInt(String.valueOf(text(fields.get("type"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("type " + text(fields.get("type")) + " is not a number");
        }
        return new Received(text(fields.get("uid")), text(fields.get("nsp")), message(type, tree));
    }

    /**
     * @param bytes a message received on a channel
     * @return the message
     * @throws IllegalArgumentException if it is malformed or of an unknown type
     */
    Received fromChannel(byte[] bytes) {
        if (!(msgpack.decode(bytes) instanceof Map<?, ?> wire) || !(wire.get("type") instanceof Number type)) {
            throw new IllegalArgumentException("not a cluster message");
        }
        return new Received(wire.get("uid") instanceof String uid ? uid : null,
                wire.get("nsp") instanceof String nsp ? nsp : null, message(type.intValue(), wire.get("data")));
    }

    // ---- data of each type, as socket.io-adapter builds it ----

    private Map<String, Object> data(ClusterMessage message) {
        Map<String, Object> data = new LinkedHashMap<>(4);
        switch (message.type()) {
            case INITIAL_HEARTBEAT, HEARTBEAT, ADAPTER_CLOSE -> {
                return null;
            }
            case BROADCAST -> {
                ClusterMessage.Broadcast broadcast = (ClusterMessage.Broadcast) message;
                Map<String, Object> packet = new LinkedHashMap<>(2);
                packet.put("type", broadcast.packet().type().ordinal()); // socket.io-parser's ids: EVENT is 2
                packet.put("data", broadcast.packet().data());
                data.put("packet", packet);
                if (broadcast.requestId() != null) {
                    data.put("requestId", broadcast.requestId());
                }
                data.put("opts", WireFormat.options(broadcast.options()));
            }
            case SOCKETS_JOIN -> {
                ClusterMessage.SocketsJoin join = (ClusterMessage.SocketsJoin) message;
                data.put("opts", WireFormat.options(join.options()));
                data.put("rooms", List.copyOf(join.rooms()));
            }
            case SOCKETS_LEAVE -> {
                ClusterMessage.SocketsLeave leave = (ClusterMessage.SocketsLeave) message;
                data.put("opts", WireFormat.options(leave.options()));
                data.put("rooms", List.copyOf(leave.rooms()));
            }
            case DISCONNECT_SOCKETS -> {
                ClusterMessage.DisconnectSockets disconnect = (ClusterMessage.DisconnectSockets) message;
                data.put("opts", WireFormat.options(disconnect.options()));
                data.put("close", disconnect.close());
            }
            case FETCH_SOCKETS -> {
                ClusterMessage.FetchSockets fetch = (ClusterMessage.FetchSockets) message;
                data.put("opts", WireFormat.options(fetch.options()));
                data.put("requestId", fetch.requestId());
            }
            case FETCH_SOCKETS_RESPONSE -> {
                ClusterMessage.FetchSocketsResponse response = (ClusterMessage.FetchSocketsResponse) message;
                data.put("requestId", response.requestId());
                List<Map<String, Object>> sockets = new ArrayList<>(response.sockets().size());
                for (SocketDetails socket : response.sockets()) {
                    Map<String, Object> entry = new LinkedHashMap<>(4);
                    entry.put("id", socket.id());
                    entry.put("handshake", socket.handshake());
                    entry.put("rooms", List.copyOf(socket.rooms()));
                    entry.put("data", socket.data());
                    sockets.add(entry);
                }
                data.put("sockets", sockets);
            }
            case SERVER_SIDE_EMIT -> {
                ClusterMessage.ServerSideEmit emit = (ClusterMessage.ServerSideEmit) message;
                if (emit.requestId() != null) {
                    data.put("requestId", emit.requestId());
                }
                data.put("packet", emit.packet());
            }
            case SERVER_SIDE_EMIT_RESPONSE -> {
                ClusterMessage.ServerSideEmitResponse response = (ClusterMessage.ServerSideEmitResponse) message;
                data.put("requestId", response.requestId());
                data.put("packet", response.packet());
            }
            case BROADCAST_CLIENT_COUNT -> {
                ClusterMessage.BroadcastClientCount count = (ClusterMessage.BroadcastClientCount) message;
                data.put("requestId", count.requestId());
                data.put("clientCount", count.clientCount());
            }
            case BROADCAST_ACK -> {
                ClusterMessage.BroadcastAck ack = (ClusterMessage.BroadcastAck) message;
                data.put("requestId", ack.requestId());
                data.put("packet", ack.packet());
            }
        }
        return data;
    }

    private static ClusterMessage message(int number, Object tree) {
        ClusterMessageType type = ClusterMessageType.of(number);
        if (type == null) {
            throw new IllegalArgumentException("unknown message type " + number);
        }
        Map<?, ?> data = tree instanceof Map<?, ?> map ? map : Map.of();
        if (tree != null && !(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("data " + tree + " is not an object");
        }
        String requestId = data.get("requestId") instanceof String id ? id : null;
        return switch (type) {
            case INITIAL_HEARTBEAT -> new ClusterMessage.InitialHeartbeat();
            case HEARTBEAT -> new ClusterMessage.Heartbeat();
            case ADAPTER_CLOSE -> new ClusterMessage.AdapterClose();
            case BROADCAST -> new ClusterMessage.Broadcast(WireFormat.readPacket(data.get("packet")),
                    WireFormat.readOptions(data.get("opts")), requestId);
            case SOCKETS_JOIN -> new ClusterMessage.SocketsJoin(WireFormat.readOptions(data.get("opts")),
                    WireFormat.readRooms(data.get("rooms")));
            case SOCKETS_LEAVE -> new ClusterMessage.SocketsLeave(WireFormat.readOptions(data.get("opts")),
                    WireFormat.readRooms(data.get("rooms")));
            case DISCONNECT_SOCKETS -> new ClusterMessage.DisconnectSockets(WireFormat.readOptions(data.get("opts")),
                    Boolean.TRUE.equals(data.get("close")));
            case FETCH_SOCKETS -> new ClusterMessage.FetchSockets(targets(data.get("opts")), required(requestId));
            case FETCH_SOCKETS_RESPONSE -> new ClusterMessage.FetchSocketsResponse(required(requestId),
                    sockets(data.get("sockets")));
            case SERVER_SIDE_EMIT -> {
                if (!(data.get("packet") instanceof List<?> packet)) {
                    throw new IllegalArgumentException("serverSideEmit without packet");
                }
                yield new ClusterMessage.ServerSideEmit(new ArrayList<>(packet), requestId);
            }
            case SERVER_SIDE_EMIT_RESPONSE -> new ClusterMessage.ServerSideEmitResponse(required(requestId), data.get("packet"));
            case BROADCAST_CLIENT_COUNT -> new ClusterMessage.BroadcastClientCount(required(requestId),
                    data.get("clientCount") instanceof Number n ? n.intValue() : 0);
            case BROADCAST_ACK -> new ClusterMessage.BroadcastAck(required(requestId), data.get("packet"));
        };
    }

    /** A request's targets act on local sockets: the flags it carries do not apply there. */
    private static BroadcastOptions targets(Object opts) {
        BroadcastOptions read = WireFormat.readOptions(opts);
        return new BroadcastOptions(read.rooms(), read.except(),
                read.flags().timeout() == null ? BroadcastFlags.NONE : BroadcastFlags.NONE.withTimeout(read.flags().timeout()));
    }

    private static String required(String requestId) {
        if (requestId == null) {
            throw new IllegalArgumentException("response without requestId");
        }
        return requestId;
    }

    /** Node's sockets: {@code [{id, handshake, rooms, data}]}; malformed entries are skipped. */
    @SuppressWarnings("unchecked")
    private static List<SocketDetails> sockets(Object wire) {
        List<SocketDetails> sockets = new ArrayList<>();
        if (!(wire instanceof List<?> list)) {
            return sockets;
        }
        for (Object socket : list) {
            if (socket instanceof Map<?, ?> map && map.get("id") instanceof String id) {
                Object handshake = map.get("handshake");
                Object data = map.get("data");
                sockets.add(new SocketDetails(id,
                        handshake instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of(),
                        WireFormat.readRooms(map.get("rooms")),
                        data instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of()));
            }
        }
        return sockets;
    }

    private static boolean mayContainBinary(ClusterMessageType type) {
        return switch (type) {
            case BROADCAST, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_ACK -> true;
            default -> false;
        };
    }

    /** Node's {@code hasBinary}: a Buffer or typed array anywhere in the tree. */
    private static boolean hasBinary(Object value, int depth) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return true;
        }
        if (depth > JsonReader.MAX_DEPTH) {
            return false; // the encoder refuses it
        }
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                if (hasBinary(v, depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object v : list) {
                if (hasBinary(v, depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof Object[] array) {
            for (Object v : array) {
                if (hasBinary(v, depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof SocketPacket packet) {
            return hasBinary(packet.data(), depth + 1);
        }
        return false;
    }

    private String json(Object data) {
        StringBuilder out = new StringBuilder(128);
        new JsonWriter(out, null, fallback).write(data);
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
