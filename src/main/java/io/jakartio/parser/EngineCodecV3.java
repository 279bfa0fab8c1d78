package io.jakartio.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes and encodes Engine.IO v3 packets and payloads, the framing of the Socket.IO 2.x
 * clients (engine.io-protocol v3; "From v3 to v4" in the v4 specification lists what changed).
 * Only sessions opened with {@code EIO=3} use it; {@link EngineCodec} is the v4 codec.
 *
 * <ul>
 *   <li>A text payload is a sequence of {@code <length>:<packet>}, the length counted in UTF-16
 *       code units (a JavaScript string's length): {@code "6:4hello2:4€"}. An empty payload is
 *       {@code "0:"}.</li>
 *   <li>A binary packet in text form is {@code b}, the type digit, then the base64 of the data:
 *       {@code "b4AQID"} (in a text payload: {@code "6:b4AQID"}).</li>
 *   <li>A binary packet in binary form (a WebSocket binary frame) is the type as a byte, then
 *       the data: {@code 04 01 02 03}.</li>
 *   <li>A binary payload (XHR2, {@code application/octet-stream}) is, for each packet, a byte
 *       {@code 0} (text) or {@code 1} (binary), the decimal digits of the packet's length each as
 *       one byte, the byte {@code 255}, then the packet: a text packet as UTF-8 (its length in
 *       bytes), a binary packet in binary form (its length counting the type byte).</li>
 * </ul>
 *
 * <pre>{@code
 * EngineCodecV3.encodePayload(List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3})));
 * // "6:4hello6:b4AQID"
 * EngineCodecV3.decodePayload("2:403:2ab"); // [MESSAGE "0", PING "ab"]
 * }</pre>
 */
public final class EngineCodecV3 {

    /** The longest length header accepted in a payload (a length of up to 999,999,999). */
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final byte TEXT_MARK = 0;
    private static final byte BINARY_MARK = 1;
    private static final int LENGTH_END = 255;

    private EngineCodecV3() {
    }

    /**
     * Decodes one packet in text form: a WebSocket text frame, or a record of a text payload.
     *
     * @param text {@code "4hello"}, {@code "2"}, or {@code "b4<base64>"} for binary data
     * @return the packet
     * @throws PacketParseException if the text is empty, has an unknown type or bad base64
     */
    public static EnginePacket decodePacket(String text) throws PacketParseException {
        if (text.isEmpty()) {
            throw new PacketParseException("empty packet");
        }
        if (text.charAt(0) == 'b') {
            if (text.length() < 2 || EnginePacketType.fromId(text.charAt(1)) != EnginePacketType.MESSAGE) {
                throw new PacketParseException("binary data in a packet that is not a MESSAGE");
            }
            try {
                return EnginePacket.binary(Base64.getDecoder().decode(text.substring(2)));
            } catch (IllegalArgumentException e) {
                throw new PacketParseException("invalid base64 in binary packet", e);
            }
        }
        EnginePacketType type = EnginePacketType.fromId(text.charAt(0));
        if (type == null) {
            throw new PacketParseException("unknown packet type '" + text.charAt(0) + "'");
        }
        String data = text.substring(1);
        return type == EnginePacketType.MESSAGE ? EnginePacket.message(data) : EnginePacket.of(type, data);
    }

    /**
     * Decodes one packet in binary form (a WebSocket binary frame): the type byte, then the data.
     *
     * @param frame the bytes, e.g. {@code 04 01 02 03}
     * @return a MESSAGE packet carrying the bytes after the type
     * @throws PacketParseException if the frame is empty or its type is not MESSAGE
     */
    public static EnginePacket decodePacket(byte[] frame) throws PacketParseException {
        if (frame.length == 0 || frame[0] != EnginePacketType.MESSAGE.ordinal()) {
            throw new PacketParseException("binary data in a packet that is not a MESSAGE");
        }
        byte[] data = new byte[frame.length - 1];
        System.arraycopy(frame, 1, data, 0, data.length);
        return EnginePacket.binary(data);
    }

    /**
     * Decodes a text payload, {@code <length>:<packet>} repeated.
     *
     * @param payload the request body as text
     * @return the packets in order; none for {@code "0:"}
     * @throws PacketParseException if a length is missing or wrong, or a packet is invalid
     */
    public static List<EnginePacket> decodePayload(String payload) throws PacketParseException {
        if (payload.isEmpty()) {
            throw new PacketParseException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>(2);
        int i = 0;
        int length = payload.length();
        while (i < length) {
            int colon = payload.indexOf(':', i);
            if (colon < 0) {
                throw new PacketParseException("payload ends inside a length");
            }
            int n = parseLength(payload, i, colon);
            int start = colon + 1;
            if (n > length - start) {
                throw new PacketParseException("payload shorter than its packet's length " + n);
            }
            if (n > 0) {
                packets.add(decodePacket(payload.substring(start, start + n)));
            }
            i = start + n;
        }
        return packets;
    }

    /**
     * Decodes a binary payload (a POST of type {@code application/octet-stream}).
     *
     * @param payload the request body
     * @return the packets in order
     * @throws PacketParseException if a record is truncated or a packet is invalid
     */
    public static List<EnginePacket> decodePayload(byte[] payload) throws PacketParseException {
        List<EnginePacket> packets = new ArrayList<>(2);
        int i = 0;
        while (i < payload.length) {
            byte mark = payload[i++];
            if (mark != TEXT_MARK && mark != BINARY_MARK) {
                throw new PacketParseException("invalid record mark " + mark);
            }
            long n = 0;
            int digits = 0;
            while (true) {
                if (i >= payload.length) {
                    throw new PacketParseException("payload ends inside a length");
                }
                int b = payload[i++] & 0xff;
                if (b == LENGTH_END) {
                    break;
                }
                if (b > 9 || ++digits > MAX_LENGTH_DIGITS) {
                    throw new PacketParseException("invalid length in binary payload");
                }
                n = n * 10 + b;
            }
            if (digits == 0 || n > payload.length - i) {
                throw new PacketParseException("invalid length in binary payload");
            }
            int end = i + (int) n;
            if (mark == TEXT_MARK) {
                packets.add(decodePacket(new String(payload, i, end - i, StandardCharsets.UTF_8)));
            } else {
                byte[] frame = new byte[end - i];
                System.arraycopy(payload, i, frame, 0, frame.length);
                packets.add(decodePacket(frame));
            }
            i = end;
        }
        return packets;
    }

    /**
     * The text form of a packet: its v4 text, or {@code "b4<base64>"} for binary data.
     *
     * @param packet a packet
     * @return its text form
     */
    public static String encodePacketAsText(EnginePacket packet) {
        if (!packet.isBinary()) {
            return packet.text();
        }
        return "b" + EnginePacketType.MESSAGE.id() + Base64.getEncoder().encodeToString(packet.binaryData());
    }

    /**
     * The binary form of a binary packet (a WebSocket binary frame): the type byte, then the data.
     *
     * @param packet a packet with binary data
     * @return {@code 04} followed by the data
     */
    public static byte[] encodePacketAsBinary(EnginePacket packet) {
        byte[] data = packet.binaryData();
        byte[] frame = new byte[data.length + 1];
        frame[0] = (byte) EnginePacketType.MESSAGE.ordinal();
        System.arraycopy(data, 0, frame, 1, data.length);
        return frame;
    }

    /**
     * Encodes packets as a text payload, binary data in base64.
     *
     * @param packets the packets, in order
     * @return the payload, {@code "0:"} if there are none
     */
    public static String encodePayload(List<EnginePacket> packets) {
        if (packets.isEmpty()) {
            return "0:";
        }
        StringBuilder sb = new StringBuilder();
        for (EnginePacket packet : packets) {
            String text = encodePacketAsText(packet);
            sb.append(text.length()).append(':').append(text);
        }
        return sb.toString();
    }

    /**
     * Encodes packets as a binary payload, for a client that reads binary responses (XHR2).
     *
     * @param packets the packets, in order
     * @return the payload
     */
    public static byte[] encodeBinaryPayload(List<EnginePacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (EnginePacket packet : packets) {
            byte[] bytes = packet.isBinary()
                    ? encodePacketAsBinary(packet)
                    : packet.text().getBytes(StandardCharsets.UTF_8);
            out.write(packet.isBinary() ? BINARY_MARK : TEXT_MARK);
            String digits = Integer.toString(bytes.length);
            for (int i = 0; i < digits.length(); i++) {
                out.write(digits.charAt(i) - '0');
            }
            out.write(LENGTH_END);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /**
     * @param packets packets
     * @return whether any carries binary data (a binary payload is then used if the client can)
     */
    public static boolean hasBinary(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            if (packet.isBinary()) {
                return true;
            }
        }
        return false;
    }

    private static int parseLength(String payload, int start, int end) throws PacketParseException {
        if (end == start || end - start > MAX_LENGTH_DIGITS) {
            throw new PacketParseException("invalid length in payload");
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = payload.charAt(i);
            if (c < '0' || c > '9') {
                throw new PacketParseException("invalid length in payload");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
