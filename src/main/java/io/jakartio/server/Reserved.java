package io.jakartio.server;

import java.util.Set;

/** The event names Socket.IO reserves for its own use; applications may not emit them. */
final class Reserved {

    private static final Set<String> EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private Reserved() {
    }

    static void check(String event) {
        if (event == null || EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }
}
