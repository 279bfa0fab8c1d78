package io.jakartio.engine;

/**
 * Receives the events of one WebSocket, as returned by {@link EngineServer#openWebSocket}. The
 * binding calls these methods in order and never concurrently for the same connection;
 * {@link #onClose()} is called exactly once, last.
 */
public interface WebSocketHandler {

    /** @param frame a text frame received */
    void onText(String frame);

    /** @param frame a binary frame received */
    void onBinary(byte[] frame);

    /** @param error a transport failure; {@link #onClose()} follows */
    void onError(Throwable error);

    /** The WebSocket closed, for whatever reason. */
    void onClose();
}
