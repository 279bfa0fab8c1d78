package io.jakartio.websocket;

/**
 * Constants of the WebSocket protocol (RFC 6455) shared by {@link WebSocketFrameReader} and
 * {@link WebSocketFrameWriter}.
 */
public final class WebSocketProtocol {

    /** Opcode of a continuation frame. */
    public static final int OPCODE_CONTINUATION = 0x0;
    /** Opcode of a text frame. */
    public static final int OPCODE_TEXT = 0x1;
    /** Opcode of a binary frame. */
    public static final int OPCODE_BINARY = 0x2;
    /** Opcode of a close frame. */
    public static final int OPCODE_CLOSE = 0x8;
    /** Opcode of a ping frame. */
    public static final int OPCODE_PING = 0x9;
    /** Opcode of a pong frame. */
    public static final int OPCODE_PONG = 0xA;

    /** Close code: normal closure. */
    public static final int CLOSE_NORMAL = 1000;
    /** Close code: the endpoint is going away (server shutdown). */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Close code: protocol error. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** Close code: received no status code (never sent on the wire). */
    public static final int CLOSE_NO_STATUS = 1005;
    /** Close code: a text message was not valid UTF-8. */
    public static final int CLOSE_INVALID_PAYLOAD = 1007;
    /** Close code: policy violation. */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Close code: message too big. */
    public static final int CLOSE_TOO_BIG = 1009;
    /** Close code: the server met an unexpected condition. */
    public static final int CLOSE_INTERNAL_ERROR = 1011;

    /** The largest payload of a control frame. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /** The GUID appended to the client's key to compute {@code Sec-WebSocket-Accept}. */
    public static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketProtocol() {
    }

    /**
     * Whether a peer may send this close code (RFC 6455 section 7.4).
     *
     * @param code the code read from a close frame
     * @return {@code true} for 1000-1003, 1007-1014 and 3000-4999
     */
    public static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
