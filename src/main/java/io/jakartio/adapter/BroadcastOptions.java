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
     * Targets one socket (every socket is in the room named by its id).
     *
     * @param socketId the socket id
     * @return the options
     */
    public static BroadcastOptions socket(String socketId) {
        return new BroadcastOptions(Set.of(socketId), Set.of(), BroadcastFlags.NONE);
    }
}
