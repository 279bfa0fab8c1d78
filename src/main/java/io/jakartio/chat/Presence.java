package io.jakartio.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sockets each user has on this server, counted atomically, so that a user's first
 * tab and last tab are told apart exactly on one server even when tabs connect or leave at
 * once. Whether the user has tabs on other servers of a cluster is then asked with
 * {@code fetchSockets} ({@link ChatConnection}).
 *
 * <pre>{@code
 * if (presence.arrive(user.key())) { ... first tab here ... }
 * if (presence.leave(user.key())) { ... last tab here ... }
 * }</pre>
 */
final class Presence {

    private final Map<String, Integer> tabs = new ConcurrentHashMap<>();

    /**
     * @param key a user's key
     * @return whether this is the user's first socket on this server
     */
    boolean arrive(String key) {
        return tabs.merge(key, 1, Integer::sum) == 1;
    }

    /**
     * @param key a user's key
     * @return whether that was the user's last socket on this server
     */
    boolean leave(String key) {
        return tabs.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1) == null;
    }
}
