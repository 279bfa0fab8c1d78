package io.jakartio.parser;

/**
 * The Socket.IO v5 packet types (socket.io-protocol, "Exchange protocol"), written on the wire as
 * their digit id. {@link #BINARY_EVENT} and {@link #BINARY_ACK} exist only on the wire: decoded
 * packets carry {@link #EVENT} or {@link #ACK} with their binary values restored in place.
 */
public enum SocketPacketType {
    /** {@code 0}: connection to a namespace (request, or grant with the socket id). */
    CONNECT,
    /** {@code 1}: disconnection from a namespace. */
    DISCONNECT,
    /** {@code 2}: an event: a non-empty array whose first element is the event name. */
    EVENT,
    /** {@code 3}: an acknowledgement: an array of arguments. */
    ACK,
    /** {@code 4}: refusal of a namespace connection: {@code {"message":...,"data":...}}. */
    CONNECT_ERROR,
    /** {@code 5}: an event followed by binary attachments. */
    BINARY_EVENT,
    /** {@code 6}: an acknowledgement followed by binary attachments. */
    BINARY_ACK;

    private static final SocketPacketType[] BY_ID = values();

    /** @return the digit written on the wire for this type */
    public char id() {
        return (char) ('0' + ordinal());
    }

    /**
     * Looks up a type by its wire digit.
     *
     * @param c the first character of an encoded packet
     * @return the type, or {@code null} if unknown
     */
    public static SocketPacketType fromId(char c) {
        int index = c - '0';
        return index >= 0 && index < BY_ID.length ? BY_ID[index] : null;
    }
}
