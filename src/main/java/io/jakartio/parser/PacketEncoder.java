package io.jakartio.parser;

import java.util.function.UnaryOperator;

/**
 * The encoding half of a {@link Parser}: turns a Socket.IO packet into the Engine.IO MESSAGE
 * packets that carry it (Node's {@code parser.Encoder}).
 *
 * <p>A broadcast is encoded once and the same {@link EncodedPacket} is queued for every
 * recipient, so an encoding must not depend on the recipient.
 *
 * <pre>{@code
 * PacketEncoder encoder = Parser.defaultParser().encoder(null);
 * encoder.encode(SocketPacket.event("/", "hi")).packets(); // [MESSAGE 2["hi"]]
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe: one encoder serves the whole server.
 */
public interface PacketEncoder {

    /**
     * Encodes a packet.
     *
     * @param packet the packet (EVENT/ACK even when it holds binary values)
     * @return its wire form
     * @throws IllegalArgumentException if the payload holds a value that cannot be serialized
     */
    EncodedPacket encode(SocketPacket packet);

    /**
     * @return what turns application objects into plain values or {@link RawJson} (the server's
     *     JSON mapper), or {@code null}: other encodings of the same payloads (MessagePack for a
     *     cluster) use it too
     */
    UnaryOperator<Object> fallback();
}
