package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import io.jakartio.websocket.MessageDeflater;
import io.jakartio.websocket.PerMessageDeflate;
import io.jakartio.websocket.WebSocketFrameWriter;

/**
 * The WebSocket frame of an Engine.IO packet, built once per packet and shared by every
 * recipient of a broadcast: the parser knows nothing of WebSocket framing, and the framing
 * nothing of packets, so the two meet here.
 *
 * <p>With permessage-deflate (RFC 7692) a packet is sent compressed when its payload reaches the
 * threshold and its {@link EnginePacket#compress() compress} flag is on. Without server context
 * takeover (Jakartio's default) the compressed frame, too, is built once per packet and shared
 * by every recipient; with it, each connection compresses in its own context.
 *
 * <pre>{@code
 * byte[] frame = PacketFrames.of(EnginePacket.message("hi")); // 0x81 0x03 '4' 'h' 'i'
 * }</pre>
 */
public final class PacketFrames {

    private PacketFrames() {
    }

    /**
     * @param packet a packet
     * @return its frame: a text frame of {@link EnginePacket#text()}, or a binary frame of
     *     {@link EnginePacket#binaryData()}; the array is shared, never modify it
     */
    public static byte[] of(EnginePacket packet) {
        return packet.webSocketFrame(PacketFrames::frame);
    }

    /**
     * The frame of a packet for a connection that may have agreed permessage-deflate.
     *
     * <pre>{@code
     * PerMessageDeflate agreed = ...; // server_no_context_takeover
     * PacketFrames.of(packet, agreed, null); // compressed once, the same array for every connection
     * }</pre>
     *
     * @param packet a packet
     * @param deflate what the connection agreed, or {@code null} for no compression
     * @param own the connection's compressor when the server keeps its context, else {@code null}
     * @return the frame, compressed (RSV1) if the packet may be and is long enough; the array may
     *     be shared, never modify it
     */
    public static byte[] of(EnginePacket packet, PerMessageDeflate deflate, MessageDeflater own) {
        byte[] plain = of(packet);
        if (deflate == null || !packet.compress()) {
            return plain;
        }
        int offset = WebSocketFrameWriter.payloadOffset(plain);
        if (!deflate.compresses(plain.length - offset)) {
            return plain;
        }
        if (own == null) {
            return packet.compressedWebSocketFrame(PacketFrames::compressedAlone);
        }
        byte[] deflated = own.deflate(plain, offset, plain.length - offset);
        // closed meanwhile: an uncompressed frame is always allowed, and touches no context
        return deflated == null ? plain : WebSocketFrameWriter.compressed(packet.isBinary(), deflated);
    }

    private static byte[] frame(EnginePacket packet) {
        return packet.isBinary() ? WebSocketFrameWriter.binary(packet.binaryData()) : WebSocketFrameWriter.text(packet.text());
    }

    private static byte[] compressedAlone(EnginePacket packet) {
        byte[] plain = of(packet);
        int offset = WebSocketFrameWriter.payloadOffset(plain);
        return WebSocketFrameWriter.compressed(packet.isBinary(), MessageDeflater.deflateAlone(plain, offset, plain.length - offset));
    }
}
