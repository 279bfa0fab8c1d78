package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.List;
import java.util.Optional;
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
 *     .adapter(InMemoryAdapterProvider.factory()) // the default
 *     .build();
 * }</pre>
 *
 * <p><b>Connection state recovery.</b> With the server's {@code connectionStateRecovery} option on (then
 * {@link AdapterHost#maxDisconnectionDuration()} is present), a client that lost its connection
 * may resume its socket: same id, rooms and data, and the packets it missed. The adapter keeps
 * the sessions and the log of packets; the server only calls it, as follows.
 * <ul>
 *   <li><b>Every {@code socket.emit} without acknowledgement goes through {@link #broadcast}</b>,
 *       targeting the socket's own room ({@code rooms = {socketId}}, no {@code except}, the
 *       emit's flags), instead of being written to the connection, so that it is logged and
 *       given an offset like any broadcast. An emit asking for an acknowledgement is written
 *       directly and never logged: the callback cannot be replayed.</li>
 *   <li><b>Offsets are the adapter's business.</b> In {@link #broadcast}, for an {@code EVENT}
 *       packet that asks for no acknowledgement ({@code !packet.wantsAck()}) and is not
 *       {@linkplain BroadcastFlags#volatileSend() volatile}, a session-aware adapter picks a new
 *       offset (a string, unique in its log), appends it as the <em>last argument</em> of the
 *       packet, logs it with the options, and delivers that packet: once per broadcast, before
 *       encoding, so every recipient still shares one encoded packet. The official client keeps
 *       the last string argument of each event as its offset and sends it back on reconnection.
 *       Other packets (with acknowledgement, volatile, {@link #broadcastWithAck}) are delivered
 *       unchanged and not logged.</li>
 *   <li><b>{@link #persistSession}</b> is called when a connected socket leaves because its
 *       connection was lost or closed (transport close or error, ping timeout, forced close,
 *       server shutting down), before it leaves its rooms; never for a deliberate namespace
 *       disconnection (by the client or by {@code socket.disconnect()}) nor a parse error.</li>
 *   <li><b>{@link #restoreSession}</b> is called when a client connects with string
 *       {@code auth.pid} and {@code auth.offset}, before the namespace's middlewares. A present
 *       result resumes the socket; an empty or failed result gives a fresh socket, as without
 *       the option. The session is found by {@code pid}; it is empty if unknown, older than
 *       {@code maxDisconnectionDuration}, or if {@code offset} is no longer in the log. Its
 *       missed packets are the logged ones after {@code offset}, oldest first, whose options
 *       target the session's rooms ({@link BroadcastOptions#reaches}). A restored session may be
 *       forgotten: the server persists it again at the next disconnection.</li>
 *   <li><b>Rejoining.</b> Right after a successful restore, before the middlewares, the server
 *       makes the socket deliverable and rejoins its rooms with {@link #addAll}{@code (sid, rooms)};
 *       what is delivered to it from then on is held until its client has the CONNECT packet and
 *       the missed packets. A packet logged for those rooms between the restore and that call
 *       must be delivered at that call (the session-aware adapter does), or it is lost.</li>
 * </ul>
 * The base adapter ({@link InMemoryAdapter}) keeps no sessions: the defaults of the two methods
 * persist nothing and restore nothing. {@link SessionAwareAdapter} keeps them within one server.
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
     * Sends an event to the other servers of the cluster, without waiting for answers (Node's
     * {@code adapter.serverSideEmit(packet)}): each of them hands it to its namespace's
     * server-side listeners ({@link AdapterHost#onServerSideEmit}); this server does not. A single
     * server has no one to send it to: the default does nothing.
     *
     * <pre>{@code
     * adapter.serverSideEmit(List.of("relay", Map.of("msg", "hi"))); // nsp.onServerSideEmit("relay", ...) elsewhere
     * }</pre>
     *
     * @param args the event name followed by its arguments (plain values, as for a broadcast)
     */
    default void serverSideEmit(List<Object> args) {
    }

    /**
     * Sends an event to the other servers of the cluster and collects their answers: each
     * server's listener gets an acknowledgement to call, and the first argument of each call is
     * one element of the result, in any order. Completes exceptionally with a
     * {@link RequestTimeoutException} (holding the answers so far) when not every other server
     * answered within the adapter's request timeout. A single server has no one to ask: the
     * default completes at once with an empty list, as Node's adapters do with one server.
     *
     * <pre>{@code
     * adapter.serverSideEmitWithAck(List.of("ping-node"))
     *     .thenAccept(answers -> log(answers.size() + " other servers answered"));
     * }</pre>
     *
     * @param args the event name followed by its arguments
     * @return one answer per other server
     */
    default CompletableFuture<List<Object>> serverSideEmitWithAck(List<Object> args) {
        return CompletableFuture.completedFuture(List.of());
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

    /**
     * Saves the session of a socket whose connection was lost, so that its client may resume
     * it (see the class documentation for when the server calls it). Does nothing by default.
     *
     * <pre>{@code
     * adapter.persistSession(new PersistedSession(sid, pid, Set.of(sid, "lobby"), Map.of("user", "ann")));
     * }</pre>
     *
     * @param session the socket's id, private session id, rooms and data
     */
    default void persistSession(PersistedSession session) {
    }

    /**
     * Finds a session saved by {@link #persistSession} and the packets its client missed since
     * {@code offset} (see the class documentation). Empty by default.
     *
     * <pre>{@code
     * adapter.restoreSession(pid, offset).thenAccept(found ->
     *     found.ifPresent(session -> session.missedPackets().forEach(this::resend)));
     * }</pre>
     *
     * @param pid the private session id the client sent ({@code auth.pid})
     * @param offset the offset of the last packet the client received ({@code auth.offset})
     * @return the session, or empty if it cannot be restored; may complete on any thread
     */
    default CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Listens to the rooms of this namespace: created, joined, left, deleted (Node's
     * {@code adapter.on("create-room", ...)} and the others). {@link InMemoryAdapter} and the
     * adapters built on it support it; by default an adapter does not.
     *
     * <pre>{@code
     * io.of("/").adapter().addListener(new AdapterListener() {
     *     public void onCreateRoom(String room) { metrics.increment("rooms"); }
     *     public void onDeleteRoom(String room) { metrics.decrement("rooms"); }
     * });
     * }</pre>
     *
     * @param listener told of room changes from now on (see {@link AdapterListener} for order
     *     and threading)
     * @throws UnsupportedOperationException if this adapter fires no room events
     */
    default void addListener(AdapterListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " fires no room events");
    }

    /**
     * Stops telling a listener added with {@link #addListener}; does nothing if it was not added.
     *
     * @param listener the listener
     */
    default void removeListener(AdapterListener listener) {
    }

    /** Releases resources (subscriptions of a cluster adapter). */
    @Override
    default void close() {
    }
}
