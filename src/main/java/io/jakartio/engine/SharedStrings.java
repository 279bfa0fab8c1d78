package io.jakartio.engine;

/**
 * One string for the values that most requests repeat. A session keeps its handshake request
 * for its whole life; without this, ten thousand sessions keep ten thousand copies of
 * {@code "websocket"}, {@code "Upgrade"}, the host, the client's address or the request URL.
 *
 * <p>A small direct-mapped cache: a value takes the slot of its hash, replacing whatever was
 * there, so the cache holds at most {@value #SLOTS} strings of at most {@value #MAX_LENGTH}
 * characters and never grows; values seen once (keys, cookies) just pass through. Reads and
 * writes of a slot race harmlessly: a slot always holds some complete string (strings are
 * immutable and safely published), and a lost update only costs a copy kept.
 *
 * <pre>{@code
 * String value = SharedStrings.share(request.getHeader("Upgrade")); // the same "websocket" each time
 * }</pre>
 */
final class SharedStrings {

    private static final int SLOTS = 512;
    private static final int MAX_LENGTH = 256;
    private static final String[] CACHE = new String[SLOTS];

    private SharedStrings() {
    }

    /**
     * @param value a string, or {@code null}
     * @return an equal string, the one kept for the previous caller when there was one
     */
    static String share(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        int hash = value.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = CACHE[slot];
        if (value.equals(cached)) {
            return cached;
        }
        CACHE[slot] = value;
        return value;
    }
}
