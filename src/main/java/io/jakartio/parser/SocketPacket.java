package io.jakartio.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Socket.IO packet: type, namespace, optional acknowledgement id and payload.
 *
 * <p>The payload is a tree of plain values (see {@link JsonReader} and {@link JsonWriter}); binary
 * values ({@code byte[]}) sit where they belong in the tree. Shapes by type:
 * <ul>
 *   <li>{@code CONNECT}: a {@code Map} or {@code null} (client auth; server grant {@code {"sid":...}})</li>
 *   <li>{@code DISCONNECT}: {@code null}</li>
 *   <li>{@code EVENT}: a non-empty {@code List}, first element the event name</li>
 *   <li>{@code ACK}: a {@code List} of arguments</li>
 *   <li>{@code CONNECT_ERROR}: a {@code Map} with {@code message} and optional {@code data}</li>
 * </ul>
 *
 * <pre>{@code
 * SocketPacket.event("/", List.of("chat message", "hi"));   // 2["chat message","hi"]
 * SocketPacket.ack("/admin", 13, List.of("bar"));           // 3/admin,13["bar"]
 * }</pre>
 *
 * @param type the packet type ({@code EVENT}/{@code ACK} also for binary ones)
 * @param namespace the namespace, {@code "/"} for the main one
 * @param ackId the acknowledgement id, or {@link #NO_ACK}
 * @param data the payload tree, or {@code null}
 */
public record SocketPacket(SocketPacketType type, String namespace, long ackId, Object data) {

    /** The {@link #ackId()} of a packet that asks for no acknowledgement. */
    public static final long NO_ACK = -1;

    /**
     * Validates the packet's invariants.
     *
     * @param type the type
     * @param namespace the namespace
     * @param ackId the ack id or {@link #NO_ACK}
     * @param data the payload
     */
    public SocketPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        if (ackId < NO_ACK) {
            throw new IllegalArgumentException("negative ack id " + ackId);
        }
    }

    /**
     * Creates an EVENT packet.
     *
     * @param namespace the namespace
     * @param data event name followed by the arguments
     * @return the packet
     */
    public static SocketPacket event(String namespace, List<?> data) {
        return new SocketPacket(SocketPacketType.EVENT, namespace, NO_ACK, data);
    }

    /**
     * Creates an EVENT packet from an event name and arguments.
     *
     * @param namespace the namespace
     * @param event the event name
     * @param args the arguments
     * @return the packet
     */
    public static SocketPacket event(String namespace, String event, Object... args) {
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(arg);
        }
        return event(namespace, data);
    }

    /**
     * Creates an ACK packet.
     *
     * @param namespace the namespace
     * @param ackId the id of the event being acknowledged
     * @param args the arguments of the acknowledgement
     * @return the packet
     */
    public static SocketPacket ack(String namespace, long ackId, List<?> args) {
        return new SocketPacket(SocketPacketType.ACK, namespace, ackId, args);
    }

    /**
     * Creates a CONNECT packet.
     *
     * @param namespace the namespace
     * @param data the payload ({@code {"sid":...}} from a server), or {@code null}
     * @return the packet
     */
    public static SocketPacket connect(String namespace, Map<String, ?> data) {
        return new SocketPacket(SocketPacketType.CONNECT, namespace, NO_ACK, data);
    }

    /**
     * Creates a DISCONNECT packet.
     *
     * @param namespace the namespace
     * @return the packet
     */
    public static SocketPacket disconnect(String namespace) {
        return new SocketPacket(SocketPacketType.DISCONNECT, namespace, NO_ACK, null);
    }

    /**
     * Creates a CONNECT_ERROR packet.
     *
     * @param namespace the namespace
     * @param message the error message shown to the client ({@code err.message})
     * @param data extra details ({@code err.data}), or {@code null}
     * @return the packet
     */
    public static SocketPacket connectError(String namespace, String message, Object data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", message);
        if (data != null) {
            payload.put("data", data);
        }
        return new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, NO_ACK, payload);
    }

    /** @return a copy of this packet with another ack id */
    public SocketPacket withAckId(long id) {
        return new SocketPacket(type, namespace, id, data);
    }

    /** @return a copy of this packet in another namespace */
    public SocketPacket withNamespace(String nsp) {
        return nsp.equals(namespace) ? this : new SocketPacket(type, nsp, ackId, data);
    }

    /** @return whether the packet asks for an acknowledgement */
    public boolean wantsAck() {
        return ackId != NO_ACK;
    }

    /**
     * The data as a list, for EVENT and ACK packets.
     *
     * @return the payload list
     * @throws IllegalStateException if the payload is not a list
     */
    @SuppressWarnings("unchecked")
    public List<Object> args() {
        if (data instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalStateException(type + " packet has no argument list");
    }
}
