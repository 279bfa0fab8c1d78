package io.jakartio.parser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * One Engine.IO packet: a type and an optional text or binary payload.
 *
 * <p>Packets are immutable and may be shared: a broadcast creates one {@code EnginePacket} and
 * queues the same instance for every recipient, so its wire form is computed once. The text wire
 * form ({@code "4hello"}) is built eagerly; the polling form of a binary packet ({@code "b" +
 * base64}) is built on first use.
 *
 * <pre>{@code
 * EnginePacket.message("2[\"hi\"]").text();   // "42[\"hi\"]"
 * EnginePacket.ping("probe").text();          // "2probe"
 * EnginePacket.binary(new byte[] {1}).isBinary(); // true
 * }</pre>
 */
public final class EnginePacket {

    private static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);
    private static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);
    private static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);
    private static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);
    private static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, "", null);

    private final EnginePacketType type;
    private final String data;
    private final byte[] binary;
    private final String text;
    private final boolean compress;
    private volatile String pollingText;
    private volatile byte[] pollingBytes;
    private volatile byte[] webSocketFrame;
    private volatile byte[] compressedWebSocketFrame;
    private volatile EnginePacket uncompressed;

    private EnginePacket(EnginePacketType type, String data, byte[] binary) {
        this(type, data, binary, true);
    }

    private EnginePacket(EnginePacketType type, String data, byte[] binary, boolean compress) {
        this.type = type;
        this.data = data;
        this.binary = binary;
        this.text = binary == null ? type.id() + data : null;
        this.compress = compress;
    }

    /**
     * Creates a packet of any type with a text payload.
     *
     * @param type the packet type
     * @param data the payload, empty for none
     * @return the packet
     */
    public static EnginePacket of(EnginePacketType type, String data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            switch (type) {
                case PING: return PING;
                case PONG: return PONG;
                case CLOSE: return CLOSE;
                case NOOP: return NOOP;
                case UPGRADE: return UPGRADE;
                default: break;
            }
        }
        return new EnginePacket(type, data, null);
    }

    /** @param data the message text @return a MESSAGE packet carrying text */
    public static EnginePacket message(String data) {
        return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(data, "data"), null);
    }

    /** @param data the bytes, not copied @return a MESSAGE packet carrying binary data */
    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, "", Objects.requireNonNull(data, "data"));
    }

    /** @param data the handshake JSON @return an OPEN packet */
    public static EnginePacket open(String data) {
        return of(EnginePacketType.OPEN, data);
    }

    /** @param data the payload ({@code "probe"} or empty) @return a PING packet */
    public static EnginePacket ping(String data) {
        return of(EnginePacketType.PING, data);
    }

    /** @param data the payload ({@code "probe"} or empty) @return a PONG packet */
    public static EnginePacket pong(String data) {
        return of(EnginePacketType.PONG, data);
    }

    /** @return the CLOSE packet */
    public static EnginePacket close() {
        return CLOSE;
    }

    /** @return the NOOP packet */
    public static EnginePacket noop() {
        return NOOP;
    }

    /** @return the packet type */
    public EnginePacketType type() {
        return type;
    }

    /** @return the text payload, empty for binary packets and packets without payload */
    public String data() {
        return data;
    }

    /** @return whether the payload is binary */
    public boolean isBinary() {
        return binary != null;
    }

    /** @return the binary payload (not a copy), or {@code null} for text packets */
    public byte[] binaryData() {
        return binary;
    }

    /**
     * The WebSocket text frame of this packet: type digit followed by the payload.
     *
     * @return the frame, e.g. {@code "4hello"}
     * @throws IllegalStateException for binary packets, which travel as binary frames
     */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("binary packet has no text frame");
        }
        return text;
    }

    /**
     * The form used inside a long-polling payload: the text frame, or {@code "b"} followed by the
     * base64 of a binary payload (engine.io-protocol, "Packet encoding", HTTP long-polling).
     *
     * @return the record for a polling payload
     */
    public String pollingText() {
        if (text != null) {
            return text;
        }
        String value = pollingText;
        if (value == null) {
            value = "b" + Base64.getEncoder().encodeToString(binary);
            pollingText = value;
        }
        return value;
    }

    /**
     * {@link #pollingText()} in UTF-8, built on first use and kept: a packet broadcast to many
     * long-polling sockets, answered with it alone, is encoded once and the same bytes sent to
     * each. The array is shared, never modify it.
     *
     * @return the record for a polling payload, as UTF-8 bytes
     */
    public byte[] pollingBytes() {
        byte[] bytes = pollingBytes;
        if (bytes == null) {
            bytes = pollingText().getBytes(StandardCharsets.UTF_8);
            pollingBytes = bytes;
        }
        return bytes;
    }

    /**
     * The packet as one WebSocket frame (header and payload), built on first use by
     * {@code framing} and kept: a packet broadcast to many sockets is framed once and the same
     * bytes written to each. Every caller must pass the same framing (a WebSocket binding has
     * one); the array is shared, never modify it. The framing lives with the WebSocket code, so
     * this parser needs none of it.
     *
     * <pre>{@code
     * static final Function<EnginePacket, byte[]> FRAMING =
     *         p -> p.isBinary() ? WebSocketFrameWriter.binary(p.binaryData()) : WebSocketFrameWriter.text(p.text());
     * packet.webSocketFrame(FRAMING); // EnginePacket.message("hi"): 0x81 0x03 '4' 'h' 'i'
     * }</pre>
     *
     * @param framing builds the frame of a packet: a text frame of {@link #text()}, or a binary
     *     frame of {@link #binaryData()}
     * @return the frame
     */
    public byte[] webSocketFrame(Function<EnginePacket, byte[]> framing) {
        byte[] frame = webSocketFrame;
        if (frame == null) {
            frame = framing.apply(this);
            webSocketFrame = frame;
        }
        return frame;
    }

    /**
     * The compressed WebSocket frame of this packet (permessage-deflate without context takeover),
     * built on first use by {@code framing} and kept like {@link #webSocketFrame}: a broadcast is
     * compressed once and the same bytes written to every connection that agreed the extension.
     *
     * @param framing builds the compressed frame of a packet
     * @return the frame; the array is shared, never modify it
     */
    public byte[] compressedWebSocketFrame(Function<EnginePacket, byte[]> framing) {
        byte[] frame = compressedWebSocketFrame;
        if (frame == null) {
            frame = framing.apply(this);
            compressedWebSocketFrame = frame;
        }
        return frame;
    }

    /**
     * Socket.IO's {@code compress} flag as it reaches the transports: whether the packet may be
     * sent compressed (permessage-deflate, HTTP compression of a polling response).
     *
     * @return {@code true} unless this is an {@link #uncompressed()} packet
     */
    public boolean compress() {
        return compress;
    }

    /**
     * This packet with its {@code compress} flag off ({@code emit} after {@code compress(false)}):
     * the same type and payload, made once and kept, so that a broadcast's recipients share it
     * (and its frame) as they share this packet.
     *
     * <pre>{@code
     * EnginePacket.message("2[\"hi\"]").uncompressed().compress(); // false
     * }</pre>
     *
     * @return a packet that is never compressed
     */
    public EnginePacket uncompressed() {
        if (!compress) {
            return this;
        }
        EnginePacket twin = uncompressed;
        if (twin == null) {
            twin = new EnginePacket(type, data, binary, false);
            uncompressed = twin;
        }
        return twin;
    }

    /** @return the number of payload bytes (UTF-16 units for text), used for size limits */
    public int length() {
        return binary != null ? binary.length : data.length();
    }

    @Override
    public String toString() {
        return binary != null ? type + "<" + binary.length + " bytes>" : type + " " + data;
    }
}
