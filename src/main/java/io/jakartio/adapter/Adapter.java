package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps the rooms of one namespace and delivers broadcasts: the extension point for running
 * several servers as one cluster. {@link InMemoryAdapter} serves a single server; a cluster
 * adapter extends it and forwards the same operations to the other servers.
 *
 * <p>Room state is safe for concurrent use: sockets join and leave from their own threads while
 * broadcasts iterate.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .adapter(InMemoryAdapter::new) // the default
 *     .build();
 * }</pre>
 */
public interface Adapter extends AutoCloseable {

    /**
     * Adds a socket to rooms.
     *
     * @param socketId the socket
     * @param rooms the rooms
     */
    void addAll(String socketId, Set<String> rooms);

    /**
     * Removes a socket from a room.
     *
     * @param socketId the socket
     * @param room the room
     */
    void del(String socketId, String room);

    /**
     * Removes a socket from every room (when it disconnects).
     *
     * @param socketId the socket
     */
    void delAll(String socketId);

    /**
     * Sends a packet to every targeted socket. The packet is encoded once, whatever the number
     * of recipients.
     *
     * @param packet the packet; its namespace is replaced by this adapter's
     * @param options targets and flags
     */
    void broadcast(SocketPacket packet, BroadcastOptions options);

    /**
     * Sends a packet asking every targeted socket for an acknowledgement.
     *
     * @param packet the packet
     * @param options targets and flags
     * @param clientCount told, once per server, how many clients were sent the packet
     * @param onResponse told of each client's response (the first argument of its ACK)
     */
    void broadcastWithAck(SocketPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<Object> onResponse);

    /**
     * @return how many servers take part in broadcasts (1 without a cluster)
     */
    default CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    /**
     * @param rooms rooms, or empty for all
     * @return the ids of local sockets in any of the rooms
     */
    Set<String> sockets(Set<String> rooms);

    /**
     * @param socketId a local socket
     * @return the rooms it is in, or an empty set
     */
    Set<String> socketRooms(String socketId);

    /** @return the names of the rooms that hold at least one local socket */
    Set<String> rooms();

    /**
     * Describes the targeted sockets (of the whole cluster unless flagged local).
     *
     * @param options targets
     * @return the sockets' details
     */
    CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options);

    /**
     * Makes the targeted sockets join rooms.
     *
     * @param options targets
     * @param rooms the rooms to join
     */
    void addSockets(BroadcastOptions options, Set<String> rooms);

    /**
     * Makes the targeted sockets leave rooms.
     *
     * @param options targets
     * @param rooms the rooms to leave
     */
    void delSockets(BroadcastOptions options, Set<String> rooms);

    /**
     * Disconnects the targeted sockets.
     *
     * @param options targets
     * @param close whether to close their underlying connections too
     */
    void disconnectSockets(BroadcastOptions options, boolean close);

    /** Releases resources (subscriptions of a cluster adapter). */
    @Override
    default void close() {
    }
}
