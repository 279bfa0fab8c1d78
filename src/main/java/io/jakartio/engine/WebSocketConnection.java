package io.jakartio.engine;

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
     * Closes the WebSocket.
     *
     * @param code the close code, e.g. 1000 normal, 1009 too big
     * @param reason a short reason (at most 123 UTF-8 bytes)
     */
    void close(int code, String reason);
}
