package io.jakartio.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the frames a server sends (RFC 6455: unmasked, never fragmented; RFC 7692: RSV1 on a
 * compressed message) as one array holding header and payload, so that a frame built once can be written to any number of connections.
 *
 * <pre>{@code
 * byte[] frame = WebSocketFrameWriter.text("4hello"); // 0x81 0x06 '4' 'h' 'e' 'l' 'l' 'o'
 * }</pre>
 */
public final class WebSocketFrameWriter {

    private WebSocketFrameWriter() {
    }

    /**
     * @param text the message
     * @return a final text frame carrying {@code text} in UTF-8
     */
    public static byte[] text(String text) {
        return frame(WebSocketProtocol.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param data the message
     * @return a final binary frame carrying {@code data}
     */
    public static byte[] binary(byte[] data) {
        return frame(WebSocketProtocol.OPCODE_BINARY, data);
    }

    /**
     * @param data the ping's application data, at most 125 bytes
     * @return the pong answering it
     */
    public static byte[] pong(byte[] data) {
        return frame(WebSocketProtocol.OPCODE_PONG, data);
    }

    /**
     * A close frame; the reason is cut to fit the 125-byte control payload.
     *
     * @param code the close code, e.g. 1000
     * @param reason a short reason, may be empty
     * @return the close frame
     */
    public static byte[] close(int code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int reasonLength = Math.min(text.length, WebSocketProtocol.MAX_CONTROL_PAYLOAD - 2);
        while (reasonLength < text.length && reasonLength > 0 && (text[reasonLength] & 0xC0) == 0x80) {
            reasonLength--; // do not cut a character in two
        }
        byte[] payload = new byte[2 + reasonLength];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, reasonLength);
        return frame(WebSocketProtocol.OPCODE_CLOSE, payload);
    }

    /**
     * A compressed message (permessage-deflate, RFC 7692 section 6): the RSV1 bit set on its one frame.
     *
     * <pre>{@code
     * WebSocketFrameWriter.compressed(false, MessageDeflater.deflateAlone(hello, 0, 5));
     * // 0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00
     * }</pre>
     *
     * @param binary whether the message is binary (else text)
     * @param deflated the compressed payload ({@link MessageDeflater})
     * @return a final frame with RSV1 set
     */
    public static byte[] compressed(boolean binary, byte[] deflated) {
        return frame(RSV1 | (binary ? WebSocketProtocol.OPCODE_BINARY : WebSocketProtocol.OPCODE_TEXT), deflated);
    }

    /**
     * @param frame a frame this writer built
     * @return where its payload starts (after the header)
     */
    public static int payloadOffset(byte[] frame) {
        int length7 = frame[1] & 0x7F;
        return length7 < 126 ? 2 : length7 == 126 ? 4 : 10;
    }

    /** The first reserved bit: a compressed message (RFC 7692 section 6). */
    private static final int RSV1 = 0x40;

    /**
     * @param opcode the frame's opcode, with {@link #RSV1} for a compressed message
     * @param payload its payload
     * @return a final, unmasked frame
     */
    static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            long value = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (value >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
