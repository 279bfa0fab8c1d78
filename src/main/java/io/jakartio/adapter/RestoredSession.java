package io.jakartio.adapter;

import io.jakartio.parser.SocketPacket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A session found by {@link Adapter#restoreSession}: the socket resumes with the same
 * {@code sid} and {@code pid}, rejoins {@code rooms}, gets its {@code data} back, and its
 * client is sent {@code missedPackets} just before the CONNECT packet. Socket.IO's
 * {@code Session}.
 *
 * <pre>{@code
 * Optional<RestoredSession> found = adapter.restoreSession(pid, offset).join();
 * found.ifPresent(s -> log.info(s.sid() + " missed " + s.missedPackets().size() + " packets"));
 * }</pre>
 *
 * @param sid the socket id the resumed socket takes again
 * @param pid the private session id
 * @param rooms the rooms the socket was in when it lost its connection
 * @param data the socket's application data; values may be {@code null}
 * @param missedPackets the EVENT packets broadcast to the socket after the client's offset,
 *     oldest first; each already ends with its own offset, as it was broadcast. Their namespace
 *     does not matter: the server sends them in the socket's.
 */
public record RestoredSession(String sid, String pid, Set<String> rooms, Map<String, Object> data,
        List<SocketPacket> missedPackets) {

    /**
     * Copies the collections so the session is immutable.
     *
     * @param sid socket id
     * @param pid private session id
     * @param rooms rooms
     * @param data application data
     * @param missedPackets missed packets, oldest first
     */
    public RestoredSession {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(pid, "pid");
        rooms = Set.copyOf(rooms);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        missedPackets = List.copyOf(missedPackets);
    }
}
