package io.jakartio.parser;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes and encodes Engine.IO v4 packets: one packet per WebSocket frame, and long-polling
 * payloads of several packets joined by the record separator {@code \x1e}, with binary packets
 * written as {@code b<base64>} (engine.io-protocol, "Packet encoding").
 *
 * <pre>{@code
 * List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001ebAQIDBA==");
 * // -> [MESSAGE "hello", MESSAGE <01 02 03 04>]
 * String body = EngineCodec.encodePayload(packets); // "4hello\u001ebAQIDBA=="
 * }</pre>
 */
public final class EngineCodec {

    /** The separator between packets of a polling payload. */
    public static final char RECORD_SEPARATOR = '\u001e';

    private EngineCodec() {
    }

    /**
     * Decodes a WebSocket text frame.
     *
     * @param frame the frame text
     * @return the packet
     * @throws PacketParseException if the frame is empty or starts with an unknown type
     */
    public static EnginePacket decodeFrame(String frame) throws PacketParseException {
        return decode(frame, 0, frame.length());
    }

    /**
     * Decodes a WebSocket binary frame: always a MESSAGE packet carrying the bytes as they are.
     *
     * @param frame the frame bytes
     * @return the packet
     */
    public static EnginePacket decodeFrame(byte[] frame) {
        return EnginePacket.binary(frame);
    }

    /**
     * Decodes a long-polling payload.
     *
     * @param payload the request body, as text
     * @return the packets in order
     * @throws PacketParseException if any record is not a valid packet
     */
    public static List<EnginePacket> decodePayload(String payload) throws PacketParseException {
        List<EnginePacket> packets = new ArrayList<>(4);
        int start = 0;
        int length = payload.length();
        while (true) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            packets.add(decode(payload, start, end));
            if (end == length) {
                return packets;
            }
            start = end + 1;
        }
    }

    /**
     * Encodes packets as one long-polling payload.
     *
     * @param packets the packets, in order
     * @return the response body
     */
    public static String encodePayload(List<EnginePacket> packets) {
        if (packets.size() == 1) {
            return packets.get(0).pollingText();
        }
        int size = packets.size();
        for (EnginePacket packet : packets) {
            size += packet.pollingText().length();
        }
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(RECORD_SEPARATOR);
            }
            sb.append(packets.get(i).pollingText());
        }
        return sb.toString();
    }

    /**
     * Some clients (the official Java client) wrap base64 at 76 columns, MIME style, and end it
     * with a line break; the reference server accepts that, so line breaks are dropped here.
     */
    private static String withoutLineBreaks(String text, int start, int end) {
        String base64 = text.substring(start, end);
        if (base64.indexOf('\n') < 0 && base64.indexOf('\r') < 0) {
            return base64;
        }
        return base64.replace("\r", "").replace("\n", "");
    }

    private static EnginePacket decode(String text, int start, int end) throws PacketParseException {
        if (start >= end) {
            throw new PacketParseException("empty packet");
        }
        char first = text.charAt(start);
        if (first == 'b') {
            try {
                return EnginePacket.binary(Base64.getDecoder().decode(withoutLineBreaks(text, start + 1, end)));
            } catch (IllegalArgumentException e) {
                throw new PacketParseException("invalid base64 in binary packet", e);
            }
        }
        EnginePacketType type = EnginePacketType.fromId(first);
        if (type == null) {
            throw new PacketParseException("unknown packet type '" + first + "'");
        }
        String data = end - start == 1 ? "" : text.substring(start + 1, end);
        return type == EnginePacketType.MESSAGE ? EnginePacket.message(data) : EnginePacket.of(type, data);
    }
}
