package io.jakartio.engine;

import io.jakartio.parser.EngineCodecV3;
import io.jakartio.parser.EnginePacket;
import io.jakartio.parser.PacketParseException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a transport of an Engine.IO v3 session (a Socket.IO 2.x client, {@code EIO=3}, accepted
 * with {@link EngineOptions#allowEIO3()}) frames its packets: {@code <length>:<packet>}
 * payloads, binary data as {@code b4<base64>} or in binary payloads, WebSocket binary frames
 * led by the type byte {@code 4} ({@link EngineCodecV3}). A transport of a v4 session has none,
 * and its path is not touched.
 *
 * <p>Whether the client reads binary data is decided, as in the reference server, by the request
 * that created the transport: a {@code b64} query parameter (set by clients without XHR2 or
 * binary WebSocket frames) asks for base64 in text.
 */
final class V3Framing {

    static final String BINARY_PAYLOAD = "application/octet-stream";
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final boolean supportsBinary;

    /** @param supportsBinary whether binary data may be sent as bytes rather than base64 text */
    V3Framing(boolean supportsBinary) {
        this.supportsBinary = supportsBinary;
    }

    /**
     * @param request the request creating the transport: the handshake, or the WebSocket
     * @return the framing it asks for ({@code b64} present and not empty: base64 only)
     */
    static V3Framing of(EngineRequest request) {
        String b64 = request.query("b64");
        return new V3Framing(b64 == null || b64.isEmpty());
    }

    /** @return whether binary data leaves as bytes */
    boolean supportsBinary() {
        return supportsBinary;
    }

    /**
     * @param packets the packets of one poll
     * @param headers the response's other headers
     * @return the poll's response: a binary payload if there is binary data and the client
     *     reads it, else a text payload
     */
    HttpResponse pollResponse(List<EnginePacket> packets, Map<String, String> headers) {
        if (supportsBinary && EngineCodecV3.hasBinary(packets)) {
            Map<String, String> binary = new LinkedHashMap<>(headers);
            binary.put("Content-Type", BINARY_PAYLOAD);
            binary.put("Cache-Control", "no-store");
            return new HttpResponse(200, binary, EngineCodecV3.encodeBinaryPayload(packets));
        }
        return HttpResponse.text(200, TEXT, EngineCodecV3.encodePayload(packets), headers);
    }

    /**
     * @param body a POST's body
     * @param binary whether it was sent as {@code application/octet-stream} (a binary payload)
     * @return its packets
     * @throws PacketParseException if it is not a valid payload
     */
    List<EnginePacket> decodePost(byte[] body, boolean binary) throws PacketParseException {
        return binary ? EngineCodecV3.decodePayload(body)
                : EngineCodecV3.decodePayload(new String(body, StandardCharsets.UTF_8));
    }

    /** @see EngineCodecV3#decodePacket(String) */
    EnginePacket decodeFrame(String frame) throws PacketParseException {
        return EngineCodecV3.decodePacket(frame);
    }

    /** @see EngineCodecV3#decodePacket(byte[]) */
    EnginePacket decodeFrame(byte[] frame) throws PacketParseException {
        return EngineCodecV3.decodePacket(frame);
    }

    /** Sends a packet as one WebSocket frame, binary data led by its type byte (or in base64). */
    void send(WebSocketConnection connection, EnginePacket packet, Consumer<Throwable> onComplete) {
        if (!packet.isBinary()) {
            connection.sendText(packet.text(), onComplete);
        } else if (supportsBinary) {
            connection.sendBinary(EngineCodecV3.encodePacketAsBinary(packet), onComplete);
        } else {
            connection.sendText(EngineCodecV3.encodePacketAsText(packet), onComplete);
        }
    }
}
