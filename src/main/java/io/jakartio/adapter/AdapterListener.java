package io.jakartio.adapter;

/**
 * Told of the rooms of one namespace as sockets join and leave them: Node's socket.io-adapter
 * events {@code create-room}, {@code delete-room}, {@code join-room} and {@code leave-room}, for
 * operations and dashboards (the admin UI). Register with {@link Adapter#addListener}.
 *
 * <pre>{@code
 * io.of("/").adapter().addListener(new AdapterListener() {
 *     public void onJoinRoom(String room, String id) {
 *         log.info("socket " + id + " joined room " + room);
 *     }
 * });
 * }</pre>
 *
 * <p>Call order, as in Node: when a socket joins a room that does not exist yet,
 * {@code onCreateRoom} then {@code onJoinRoom}; when the last socket leaves a room (or
 * disconnects, leaving all its rooms), {@code onLeaveRoom} then {@code onDeleteRoom}. Every
 * socket has a room of its own, named by its id, so a socket connecting creates and joins that
 * room first. Joining a room a socket is already in, or leaving one it is not in, tells nothing.
 *
 * <p>Threading: events are delivered one at a time, never concurrently, in the order the rooms
 * changed, on a thread that changed them (the one that joined or left, or one that did so
 * meanwhile). They are delivered after the change, outside the adapter's locks: a listener may
 * join, leave or broadcast, and its own changes are told after the event it is handling. A
 * listener must not block; an exception it throws is logged and does not reach the socket that
 * joined or left, nor the other listeners.
 */
public interface AdapterListener {

    /** @param room a room that did not exist and now has its first socket */
    default void onCreateRoom(String room) {
    }

    /** @param room a room whose last socket left; it no longer exists */
    default void onDeleteRoom(String room) {
    }

    /**
     * @param room the room
     * @param id the socket that joined it
     */
    default void onJoinRoom(String room, String id) {
    }

    /**
     * @param room the room
     * @param id the socket that left it
     */
    default void onLeaveRoom(String room, String id) {
    }
}
