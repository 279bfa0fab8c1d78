package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import java.util.function.Consumer;

/**
 * The engine's view of an open WebSocket. Implementations send asynchronously; the engine never
 * starts a send before the previous one completed, so a JSR-356 session is never written
 * concurrently.
 */
public interface WebSocketConnection {

    /**
     * Sends one text frame.
     *
     * @param text the frame
     * @param onComplete called once when the frame was written ({@code null}) or failed (the
     *     error); may be called before this method returns
     */
    void sendText(String text, Consumer<Throwable> onComplete);

    /**
     * Sends one binary frame.
     *
     * @param data the frame
     * @param onComplete as for {@link #sendText}
     */
    void sendBinary(byte[] data, Consumer<Throwable> onComplete);

    /**
     * Sends one packet as one frame. A connection that writes frames itself overrides this to
     * write {@link PacketFrames#of}, the bytes shared by every recipient of a
     * broadcast; the default sends the packet's text or binary data.
     *
     * @param packet the packet
     * @param onComplete as for {@link #sendText}
     */
    default void send(EnginePacket packet, Consumer<Throwable> onComplete) {
        if (packet.isBinary()) {
            sendBinary(packet.binaryData(), onComplete);
        } else {
            sendText(packet.text(), onComplete);
        }
    }

    /**
     * The transport has no more packets for now: write out what the connection may have held
     * back to send several frames at once. The default does nothing (every send is written).
     */
    default void flush() {
    }

    /**
     * Closes the WebSocket.
     *
     * @param code the close code, one of {@link io.jakartio.websocket.WebSocketProtocol}'s
     *     ({@code CLOSE_NORMAL}, {@code CLOSE_TOO_BIG}, {@code CLOSE_POLICY_VIOLATION})
     * @param reason a short reason (at most 123 UTF-8 bytes)
     */
    void close(int code, String reason);
}
