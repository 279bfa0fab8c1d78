package io.jakartio.adapter;

/**
 * The kinds of message the servers of a cluster exchange, with the numbers of Node's
 * {@code socket.io-adapter} {@code MessageType} (its {@code cluster-adapter.ts}), which travel on
 * the wire: a Jakartio and a Node server of one cluster read each other's.
 *
 * <pre>{@code
 * ClusterMessageType.of(3); // BROADCAST
 * ClusterMessageType.FETCH_SOCKETS.number(); // 7
 * }</pre>
 */
public enum ClusterMessageType {
    /** A server starts: the others answer with a heartbeat, so it learns of them. */
    INITIAL_HEARTBEAT(1),
    /** A server is alive. */
    HEARTBEAT(2),
    /** A broadcast; with a request id, one that asks for acknowledgements. */
    BROADCAST(3),
    /** {@code socketsJoin}. */
    SOCKETS_JOIN(4),
    /** {@code socketsLeave}. */
    SOCKETS_LEAVE(5),
    /** {@code disconnectSockets}. */
    DISCONNECT_SOCKETS(6),
    /** {@code fetchSockets}, answered by every other server. */
    FETCH_SOCKETS(7),
    /** One server's answer to {@link #FETCH_SOCKETS}. */
    FETCH_SOCKETS_RESPONSE(8),
    /** {@code serverSideEmit}; with a request id, answered by every other server. */
    SERVER_SIDE_EMIT(9),
    /** One server's answer to a {@link #SERVER_SIDE_EMIT} with a request id. */
    SERVER_SIDE_EMIT_RESPONSE(10),
    /** How many clients of a server a broadcast with acknowledgements reached. */
    BROADCAST_CLIENT_COUNT(11),
    /** One client's acknowledgement of a broadcast. */
    BROADCAST_ACK(12),
    /** A server's adapter closed: stop waiting for it. */
    ADAPTER_CLOSE(13);

    private static final ClusterMessageType[] BY_NUMBER = new ClusterMessageType[14];

    static {
        for (ClusterMessageType type : values()) {
            BY_NUMBER[type.number] = type;
        }
    }

    private final int number;

    ClusterMessageType(int number) {
        this.number = number;
    }

    /** @return the number on the wire */
    public int number() {
        return number;
    }

    /**
     * @param number a number read from the wire
     * @return its type, or {@code null} if unknown
     */
    public static ClusterMessageType of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
