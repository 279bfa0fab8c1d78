package io.jakartio.server;

import io.jakartio.adapter.SocketDetails;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of a socket returned by {@code fetchSockets()}, possibly living on another server
 * of the cluster. Its methods act on the real socket, wherever it is.
 *
 * <pre>{@code
 * io.in("room1").fetchSockets().thenAccept(sockets -> {
 *     for (RemoteSocket socket : sockets) {
 *         socket.emit("hello");
 *         socket.join("room2");
 *     }
 * });
 * }</pre>
 */
public final class RemoteSocket {

    private final Namespace nsp;
    private final String id;
    private final Handshake handshake;
    private final Set<String> rooms;
    private final Map<String, Object> data;

    RemoteSocket(Namespace nsp, SocketDetails details) {
        this.nsp = nsp;
        this.id = details.id();
        this.handshake = Handshake.fromMap(details.handshake());
        this.rooms = details.rooms();
        this.data = details.data();
    }

    /** @return the socket id */
    public String id() {
        return id;
    }

    /** @return the socket's handshake */
    public Handshake handshake() {
        return handshake;
    }

    /** @return the rooms the socket was in when fetched */
    public Set<String> rooms() {
        return rooms;
    }

    /** @return the socket's application data when fetched */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * Emits to this socket.
     *
     * @param event the event name
     * @param args the arguments
     * @return {@code true}
     */
    public boolean emit(String event, Object... args) {
        return nsp.operator().to(id).emit(event, args);
    }

    /** @param newRooms rooms the socket joins */
    public void join(String... newRooms) {
        nsp.operator().in(id).socketsJoin(newRooms);
    }

    /** @param oldRooms rooms the socket leaves */
    public void leave(String... oldRooms) {
        nsp.operator().in(id).socketsLeave(oldRooms);
    }

    /** @param close also close the socket's underlying connection */
    public void disconnect(boolean close) {
        nsp.operator().in(id).disconnectSockets(close);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + "]";
    }
}
