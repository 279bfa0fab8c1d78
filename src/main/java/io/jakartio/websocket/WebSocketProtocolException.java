package io.jakartio.websocket;

/**
 * A peer broke the WebSocket protocol; the connection must be closed with {@link #closeCode()}.
 *
 * <pre>{@code
 * try {
 *     reader.read(bytes, 0, n);
 * } catch (WebSocketProtocolException e) {
 *     connection.close(e.closeCode(), e.getMessage()); // e.g. 1009 "message too big"
 * }
 * }</pre>
 */
public final class WebSocketProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /**
     * @param closeCode the close code to answer with, e.g. {@link WebSocketProtocol#CLOSE_PROTOCOL_ERROR}
     * @param message why, short enough for a close frame's reason
     */
    public WebSocketProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** @return the close code to answer with */
    public int closeCode() {
        return closeCode;
    }
}
