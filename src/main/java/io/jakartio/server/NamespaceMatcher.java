package io.jakartio.server;

import java.util.Map;

/**
 * Decides whether a requested namespace that does not exist yet may be created, for dynamic
 * namespaces ({@code io.of(matcher)}).
 *
 * <pre>{@code
 * io.of((name, auth) -> name.startsWith("/team-") && auth.containsKey("token"))
 *   .on("connection", socket -> socket.emit("welcome", socket.nsp().name()));
 * }</pre>
 */
@FunctionalInterface
public interface NamespaceMatcher {

    /**
     * @param name the requested namespace, e.g. {@code "/team-42"}
     * @param auth the client's CONNECT payload
     * @return whether to create it
     */
    boolean matches(String name, Map<String, Object> auth);
}
