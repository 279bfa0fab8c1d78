package io.jakartio.parser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Encodes Socket.IO packets as {@code socket.io-msgpack-parser} 3 does: each packet is one binary
 * Engine.IO message, the MessagePack map {@code {type, data, id, nsp}}. {@code data} is left out
 * when the packet has none (CONNECT without a payload, DISCONNECT), {@code id} when it asks for
 * no acknowledgement; binary values stay in place as MessagePack bin values, so the types
 * BINARY_EVENT and BINARY_ACK never appear (there are no attachments).
 *
 * <pre>{@code
 * MessagePackPacketEncoder encoder = new MessagePackPacketEncoder(null);
 * encoder.encode(SocketPacket.event("/", "hi")).packets();
 * // [MESSAGE <83 a4 type 02 a4 data 91 a2 hi a3 nsp a1 />]
 * }</pre>
 *
 * <p>Values are written by {@link MessagePack}, as notepack writes the JavaScript values they
 * stand for; dates ({@code Instant}, {@code Date}) go to the JSON mapper, as with the default
 * parser. Instances are immutable and thread-safe.
 */
public final class MessagePackPacketEncoder implements PacketEncoder {

    private final MessagePack msgpack;
    private final UnaryOperator<Object> fallback;

    /**
     * @param fallback converts application objects the writer does not know (POJOs) into
     *     supported values or {@link RawJson}; {@code null} to reject them
     */
    public MessagePackPacketEncoder(UnaryOperator<Object> fallback) {
        this.msgpack = new MessagePack(fallback, false); // dates as the JSON mapper writes them, as the default parser
        this.fallback = fallback;
    }

    @Override
    public UnaryOperator<Object> fallback() {
        return fallback;
    }

    @Override
    public EncodedPacket encode(SocketPacket packet) {
        Map<String, Object> map = new LinkedHashMap<>(8);
        map.put("type", wireType(packet.type()));
        if (packet.data() != null) {
            map.put("data", packet.data());
        }
        if (packet.wantsAck()) {
            map.put("id", packet.ackId());
        }
        map.put("nsp", packet.namespace());
        return new EncodedPacket(List.of(EnginePacket.binary(msgpack.encode(map))));
    }

    /** BINARY_EVENT and BINARY_ACK are the default parser's: here binary values travel in place. */
    private static int wireType(SocketPacketType type) {
        return switch (type) {
            case BINARY_EVENT -> SocketPacketType.EVENT.id() - '0';
            case BINARY_ACK -> SocketPacketType.ACK.id() - '0';
            default -> type.id() - '0';
        };
    }
}
