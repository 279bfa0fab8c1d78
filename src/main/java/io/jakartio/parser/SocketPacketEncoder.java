package io.jakartio.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Encodes Socket.IO packets into their wire form (socket.io-protocol, "Packet encoding"):
 * <pre>
 * &lt;type&gt;[&lt;#attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][JSON payload]  + binary attachments
 * </pre>
 * Binary values anywhere in the payload become placeholders and attachments while the tree is
 * written, in one pass, and turn the type into BINARY_EVENT or BINARY_ACK.
 *
 * <pre>{@code
 * SocketPacketEncoder encoder = new SocketPacketEncoder(null);
 * encoder.encode(SocketPacket.event("/admin", "baz", new byte[] {1, 2})).text();
 * // 51-/admin,["baz",{"_placeholder":true,"num":0}]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SocketPacketEncoder implements PacketEncoder {

    private final UnaryOperator<Object> fallback;

    /**
     * Creates an encoder.
     *
     * @param fallback converts application objects the JSON writer does not know (POJOs) into
     *     supported values or {@link RawJson}; {@code null} to reject them
     */
    public SocketPacketEncoder(UnaryOperator<Object> fallback) {
        this.fallback = fallback;
    }

    /**
     * @return what turns application objects into plain values or {@link RawJson} (the server's
     *     JSON mapper), or {@code null}: other encodings of the same payloads (MessagePack for a
     *     cluster) use it too
     */
    @Override
    public UnaryOperator<Object> fallback() {
        return fallback;
    }

    /**
     * Encodes a packet.
     *
     * @param packet the packet (EVENT/ACK even when it holds binary values)
     * @return its wire form
     * @throws IllegalArgumentException if the payload holds a value that cannot be serialized
     */
    @Override
    public EncodedPacket encode(SocketPacket packet) {
        // BINARY_EVENT/BINARY_ACK are wire-only: without binary values they must go out as
        // EVENT/ACK, since a 5/6 packet without "<count>-" is invalid.
        SocketPacketType type = switch (packet.type()) {
            case BINARY_EVENT -> SocketPacketType.EVENT;
            case BINARY_ACK -> SocketPacketType.ACK;
            default -> packet.type();
        };
        StringBuilder sb = new StringBuilder(64);
        sb.append(type.id());
        int typeEnd = sb.length();
        String namespace = packet.namespace();
        if (!"/".equals(namespace)) {
            sb.append(namespace).append(',');
        }
        if (packet.wantsAck()) {
            sb.append(packet.ackId());
        }
        List<byte[]> attachments = null;
        if (packet.data() != null) {
            attachments = new ArrayList<>(0);
            new JsonWriter(sb, attachments, fallback).write(packet.data());
        }
        if (attachments == null || attachments.isEmpty()) {
            return new EncodedPacket(List.of(EnginePacket.message(sb.toString())));
        }
        SocketPacketType binaryType = switch (type) {
            case EVENT -> SocketPacketType.BINARY_EVENT;
            case ACK -> SocketPacketType.BINARY_ACK;
            default -> throw new IllegalArgumentException(type + " packets cannot carry binary data");
        };
        sb.setCharAt(0, binaryType.id());
        sb.insert(typeEnd, attachments.size() + "-");
        List<EnginePacket> packets = new ArrayList<>(attachments.size() + 1);
        packets.add(EnginePacket.message(sb.toString()));
        for (byte[] attachment : attachments) {
            packets.add(EnginePacket.binary(attachment));
        }
        return new EncodedPacket(packets);
    }
}
