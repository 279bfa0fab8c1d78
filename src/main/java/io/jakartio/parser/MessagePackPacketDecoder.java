package io.jakartio.parser;

import java.util.Map;

/**
 * Decodes Socket.IO packets sent with {@code socket.io-msgpack-parser} 3: each binary Engine.IO
 * message is one packet, the MessagePack map {@code {type, data, id, nsp}} (other keys, such as
 * the {@code options} the JavaScript client leaves in, are ignored).
 *
 * <p>The checks are those of {@code socket.io-msgpack-parser} and then those of the default
 * parser, so that handlers see the same packets whatever the parser: {@code type} an integer from
 * 0 (CONNECT) to 4 (CONNECT_ERROR), {@code nsp} a string starting with {@code /}, {@code id}
 * absent or a non-negative integer, {@code data} shaped for the type (CONNECT an object or
 * nothing, DISCONNECT nothing, EVENT a non-empty array starting with a non-reserved event name,
 * ACK an array). Anything else, a text message or bytes that are not exactly one MessagePack
 * value, is a {@link PacketParseException}.
 *
 * <pre>{@code
 * MessagePackPacketDecoder decoder = new MessagePackPacketDecoder();
 * SocketPacket packet = decoder.decode(HexFormat.of().parseHex("83a47479706502a464617461...")); // EVENT
 * }</pre>
 *
 * <p>Values read as {@link MessagePack} reads them: the same tree {@link JsonReader} gives for the
 * same JavaScript value, bin values (and notepack 2's ArrayBuffers) as {@code byte[]}. Stateless:
 * one instance may serve a connection or many.
 */
public final class MessagePackPacketDecoder implements PacketDecoder {

    /** The largest ack id, as the default parser (15 digits). */
    private static final long MAX_ACK_ID = 999_999_999_999_999L;

    /**
     * Refuses text: the MessagePack parser sends every packet as binary.
     *
     * @param text the Engine.IO MESSAGE payload
     * @return never
     * @throws PacketParseException always
     */
    @Override
    public SocketPacket decode(String text) throws PacketParseException {
        throw new PacketParseException("got text with the MessagePack parser: every packet is binary");
    }

    /**
     * Decodes one packet.
     *
     * @param bytes the MessagePack map of the packet
     * @return the packet, never {@code null}
     * @throws PacketParseException if the bytes are not a valid packet
     */
    @Override
    public SocketPacket decode(byte[] bytes) throws PacketParseException {
        if (!(MessagePack.read(bytes) instanceof Map<?, ?> map)) {
            throw new PacketParseException("invalid packet: not a MessagePack map");
        }
        SocketPacketType type = type(map.get("type"));
        if (!(map.get("nsp") instanceof String namespace) || !namespace.startsWith("/")) {
            throw new PacketParseException("invalid namespace");
        }
        long ackId = SocketPacket.NO_ACK;
        if (map.containsKey("id")) {
            if (!(map.get("id") instanceof Number id) || !isInteger(id) || id.longValue() < 0
                    || id.longValue() > MAX_ACK_ID) {
                throw new PacketParseException("invalid packet id");
            }
            ackId = id.longValue();
        }
        Object data = map.get("data");
        SocketPacketDecoder.validate(type, data, map.containsKey("data"));
        return new SocketPacket(type, namespace, ackId, data);
    }

    @Override
    public boolean isReconstructing() {
        return false;
    }

    @Override
    public void reset() {
        // nothing held between messages
    }

    private static SocketPacketType type(Object value) throws PacketParseException {
        if (value instanceof Integer id && id >= 0 && id <= SocketPacketType.CONNECT_ERROR.id() - '0') {
            return SocketPacketType.fromId((char) ('0' + id));
        }
        throw new PacketParseException("invalid packet type " + value);
    }

    /** Integral floats read as integers already; what is left is Integer or Long (or a fraction). */
    private static boolean isInteger(Number n) {
        return n instanceof Integer || n instanceof Long;
    }
}
