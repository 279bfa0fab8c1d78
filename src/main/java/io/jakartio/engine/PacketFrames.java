package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import io.jakartio.websocket.WebSocketFrameWriter;

/**
 * The WebSocket frame of an Engine.IO packet, built once per packet and shared by every
 * recipient of a broadcast: the parser knows nothing of WebSocket framing, and the framing
 * nothing of packets, so the two meet here.
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

    private static byte[] frame(EnginePacket packet) {
        return packet.isBinary() ? WebSocketFrameWriter.binary(packet.binaryData()) : WebSocketFrameWriter.text(packet.text());
    }
}
