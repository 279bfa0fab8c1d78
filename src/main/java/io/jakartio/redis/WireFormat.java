package io.jakartio.redis;

import io.jakartio.adapter.BroadcastFlags;
import io.jakartio.adapter.BroadcastOptions;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Socket.IO packet and a broadcast's options as Node's adapters and emitters put them on the
 * wire, inside their MessagePack or JSON messages: the packet as socket.io builds it,
 * {@code {type, data, nsp}} (and {@code id} when it asks for an acknowledgement), the options
 * as {@code {rooms: [...], except: [...], flags: {...}}}. The flags are those of Node's
 * {@code BroadcastFlags}: {@code volatile}, {@code compress}, {@code local} and
 * {@code timeout} (milliseconds); only the set ones are written, as a JavaScript object holds them.
 *
 * <pre>{@code
 * Map<String, Object> packet = WireFormat.packet(SocketPacket.event("/", "chat message", "hi"));
 * // {type=2, data=[chat message, hi], nsp=/}
 * BroadcastOptions options = WireFormat.readOptions(Map.of("rooms", List.of("room1"), "except", List.of(), "flags", Map.of()));
 * }</pre>
 *
 * <p>Reading is lenient where Node is (a packet without {@code nsp} is in {@code "/"}, missing
 * lists are empty, numeric rooms are their text) and strict elsewhere: a value of the wrong
 * shape is an {@link IllegalArgumentException}, which an adapter logs and skips.
 */
public final class WireFormat {

    private WireFormat() {
    }

    /**
     * @param packet a packet (an EVENT, typically)
     * @return {@code {type, data, nsp}}, plus {@code id} if it asks for an acknowledgement
     */
    public static Map<String, Object> packet(SocketPacket packet) {
        Map<String, Object> wire = new LinkedHashMap<>(4);
        wire.put("type", wireType(packet.type()));
        wire.put("data", packet.data());
        wire.put("nsp", packet.namespace());
        if (packet.wantsAck()) {
            wire.put("id", packet.ackId());
        }
        return wire;
    }

    /**
     * @param wire a decoded {@code {type, data, nsp, id?}}
     * @return the packet; a binary type reads as its plain one (the encoder chooses again), a
     *     packet without {@code nsp} is in {@code "/"}, as in Node's adapters
     * @throws IllegalArgumentException if it is not such a map
     */
    public static SocketPacket readPacket(Object wire) {
        Map<?, ?> map = map(wire, "packet");
        if (!(map.get("type") instanceof Integer type) || type < 0 || type >= SocketPacketType.values().length) {
            throw new IllegalArgumentException("packet type " + map.get("type") + " is not a Socket.IO packet type");
        }
        SocketPacketType packetType = switch (SocketPacketType.values()[type]) {
            case BINARY_EVENT -> SocketPacketType.EVENT;
            case BINARY_ACK -> SocketPacketType.ACK;
            default -> SocketPacketType.values()[type];
        };
        Object nsp = map.get("nsp");
        if (nsp != null && !(nsp instanceof String)) {
            throw new IllegalArgumentException("packet nsp " + nsp + " is not a string");
        }
        Object data = map.get("data");
        if ((packetType == SocketPacketType.EVENT && !(data instanceof List<?> list && !list.isEmpty()))
                || (packetType == SocketPacketType.ACK && !(data instanceof List<?>))) {
            throw new IllegalArgumentException("packet data " + data + " is not an argument list");
        }
        Object id = map.get("id");
        long ackId = id instanceof Number n && n.longValue() >= 0 ? n.longValue() : SocketPacket.NO_ACK;
        return new SocketPacket(packetType, nsp == null ? "/" : (String) nsp, ackId, data);
    }

    /**
     * @param options a broadcast's targets and flags
     * @return {@code {rooms, except, flags}}
     */
    public static Map<String, Object> options(BroadcastOptions options) {
        Map<String, Object> wire = targets(options);
        wire.put("flags", flags(options.flags()));
        return wire;
    }

    /**
     * @param options a request's targets
     * @return {@code {rooms, except}}: what the requests of Node's Redis adapter carry (no flags)
     */
    public static Map<String, Object> targets(BroadcastOptions options) {
        Map<String, Object> wire = new LinkedHashMap<>(4);
        wire.put("rooms", List.copyOf(options.rooms()));
        wire.put("except", List.copyOf(options.except()));
        return wire;
    }

    /**
     * @param wire a decoded {@code {rooms, except, flags?}}
     * @return the options
     * @throws IllegalArgumentException if it is not such a map
     */
    public static BroadcastOptions readOptions(Object wire) {
        Map<?, ?> map = map(wire, "options");
        return new BroadcastOptions(readRooms(map.get("rooms")), readRooms(map.get("except")), readFlags(map.get("flags")));
    }

    /**
     * @param flags broadcast flags
     * @return the set ones as Node's {@code BroadcastFlags} object: {@code volatile: true},
     *     {@code compress: false}, {@code local: true}, {@code timeout: <ms>}
     */
    public static Map<String, Object> flags(BroadcastFlags flags) {
        Map<String, Object> wire = new LinkedHashMap<>(4);
        if (flags.volatileSend()) {
            wire.put("volatile", true);
        }
        if (!flags.compress()) {
            wire.put("compress", false);
        }
        if (flags.local()) {
            wire.put("local", true);
        }
        if (flags.timeout() != null) {
            wire.put("timeout", flags.timeout().toMillis());
        }
        return wire;
    }

    /**
     * @param wire a decoded flags object, or {@code null}
     * @return the flags: JavaScript's truthiness for {@code volatile} and {@code local},
     *     {@code compress} off only when {@code false}, a numeric {@code timeout} in milliseconds
     */
    public static BroadcastFlags readFlags(Object wire) {
        if (wire == null) {
            return BroadcastFlags.NONE;
        }
        Map<?, ?> map = map(wire, "flags");
        Object timeout = map.get("timeout");
        return new BroadcastFlags(truthy(map.get("volatile")), truthy(map.get("local")),
                timeout instanceof Number ms && ms.doubleValue() >= 0 ? Duration.ofMillis(ms.longValue()) : null,
                !Boolean.FALSE.equals(map.get("compress")));
    }

    /**
     * @param wire a decoded list of room names, or {@code null}
     * @return the rooms; a number is its text, as a JavaScript {@code Set} of rooms would match it
     * @throws IllegalArgumentException if it is not a list of strings or numbers
     */
    public static Set<String> readRooms(Object wire) {
        if (wire == null) {
            return Set.of();
        }
        if (!(wire instanceof Collection<?> list)) {
            throw new IllegalArgumentException("rooms " + wire + " are not a list");
        }
        Set<String> rooms = new LinkedHashSet<>();
        for (Object room : list) {
            if (!(room instanceof String) && !(room instanceof Number)) {
                throw new IllegalArgumentException("room " + room + " is not a string");
            }
            rooms.add(room.toString());
        }
        return rooms;
    }

    private static int wireType(SocketPacketType type) {
        return type.ordinal(); // the ids of socket.io-parser's PacketType: CONNECT 0 ... BINARY_ACK 6
    }

    private static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
                && !(value instanceof Number n && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
    }

    private static Map<?, ?> map(Object wire, String what) {
        if (!(wire instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " " + wire + " is not an object");
        }
        return map;
    }
}
