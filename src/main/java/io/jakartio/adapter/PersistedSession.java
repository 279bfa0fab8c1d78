package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the server saves of a socket that lost its connection, so that the client may resume
 * it (connection state recovery): given to {@link Adapter#persistSession}. Socket.IO's
 * {@code SessionToPersist}.
 *
 * <pre>{@code
 * // in a session-aware adapter
 * public void persistSession(PersistedSession session) {
 *     sessions.put(session.pid(), new Stored(session, clock.millis()));
 * }
 * }</pre>
 *
 * @param sid the socket id, which the resumed socket takes again
 * @param pid the private session id the client sends back as {@code auth.pid}; never shared
 *     with other clients, unlike {@code sid}
 * @param rooms the rooms the socket was in, its own id among them
 * @param data the socket's application data ({@code socket.data()}); values may be {@code null}
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data) {

    /**
     * Copies the collections so the session is immutable.
     *
     * @param sid socket id
     * @param pid private session id
     * @param rooms rooms
     * @param data application data
     */
    public PersistedSession {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(pid, "pid");
        rooms = Set.copyOf(rooms);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * The session as {@link Adapter#restoreSession} returns it, with the packets the client
     * missed.
     *
     * @param missedPackets the missed EVENT packets, oldest first, each ending with its offset
     * @return the restored session
     */
    public RestoredSession restore(List<SocketPacket> missedPackets) {
        return new RestoredSession(sid, pid, rooms, data, missedPackets);
    }
}
