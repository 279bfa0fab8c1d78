package io.jakartio.parser;

/**
 * The decoding half of a {@link Parser}: turns the Engine.IO MESSAGE payloads of one connection
 * into Socket.IO packets (Node's {@code parser.Decoder}). It may keep state between messages,
 * as the default parser does for a packet awaiting its binary attachments.
 *
 * <pre>{@code
 * PacketDecoder decoder = Parser.defaultParser().decoder(10);
 * SocketPacket packet = decoder.decode("2[\"hi\"]"); // EVENT ["hi"]
 * }</pre>
 *
 * <p>Not thread-safe: one decoder per connection, fed in arrival order. Every malformed input is
 * a {@link PacketParseException}, upon which the server closes the connection.
 */
public interface PacketDecoder {

    /**
     * Decodes a text message.
     *
     * @param text the Engine.IO MESSAGE payload
     * @return the packet, or {@code null} if more messages are needed to complete it
     * @throws PacketParseException if the text is not a valid packet for this parser
     */
    SocketPacket decode(String text) throws PacketParseException;

    /**
     * Decodes a binary message.
     *
     * @param bytes the Engine.IO MESSAGE payload
     * @return the packet, or {@code null} if more messages are needed to complete it
     * @throws PacketParseException if the bytes are not valid here for this parser
     */
    SocketPacket decode(byte[] bytes) throws PacketParseException;

    /** @return whether a packet is waiting for more messages */
    boolean isReconstructing();

    /** Drops a partially received packet (when the connection closes). */
    void reset();
}
