package io.jakartio.parser;

import java.util.List;

/**
 * A Socket.IO packet in its wire form, ready to be sent as Engine.IO MESSAGE packets: with the
 * default parser the text part first, then one binary packet per attachment, in order; with the
 * MessagePack parser one binary packet (see {@link Parser}).
 *
 * <p>Holding the Engine.IO packets (not just strings) lets a broadcast share one encoded form
 * across all recipients: the packet is encoded once, whatever the number of sockets.
 *
 * <pre>{@code
 * EncodedPacket encoded = SocketPacketEncoder.encode(SocketPacket.event("/", "hi"));
 * encoded.packets(); // [MESSAGE 2["hi"]]
 * }</pre>
 *
 * @param packets the Engine.IO MESSAGE packets: the header text then the attachments
 */
public record EncodedPacket(List<EnginePacket> packets) {

    /**
     * Wraps already-encoded Engine.IO packets.
     *
     * @param packets the packets, not empty
     */
    public EncodedPacket {
        packets = List.copyOf(packets);
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("an encoded packet has at least its text part");
        }
    }

    /** @return the Socket.IO text part, e.g. {@code 2["hi"]}; empty when the first packet is binary (MessagePack) */
    public String text() {
        return packets.get(0).data();
    }

    /** @return the number of binary attachments following the text part */
    public int attachmentCount() {
        return packets.size() - 1;
    }
}
