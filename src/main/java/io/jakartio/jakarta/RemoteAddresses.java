package io.jakartio.jakarta;

import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Finds a WebSocket peer's address. JSR-356 has no API for it, so this reads the user properties
 * that containers are known to set, and gives an empty string when none is there.
 */
final class RemoteAddresses {

    private static final String[] KEYS = {
        "jakarta.websocket.endpoint.remoteAddress", // Tomcat
        "org.glassfish.tyrus.core.remoteAddr",
        "io.undertow.websocket.current-connections",
    };

    private RemoteAddresses() {
    }

    static String of(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        for (String key : KEYS) {
            Object value = properties.get(key);
            if (value instanceof InetSocketAddress address) {
                return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
            }
            if (value instanceof String address && !address.isEmpty()) {
                return address;
            }
        }
        return "";
    }
}
