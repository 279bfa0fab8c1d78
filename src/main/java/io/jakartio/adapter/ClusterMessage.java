package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the servers of a cluster tell each other, one record per {@link ClusterMessageType}: the
 * {@code data} of Node's {@code ClusterMessage} and {@code ClusterResponse}, as Java values. The
 * sender's id and the namespace travel beside it; how it is encoded is the backend's business
 * (the Redis Streams adapter writes it as Node's adapter does).
 *
 * <pre>{@code
 * ClusterMessage message = new ClusterMessage.Broadcast(SocketPacket.event("/", "hi"), BroadcastOptions.ALL, null);
 * message.type(); // BROADCAST
 * }</pre>
 */
public sealed interface ClusterMessage {

    /** @return the type, whose number goes on the wire */
    ClusterMessageType type();

    /** A server starts. */
    record InitialHeartbeat() implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.INITIAL_HEARTBEAT;
        }
    }

    /** A server is alive. */
    record Heartbeat() implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.HEARTBEAT;
        }
    }

    /** A server's adapter closed. */
    record AdapterClose() implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.ADAPTER_CLOSE;
        }
    }

    /**
     * A broadcast.
     *
     * @param packet the packet, without offset
     * @param options targets and flags
     * @param requestId present when acknowledgements are asked for, else {@code null}
     */
    record Broadcast(SocketPacket packet, BroadcastOptions options, String requestId) implements ClusterMessage {
        /** Checks the parts. @param packet packet @param options options @param requestId request id or null */
        public Broadcast {
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(options, "options");
        }

        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.BROADCAST;
        }
    }

    /**
     * {@code socketsJoin}.
     *
     * @param options the targeted sockets
     * @param rooms the rooms to join
     */
    record SocketsJoin(BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
        /** Copies the rooms. @param options targets @param rooms rooms */
        public SocketsJoin {
            rooms = Set.copyOf(rooms);
        }

        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.SOCKETS_JOIN;
        }
    }

    /**
     * {@code socketsLeave}.
     *
     * @param options the targeted sockets
     * @param rooms the rooms to leave
     */
    record SocketsLeave(BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
        /** Copies the rooms. @param options targets @param rooms rooms */
        public SocketsLeave {
            rooms = Set.copyOf(rooms);
        }

        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.SOCKETS_LEAVE;
        }
    }

    /**
     * {@code disconnectSockets}.
     *
     * @param options the targeted sockets
     * @param close whether to close their connections too
     */
    record DisconnectSockets(BroadcastOptions options, boolean close) implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.DISCONNECT_SOCKETS;
        }
    }

    /**
     * {@code fetchSockets}.
     *
     * @param options the targeted sockets
     * @param requestId the request the answers name
     */
    record FetchSockets(BroadcastOptions options, String requestId) implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.FETCH_SOCKETS;
        }
    }

    /**
     * One server's sockets for a {@link FetchSockets}.
     *
     * @param requestId the request
     * @param sockets that server's targeted sockets
     */
    record FetchSocketsResponse(String requestId, List<SocketDetails> sockets) implements ClusterMessage {
        /** Copies the list. @param requestId request @param sockets sockets */
        public FetchSocketsResponse {
            sockets = List.copyOf(sockets);
        }

        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.FETCH_SOCKETS_RESPONSE;
        }
    }

    /**
     * {@code serverSideEmit}.
     *
     * @param packet the event name and its arguments (may hold {@code null})
     * @param requestId present when every other server is to answer, else {@code null}
     */
    record ServerSideEmit(List<Object> packet, String requestId) implements ClusterMessage {
        /** Copies the list, keeping {@code null}s. @param packet event and arguments @param requestId id or null */
        public ServerSideEmit {
            packet = Collections.unmodifiableList(new ArrayList<>(packet));
        }

        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.SERVER_SIDE_EMIT;
        }
    }

    /**
     * One server's answer to a {@link ServerSideEmit} with a request id.
     *
     * @param requestId the request
     * @param packet the first argument its listener acknowledged with (may be {@code null})
     */
    record ServerSideEmitResponse(String requestId, Object packet) implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE;
        }
    }

    /**
     * How many of a server's clients a broadcast with acknowledgements reached.
     *
     * @param requestId the broadcast
     * @param clientCount the number of clients
     */
    record BroadcastClientCount(String requestId, int clientCount) implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.BROADCAST_CLIENT_COUNT;
        }
    }

    /**
     * One client's acknowledgement of a broadcast.
     *
     * @param requestId the broadcast
     * @param packet the first argument of the client's ACK (may be {@code null})
     */
    record BroadcastAck(String requestId, Object packet) implements ClusterMessage {
        @Override
        public ClusterMessageType type() {
            return ClusterMessageType.BROADCAST_ACK;
        }
    }
}
