package io.jakartio.engine;

/**
 * The layer above the engine (the Socket.IO server): told of sessions opening, their messages
 * and their end.
 *
 * <p>Call order per session: {@code onOpen} first, then any number of {@code onMessage} /
 * {@code onBinary} in arrival order, never concurrently, then {@code onClose} exactly once.
 * Messages arrive on container threads; {@code onClose} may arrive on the heartbeat scheduler's
 * thread (ping timeout), so implementations must not block.
 */
public interface EngineHandler {

    /** @param socket a session that completed its handshake */
    void onOpen(EngineSocket socket);

    /**
     * @param socket the session
     * @param text the payload of a text MESSAGE packet
     */
    void onMessage(EngineSocket socket, String text);

    /**
     * @param socket the session
     * @param data the payload of a binary MESSAGE packet
     */
    void onBinary(EngineSocket socket, byte[] data);

    /**
     * @param socket the session, now closed
     * @param reason why it closed
     */
    void onClose(EngineSocket socket, CloseReason reason);
}
