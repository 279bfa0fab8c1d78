package io.jakartio.adapter;

import java.util.Map;
import java.util.Set;

/**
 * A serializable snapshot of a socket, as returned by {@link Adapter#fetchSockets}; a cluster
 * adapter exchanges these between servers.
 *
 * @param id the socket id
 * @param handshake the handshake details, as a JSON-like map
 * @param rooms the rooms the socket is in
 * @param data the application data attached to the socket
 */
public record SocketDetails(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data) {

    /**
     * Copies the collections.
     *
     * @param id id
     * @param handshake handshake map
     * @param rooms rooms
     * @param data data
     */
    public SocketDetails {
        handshake = Map.copyOf(handshake);
        rooms = Set.copyOf(rooms);
        data = Map.copyOf(data);
    }
}
