package io.jakartio.server;

import io.jakartio.engine.EngineSocket;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What differs in Socket.IO protocol v4, spoken by the Socket.IO 2.x clients over Engine.IO v3
 * (accepted with {@code allowEIO3}), from the v5 the rest of the server speaks
 * (socket.io-protocol v5, "Difference between v5 and v4"):
 * <ul>
 *   <li>the client is connected to {@code /} as soon as its connection opens, without asking;</li>
 *   <li>a CONNECT packet carries no payload: the client's goes to {@code /admin?token=abc} with
 *       its query in the namespace, which becomes the handshake's {@code auth}; the server's
 *       confirms without a socket id, since the client derives the id from the Engine.IO one
 *       ({@code /admin#<sid>}, or the sid itself for {@code /});</li>
 *   <li>a refused connection's error packet carries the error's data, or else its message, not an
 *       object.</li>
 * </ul>
 * Every other packet is the same in both revisions.
 */
final class ProtocolV4 {

    private ProtocolV4() {
    }

    /** @return whether the client of {@code conn} speaks Socket.IO protocol v4 (Engine.IO v3) */
    static boolean isSpokenBy(EngineSocket conn) {
        return conn.protocol() == 3;
    }

    /**
     * @param namespace the namespace of a client's CONNECT, e.g. {@code /admin?token=abc}
     * @return the namespace without its query: {@code /admin}
     */
    static String namespaceOf(String namespace) {
        int query = namespace.indexOf('?');
        return query < 0 ? namespace : namespace.substring(0, query);
    }

    /**
     * @param namespace the namespace of a client's CONNECT, e.g. {@code /admin?token=abc}
     * @return its query as the handshake's {@code auth}: {@code {token=abc}}; empty without one
     */
    static Map<String, Object> authOf(String namespace) {
        int query = namespace.indexOf('?');
        if (query < 0) {
            return Map.of();
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        for (String pair : namespace.substring(query + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            auth.put(name, value); // as URLSearchParams in Object.fromEntries: the last one wins
        }
        return auth;
    }

    /**
     * @param namespace the namespace's name
     * @param engineId the Engine.IO session id
     * @return the socket id the client computes: the session id for {@code /}, else
     *     {@code <namespace>#<session id>}
     */
    static String socketId(String namespace, String engineId) {
        return "/".equals(namespace) ? engineId : namespace + "#" + engineId;
    }

    /** @return the server's CONNECT: {@code 0} or {@code 0/admin,} */
    static SocketPacket connect(String namespace) {
        return SocketPacket.connect(namespace, null);
    }

    /**
     * @return the ERROR packet refusing a connection: its payload is {@code data} if there is
     *     some, else {@code message} (a JSON string)
     */
    static SocketPacket connectError(String namespace, String message, Object data) {
        return new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, SocketPacket.NO_ACK,
                data != null ? data : message);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape is kept as it is, as URLSearchParams does
        }
    }
}
