package io.jakartio.parser;

/**
 * The Engine.IO v4 packet types (engine.io-protocol, "Protocol"), each written on the wire as
 * its single digit id.
 */
public enum EnginePacketType {
    /** {@code 0}: handshake data sent by the server when a session opens. */
    OPEN,
    /** {@code 1}: asks the other side to close the transport. */
    CLOSE,
    /** {@code 2}: heartbeat request (server to client in v4); also {@code 2probe} during upgrade. */
    PING,
    /** {@code 3}: heartbeat answer; also {@code 3probe} during upgrade. */
    PONG,
    /** {@code 4}: application data (a Socket.IO packet). */
    MESSAGE,
    /** {@code 5}: completes the upgrade from polling to WebSocket. */
    UPGRADE,
    /** {@code 6}: does nothing; releases a pending poll during an upgrade. */
    NOOP;

    private static final EnginePacketType[] BY_ID = values();

    /** @return the digit written on the wire for this type */
    public char id() {
        return (char) ('0' + ordinal());
    }

    /**
     * Looks up a type by its wire digit.
     *
     * @param c the first character of a packet
     * @return the type, or {@code null} if {@code c} is not a packet type
     */
    public static EnginePacketType fromId(char c) {
        int index = c - '0';
        return index >= 0 && index < BY_ID.length ? BY_ID[index] : null;
    }
}
