package io.jakartio.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
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
        // Copies that keep null values: a socket's data, or a handshake from another server, may hold them.
        handshake = Collections.unmodifiableMap(new LinkedHashMap<>(handshake));
        rooms = Set.copyOf(rooms);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
