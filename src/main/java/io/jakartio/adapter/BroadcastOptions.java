package io.jakartio.adapter;

import java.util.Objects;
import java.util.Set;

/**
 * Which sockets a broadcast (or a socket query) targets: every socket in any of {@code rooms}
 * (all sockets of the namespace when empty), minus every socket in any of {@code except}.
 *
 * @param rooms target rooms; empty means the whole namespace
 * @param except rooms whose sockets are excluded
 * @param flags broadcast modifiers
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {

    /** Every socket of the namespace, no flags. */
    public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);

    /**
     * Copies the sets so the options are immutable.
     *
     * @param rooms target rooms
     * @param except excluded rooms
     * @param flags modifiers
     */
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
        Objects.requireNonNull(flags, "flags");
    }

    /**
     * Whether these options reach a socket in the given rooms: in one of {@code rooms} (any
     * socket if there are none), and in none of {@code except}. How a session-aware adapter
     * picks the packets a disconnected socket missed, from the rooms it was in.
     *
     * <pre>{@code
     * new BroadcastOptions(Set.of("red"), Set.of(), BroadcastFlags.NONE).reaches(Set.of("s1", "red")); // true
     * }</pre>
     *
     * @param socketRooms the rooms of the socket, its own id among them
     * @return whether the socket is targeted
     */
    public boolean reaches(Set<String> socketRooms) {
        boolean included = rooms.isEmpty();
        for (String room : socketRooms) {
            if (except.contains(room)) {
                return false;
            }
            included = included || rooms.contains(room);
        }
        return included;
    }

    /**
     * Targets one socket (every socket is in the room named by its id).
     *
     * @param socketId the socket id
     * @return the options
     */
    public static BroadcastOptions socket(String socketId) {
        return new BroadcastOptions(Set.of(socketId), Set.of(), BroadcastFlags.NONE);
    }
}
