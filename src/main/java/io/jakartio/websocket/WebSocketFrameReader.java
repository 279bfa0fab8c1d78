package io.jakartio.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the frames a client sends (RFC 6455) from bytes as they arrive, in pieces of any size,
 * and reports whole messages: fragments are joined, masks removed, text checked to be UTF-8,
 * control frames reported as they come (also between the fragments of a message).
 *
 * <p>Any breach of the protocol throws a {@link WebSocketProtocolException} carrying the close
 * code to answer with: unmasked or reserved-bit frames, unknown opcodes, bad fragmentation or
 * control frames (1002), invalid UTF-8 (1007), a message longer than the limit (1009). After a
 * close frame, or once it threw, the reader ignores further input.
 *
 * <p>With permessage-deflate agreed (a {@link MessageInflater}), RSV1 on the first frame of a text
 * or binary message marks it compressed (RFC 7692 section 6.1): its frames are joined, then
 * inflated, and the inflated size counts against the limit (1009), as does the compressed size.
 * RSV1 on a continuation or control frame, or without the extension, is a protocol error.
 *
 * <p>Idle, a reader holds no buffer; a frame's payload grows with the bytes that arrived, up to
 * the message limit. Not thread-safe: one reader per connection, fed by one thread at a time.
 *
 * <pre>{@code
 * WebSocketFrameReader reader = new WebSocketFrameReader(1_000_000, listener);
 * int n;
 * while ((n = in.read(buffer)) > 0) {
 *     reader.read(buffer, 0, n); // calls listener.onText("4hello") once the frame is complete
 * }
 * }</pre>
 */
public class WebSocketFrameReader {

    /** Receives what the reader decoded, in wire order. */
    public interface Listener {

        /** @param message a whole text message */
        void onText(String message);

        /** @param message a whole binary message */
        void onBinary(byte[] message);

        /** @param data a ping's application data, to echo in a pong */
        void onPing(byte[] data);

        /** @param data a pong's application data */
        default void onPong(byte[] data) {
        }

        /**
         * The peer closed; the reader ignores everything after this.
         *
         * @param code the peer's close code, {@link WebSocketProtocol#CLOSE_NO_STATUS} if none
         * @param reason the peer's reason, possibly empty
         */
        void onClose(int code, String reason);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CHUNK = 16 * 1024;

    private final long maxMessageSize;
    private final Listener listener;
    private final MessageInflater inflater;
    // The frame header in fields, not in an array of its own (a reader per connection):
    /** Its first two bytes, big-endian. */
    private int head;
    /** The masking key, big-endian: the header's last four bytes. */
    private int mask;
    /** Bytes, not ints (at most 14): the reader's fields then fit in 80 bytes rather than 88. */
    private byte headerRead;
    private byte headerLength = 2;
    private boolean readingPayload;
    private boolean fin;
    private int opcode;
    private long payloadLength;
    private byte[] payload;
    private int payloadRead;
    private boolean frameCompressed;
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private byte[] message;
    private int messageLength;
    private boolean done;

    /**
     * @param maxMessageSize the longest message accepted, in bytes (larger: 1009)
     * @param listener receives messages and control frames
     */
    public WebSocketFrameReader(long maxMessageSize, Listener listener) {
        this(maxMessageSize, listener, null);
    }

    /**
     * @param maxMessageSize the longest message accepted, in bytes, compressed or inflated (larger: 1009)
     * @param listener receives messages and control frames
     * @param inflater the connection's decompressor when permessage-deflate was agreed, else {@code null}
     */
    public WebSocketFrameReader(long maxMessageSize, Listener listener, MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.listener = listener;
        this.inflater = inflater;
    }

    /**
     * For a subclass that is its own {@link Listener}: a connection's object that reads its frames
     * without a reader object of its own.
     *
     * @param maxMessageSize the longest message accepted, in bytes, compressed or inflated (larger: 1009)
     * @param inflater the connection's decompressor when permessage-deflate was agreed, else {@code null}
     * @throws ClassCastException if the subclass does not implement {@link Listener}
     */
    protected WebSocketFrameReader(long maxMessageSize, MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.listener = (Listener) this;
        this.inflater = inflater;
    }

    /**
     * Consumes bytes from the connection.
     *
     * @param bytes a buffer
     * @param offset where the new bytes start
     * @param length how many there are
     * @throws WebSocketProtocolException if the peer broke the protocol; close with its code
     */
    public final void read(byte[] bytes, int offset, int length) throws WebSocketProtocolException {
        int position = offset;
        int end = offset + length;
        try {
            while (position < end && !done) {
                if (readingPayload) {
                    position = readPayload(bytes, position, end);
                } else {
                    position = readHeader(bytes, position, end);
                }
            }
        } catch (WebSocketProtocolException e) {
            done = true;
            payload = null;
            message = null;
            throw e;
        }
    }

    /** @return the longest message accepted, in bytes */
    public final long maxMessageSize() {
        return maxMessageSize;
    }

    /** @return whether the peer's close frame was read, or the reader failed */
    public final boolean isDone() {
        return done;
    }

    private int readHeader(byte[] bytes, int position, int end) throws WebSocketProtocolException {
        while (position < end) {
            int b = bytes[position++] & 0xFF;
            int index = headerRead++;
            if (index < 2) {
                head = (head << 8 | b) & 0xFFFF;
                if (index == 1) {
                    payloadLength = 0; // the extended length, if any, is read into it
                    headerLength = (byte) startFrame();
                }
            } else if (index < headerLength - 4) {
                payloadLength = payloadLength << 8 | b;
            } else {
                mask = mask << 8 | b;
            }
            if (headerRead == headerLength) {
                endHeader();
                break;
            }
        }
        return position;
    }

    private void endHeader() throws WebSocketProtocolException {
        int length7 = head & 0x7F;
        if (length7 < 126) {
            payloadLength = length7;
        } else if (payloadLength < 0) {
            throw protocolError("negative payload length");
        }
        headerRead = 0;
        headerLength = 2;
        if (!isControl(opcode) && (messageLength + payloadLength > maxMessageSize || payloadLength > Integer.MAX_VALUE - 8)) {
            throw new WebSocketProtocolException(WebSocketProtocol.CLOSE_TOO_BIG, "message too big");
        }
        payload = payloadLength == 0 ? EMPTY : new byte[(int) Math.min(payloadLength, FIRST_CHUNK)];
        payloadRead = 0;
        readingPayload = true;
        if (payloadLength == 0) {
            endFrame();
        }
    }

    /** Checks the first two bytes; returns the whole header's length. */
    private int startFrame() throws WebSocketProtocolException {
        int b0 = head >>> 8;
        int b1 = head & 0xFF;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        frameCompressed = (b0 & 0x40) != 0;
        boolean startsMessage = opcode == WebSocketProtocol.OPCODE_TEXT || opcode == WebSocketProtocol.OPCODE_BINARY;
        if ((b0 & 0x30) != 0 || (frameCompressed && (inflater == null || !startsMessage))) {
            throw protocolError("reserved bits set");
        }
        if ((b1 & 0x80) == 0) {
            throw protocolError("client frames must be masked");
        }
        int length7 = b1 & 0x7F;
        switch (opcode) {
            case WebSocketProtocol.OPCODE_CLOSE, WebSocketProtocol.OPCODE_PING, WebSocketProtocol.OPCODE_PONG -> {
                if (!fin) {
                    throw protocolError("fragmented control frame");
                }
                if (length7 > WebSocketProtocol.MAX_CONTROL_PAYLOAD) {
                    throw protocolError("control frame too long");
                }
            }
            case WebSocketProtocol.OPCODE_TEXT, WebSocketProtocol.OPCODE_BINARY -> {
                if (messageOpcode != -1) {
                    throw protocolError("new message inside a fragmented one");
                }
            }
            case WebSocketProtocol.OPCODE_CONTINUATION -> {
                if (messageOpcode == -1) {
                    throw protocolError("continuation without a message");
                }
            }
            default -> throw protocolError("unknown opcode " + opcode);
        }
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + 4;
    }

    private int readPayload(byte[] bytes, int position, int end) throws WebSocketProtocolException {
        int take = (int) Math.min(payloadLength - payloadRead, end - position);
        if (payloadRead + take > payload.length) {
            payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, Math.max(payload.length * 2L, payloadRead + take)));
        }
        for (int i = 0; i < take; i++) {
            int index = payloadRead + i;
            payload[index] = (byte) (bytes[position + i] ^ mask >>> ((~index & 3) << 3));
        }
        payloadRead += take;
        if (payloadRead == payloadLength) {
            endFrame();
        }
        return position + take;
    }

    private void endFrame() throws WebSocketProtocolException {
        readingPayload = false;
        byte[] data = payload;
        payload = null;
        switch (opcode) {
            case WebSocketProtocol.OPCODE_PING -> listener.onPing(data);
            case WebSocketProtocol.OPCODE_PONG -> listener.onPong(data);
            case WebSocketProtocol.OPCODE_CLOSE -> endClose(data);
            default -> endData(data);
        }
    }

    private void endData(byte[] data) throws WebSocketProtocolException {
        if (messageOpcode == -1 && fin) {
            deliver(opcode, frameCompressed, data, data.length);
            return;
        }
        if (messageOpcode == -1) {
            messageOpcode = opcode;
            messageCompressed = frameCompressed;
            message = data;
            messageLength = data.length;
        } else {
            if (messageLength + data.length > message.length) {
                message = Arrays.copyOf(message, Math.max(messageLength + data.length, message.length * 2));
            }
            System.arraycopy(data, 0, message, messageLength, data.length);
            messageLength += data.length;
        }
        if (fin) {
            byte[] whole = message;
            int length = messageLength;
            int type = messageOpcode;
            message = null;
            messageLength = 0;
            messageOpcode = -1;
            deliver(type, messageCompressed, whole, length);
        }
    }

    private void deliver(int type, boolean compressed, byte[] data, int length) throws WebSocketProtocolException {
        if (compressed) {
            data = inflater.inflate(data, 0, length, maxMessageSize);
            length = data.length;
        }
        if (type == WebSocketProtocol.OPCODE_TEXT) {
            listener.onText(utf8(data, 0, length));
        } else {
            listener.onBinary(length == data.length ? data : Arrays.copyOf(data, length));
        }
    }

    private void endClose(byte[] data) throws WebSocketProtocolException {
        done = true;
        if (data.length == 0) {
            listener.onClose(WebSocketProtocol.CLOSE_NO_STATUS, "");
            return;
        }
        if (data.length == 1) {
            throw protocolError("close frame of one byte");
        }
        int code = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        if (!WebSocketProtocol.isValidCloseCode(code)) {
            throw protocolError("invalid close code " + code);
        }
        listener.onClose(code, utf8(data, 2, data.length - 2));
    }

    /** Decodes strict UTF-8 (ASCII takes the fast path). */
    static String utf8(byte[] data, int offset, int length) throws WebSocketProtocolException {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, offset, length))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw new WebSocketProtocolException(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8");
                }
            }
        }
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean isControl(int opcode) {
        return opcode >= WebSocketProtocol.OPCODE_CLOSE;
    }

    private static WebSocketProtocolException protocolError(String message) {
        return new WebSocketProtocolException(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, message);
    }
}
