package io.jakartio.redis;

import java.util.Objects;
import java.util.Set;

/**
 * The Redis channels of one namespace, named as {@code @socket.io/redis-adapter} 8 and
 * {@code @socket.io/redis-emitter} name them, so that Java and Node servers and emitters meet on
 * them:
 * <ul>
 *   <li>{@code <key>#<nsp>#}: broadcasts to the whole namespace, or to several rooms;</li>
 *   <li>{@code <key>#<nsp>#<room>#}: broadcasts to a single room (a server without the room
 *       skips them undecoded); servers subscribe to both with the pattern {@code <key>#<nsp>#*};</li>
 *   <li>{@code <key>-request#<nsp>#}: requests to every server (fetch, join, server-side
 *       events...); its subscriber count is the number of servers;</li>
 *   <li>{@code <key>-response#<nsp>#}: answers, and {@code <key>-response#<nsp>#<uid>#} answers
 *       for the server {@code uid} only.</li>
 * </ul>
 *
 * <pre>{@code
 * RedisChannels channels = new RedisChannels("socket.io", "/");
 * channels.broadcast(Set.of("room1")); // socket.io#/#room1#
 * channels.request();                  // socket.io-request#/#
 * }</pre>
 *
 * @param key the prefix, {@code "socket.io"} by default (Node's {@code key} option)
 * @param namespace the namespace, e.g. {@code "/"}
 */
public record RedisChannels(String key, String namespace) {

    /**
     * @param key the prefix
     * @param namespace the namespace
     */
    public RedisChannels {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** @return {@code <key>#<nsp>#}, the channel of broadcasts to the namespace or to several rooms */
    public String broadcast() {
        return key + "#" + namespace + "#";
    }

    /**
     * @param rooms the broadcast's target rooms
     * @return the room's own channel when there is exactly one, else {@link #broadcast()}
     */
    public String broadcast(Set<String> rooms) {
        return rooms.size() == 1 ? room(rooms.iterator().next()) : broadcast();
    }

    /**
     * @param room a room
     * @return {@code <key>#<nsp>#<room>#}
     */
    public String room(String room) {
        return broadcast() + room + "#";
    }

    /**
     * @param channel a channel matched by {@link #pattern()}
     * @return the room it is for, or {@code ""} for {@link #broadcast()} (Node: {@code channel.slice(prefix.length, -1)})
     */
    public String roomOf(String channel) {
        int start = broadcast().length();
        return channel.length() > start ? channel.substring(start, channel.length() - 1) : "";
    }

    /**
     * @return {@code <key>#<nsp>#*}: the pattern of every broadcast channel of the namespace; the
     *     glob characters of the key and namespace ({@code * ? [ ] \}) are escaped, so that a
     *     namespace never hears another's broadcasts
     */
    public String pattern() {
        StringBuilder sb = new StringBuilder();
        for (char c : broadcast().toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('*').toString();
    }

    /** @return {@code <key>-request#<nsp>#} */
    public String request() {
        return key + "-request#" + namespace + "#";
    }

    /** @return {@code <key>-response#<nsp>#} */
    public String response() {
        return key + "-response#" + namespace + "#";
    }

    /**
     * @param uid a server's adapter id
     * @return {@code <key>-response#<nsp>#<uid>#}, the answers for that server only
     */
    public String response(String uid) {
        return response() + uid + "#";
    }
}
