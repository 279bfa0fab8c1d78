package io.jakartio.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Socket.IO packets from the Engine.IO MESSAGE payloads of one connection, reassembling
 * packets that announce binary attachments from the binary messages that follow them.
 *
 * <p>Validation follows the protocol: the namespace starts with {@code /}, the ack id is a
 * non-negative integer, CONNECT carries an object or nothing, DISCONNECT nothing, EVENT a
 * non-empty array starting with a non-reserved event name, ACK an array. Anything else is a
 * {@link PacketParseException}.
 *
 * <pre>{@code
 * SocketPacketDecoder decoder = new SocketPacketDecoder(10);
 * decoder.decode("451-[\"upload\",{\"_placeholder\":true,\"num\":0}]"); // null: waits for binary
 * SocketPacket packet = decoder.decode(new byte[] {1, 2, 3});
 * // packet.args() -> ["upload", [1, 2, 3]]
 * }</pre>
 *
 * <p>Not thread-safe: one decoder per connection, fed in arrival order.
 */
public final class SocketPacketDecoder implements PacketDecoder {

    /** The default limit of attachments per packet, as in the reference implementation. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 10;

    private static final List<String> RESERVED_EVENTS = List.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    private static final int MAX_ACK_ID_DIGITS = 15;

    private final int maxAttachments;
    /**
     * The packet waiting for its attachments, or {@code null}: one field, not three, in the
     * decoder every connection keeps.
     */
    private Pending pending;

    /**
     * Creates a decoder.
     *
     * @param maxAttachments the most binary attachments one packet may announce
     */
    public SocketPacketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /**
     * Decodes a text message.
     *
     * @param text the Engine.IO MESSAGE payload
     * @return the packet, or {@code null} if it announced attachments still to come
     * @throws PacketParseException if the text is not a valid packet, or a packet was awaiting
     *     its attachments
     */
    @Override
    public SocketPacket decode(String text) throws PacketParseException {
        if (pending != null) {
            throw new PacketParseException("got text while waiting for binary attachments");
        }
        if (text.isEmpty()) {
            throw new PacketParseException("empty packet");
        }
        SocketPacketType type = SocketPacketType.fromId(text.charAt(0));
        if (type == null) {
            throw new PacketParseException("unknown packet type '" + text.charAt(0) + "'");
        }
        int i = 1;
        int attachmentCount = 0;
        boolean binary = type == SocketPacketType.BINARY_EVENT || type == SocketPacketType.BINARY_ACK;
        if (binary) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 6) {
                throw new PacketParseException("illegal attachments");
            }
            attachmentCount = parseCount(text, i, dash);
            if (attachmentCount > maxAttachments) {
                throw new PacketParseException("too many attachments: " + attachmentCount);
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : end + 1;
        }
        long ackId = SocketPacket.NO_ACK;
        int idStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > MAX_ACK_ID_DIGITS) {
                throw new PacketParseException("ack id too large");
            }
            ackId = Long.parseLong(text, idStart, i, 10);
        }
        Object data = i < text.length() ? parsePayload(text, i) : null;
        SocketPacketType logicalType = switch (type) {
            case BINARY_EVENT -> SocketPacketType.EVENT;
            case BINARY_ACK -> SocketPacketType.ACK;
            default -> type;
        };
        validate(logicalType, data, i < text.length());
        SocketPacket packet = new SocketPacket(logicalType, namespace, ackId, data);
        if (binary && attachmentCount > 0) {
            pending = new Pending(packet, attachmentCount, new ArrayList<>(attachmentCount));
            return null;
        }
        return packet;
    }

    /**
     * Decodes a binary message: the next attachment of the pending packet.
     *
     * @param bytes the attachment
     * @return the complete packet once its last attachment arrived, else {@code null}
     * @throws PacketParseException if no packet awaits attachments, or a placeholder is invalid
     */
    @Override
    public SocketPacket decode(byte[] bytes) throws PacketParseException {
        Pending waiting = pending;
        if (waiting == null) {
            throw new PacketParseException("got binary data when not reconstructing a packet");
        }
        List<byte[]> buffers = waiting.attachments();
        buffers.add(bytes);
        if (buffers.size() < waiting.expected()) {
            return null;
        }
        SocketPacket packet = waiting.packet();
        reset();
        Object data = reconstruct(packet.data(), buffers);
        return new SocketPacket(packet.type(), packet.namespace(), packet.ackId(), data);
    }

    /** @return whether a packet is waiting for binary attachments */
    @Override
    public boolean isReconstructing() {
        return pending != null;
    }

    /** Drops a partially received packet (when the connection closes). */
    @Override
    public void reset() {
        pending = null;
    }

    /** A packet that announced {@code expected} attachments, and those received so far. */
    private record Pending(SocketPacket packet, int expected, List<byte[]> attachments) {
    }

    private static Object parsePayload(String text, int start) throws PacketParseException {
        return JsonReader.parse(text, start, text.length());
    }

    /** The payload rules every parser applies (see the class documentation). */
    static void validate(SocketPacketType type, Object data, boolean present)
            throws PacketParseException {
        boolean valid = switch (type) {
            case CONNECT -> !present || data instanceof Map;
            case DISCONNECT -> !present;
            case CONNECT_ERROR -> data instanceof String || data instanceof Map;
            case EVENT -> data instanceof List<?> list && !list.isEmpty()
                    && (list.get(0) instanceof Number
                        || list.get(0) instanceof String name && !RESERVED_EVENTS.contains(name));
            case ACK -> data instanceof List;
            default -> false;
        };
        if (!valid) {
            throw new PacketParseException("invalid payload for " + type);
        }
    }

    private static Object reconstruct(Object node, List<byte[]> buffers) throws PacketParseException {
        if (node instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) list;
            for (int i = 0; i < values.size(); i++) {
                values.set(i, reconstruct(values.get(i), buffers));
            }
            return values;
        }
        if (node instanceof Map<?, ?> map) {
            if (Boolean.TRUE.equals(map.get("_placeholder"))) {
                Object num = map.get("num");
                if (num instanceof Integer index && index >= 0 && index < buffers.size()) {
                    return buffers.get(index);
                }
                throw new PacketParseException("illegal attachment placeholder " + num);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) map;
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                entry.setValue(reconstruct(entry.getValue(), buffers));
            }
            return values;
        }
        return node;
    }

    private static int parseCount(String text, int start, int end) throws PacketParseException {
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw new PacketParseException("illegal attachments");
            }
            count = count * 10 + (c - '0');
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
