package io.jakartio.parser;

/**
 * Thrown when bytes received from a peer are not a valid Engine.IO or Socket.IO packet.
 *
 * <p>This is a checked exception on purpose: every decoder entry point declares it, so malformed
 * input from the network is always handled as a protocol error (the connection is closed with a
 * "parse error" reason) and never escapes to the container as an unchecked exception.
 *
 * <pre>{@code
 * try {
 *     EnginePacket packet = EngineCodec.decodeFrame("abc");
 * } catch (PacketParseException e) {
 *     // e.getMessage() -> "unknown packet type 'a'"
 * }
 * }</pre>
 */
public final class PacketParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message describing what was wrong with the input.
     *
     * @param message the reason, for logs and tests
     */
    public PacketParseException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message the reason
     * @param cause the exception that revealed the problem
     */
    public PacketParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
