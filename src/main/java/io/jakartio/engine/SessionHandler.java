package io.jakartio.engine;

/**
 * Receives the messages and the end of one Engine.IO session: what {@link EngineHandler#onOpen}
 * returned for it (the Socket.IO layer's client object).
 *
 * <p>Call order: any number of {@code onMessage} / {@code onBinary} in arrival order, never
 * concurrently, then {@code onClose} exactly once, last. Messages arrive on container threads;
 * {@code onClose} may arrive on any thread — the heartbeat scheduler's (ping timeout), an
 * application thread that closed the session or wrote to a client that fell behind — so
 * implementations must not block.
 */
public interface SessionHandler {

    /** @param text the payload of a text MESSAGE packet */
    void onMessage(String text);

    /** @param data the payload of a binary MESSAGE packet */
    void onBinary(byte[] data);

    /** @param reason why the session closed */
    void onClose(CloseReason reason);

    /**
     * The session closed, with what went wrong: the engine calls this method, whose default
     * calls {@link #onClose(CloseReason)}; override it to receive the description.
     *
     * @param reason why the session closed
     * @param description for {@link CloseReason#TRANSPORT_ERROR}, what went wrong; else {@code null}
     */
    default void onClose(CloseReason reason, TransportError description) {
        onClose(reason);
    }
}
