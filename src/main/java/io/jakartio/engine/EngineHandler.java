package io.jakartio.engine;

/**
 * The layer above the engine (the Socket.IO server), told of each session that opens. It
 * answers with the session's own {@link SessionHandler}, which then receives that session's
 * messages and its end: the upper layer's per-connection object is called directly, with no
 * lookup or cast per message.
 *
 * <p>{@code onOpen} runs once per session, on the thread that completed the handshake (a
 * container thread), before any packet of the session reaches the client: packets the handler
 * sends from it follow the Engine.IO OPEN packet. It must not block.
 *
 * <pre>{@code
 * EngineHandler echo = socket -> new SessionHandler() {
 *     public void onMessage(String text) { socket.send(List.of(EnginePacket.message(text)), false); }
 *     public void onBinary(byte[] data) { socket.send(List.of(EnginePacket.binary(data)), false); }
 *     public void onClose(CloseReason reason) { }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface EngineHandler {

    /**
     * @param socket a session that completed its handshake
     * @return the handler of this session's messages and close; never {@code null}
     */
    SessionHandler onOpen(EngineSocket socket);
}
