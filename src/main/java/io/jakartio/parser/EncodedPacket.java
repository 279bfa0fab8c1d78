package io.jakartio.parser;

import java.util.ArrayList;
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

    /**
     * Applies Socket.IO's {@code compress} flag: with it off, the packet of the parts'
     * {@linkplain EnginePacket#uncompressed() uncompressed twins} (each made once per part), so
     * that a broadcast's recipients still share one packet and one frame. Cheap to repeat: a
     * packet that needs no change is returned as it is, with nothing allocated.
     *
     * <pre>{@code
     * EncodedPacket once = encoded.withCompress(false); // once per broadcast, then per recipient:
     * once.withCompress(false) == once;                 // true
     * }</pre>
     *
     * @param compress the flag
     * @return this packet when {@code compress} is on or its parts are uncompressed already
     */
    public EncodedPacket withCompress(boolean compress) {
        if (compress || !anyCompressible()) {
            return this;
        }
        List<EnginePacket> uncompressed = new ArrayList<>(packets.size());
        for (EnginePacket part : packets) {
            uncompressed.add(part.uncompressed());
        }
        return new EncodedPacket(uncompressed);
    }

    private boolean anyCompressible() {
        for (EnginePacket part : packets) {
            if (part.compress()) {
                return true;
            }
        }
        return false;
    }
}
