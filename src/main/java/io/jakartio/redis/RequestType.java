package io.jakartio.redis;

/**
 * The request types of {@code @socket.io/redis-adapter} 8 ({@code RequestType} in its
 * {@code lib/index.ts}); the ordinal is the number on the wire.
 */
enum RequestType {
    /** 0: the ids of the sockets in some rooms (older servers' {@code allSockets}); answered. */
    SOCKETS,
    /** 1: every room of the namespace ({@code allRooms}); answered. */
    ALL_ROOMS,
    /** 2: sockets join rooms ({@code socketsJoin}). */
    REMOTE_JOIN,
    /** 3: sockets leave rooms ({@code socketsLeave}). */
    REMOTE_LEAVE,
    /** 4: sockets are disconnected ({@code disconnectSockets}). */
    REMOTE_DISCONNECT,
    /** 5: the details of sockets ({@code fetchSockets}). */
    REMOTE_FETCH,
    /** 6: a server-side event, with or without answers; also the type of an answer. */
    SERVER_SIDE_EMIT,
    /** 7: a broadcast asking its recipients for acknowledgements. */
    BROADCAST,
    /** 8: answer to 7: how many clients a server sent the broadcast to. */
    BROADCAST_CLIENT_COUNT,
    /** 9: answer to 7: one client's acknowledgement. */
    BROADCAST_ACK;

    private static final RequestType[] BY_NUMBER = values();

    /** @return the number on the wire */
    int number() {
        return ordinal();
    }

    /** @return the type of a wire number, or {@code null} if it is none */
    static RequestType of(Object number) {
        return number instanceof Integer n && n >= 0 && n < BY_NUMBER.length ? BY_NUMBER[n] : null;
    }
}
