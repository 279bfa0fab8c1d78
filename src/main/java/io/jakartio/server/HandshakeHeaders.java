package io.jakartio.server;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A handshake's headers as Socket.IO shows them: names in lower case, the values of a repeated
 * header (or of names differing only in case) joined by {@code ", "}. A read-only view of the
 * engine request's headers, which the session keeps anyway: nothing is copied per socket.
 * Look-ups scan the request's few dozen headers; iterating builds the map it shows.
 */
final class HandshakeHeaders extends AbstractMap<String, String> {

    private final Map<String, List<String>> request;

    /** @param request the engine request's headers, which do not change */
    HandshakeHeaders(Map<String, List<String>> request) {
        this.request = request;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        String joined = null;
        for (Map.Entry<String, List<String>> header : request.entrySet()) {
            if (lowerCase(header.getKey()).equals(name)) {
                joined = join(joined, header.getValue());
            }
        }
        return joined;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Map<String, String> headers = new LinkedHashMap<>();
        request.forEach((name, values) -> headers.merge(lowerCase(name), join(null, values), (a, b) -> a + ", " + b));
        return Collections.unmodifiableMap(headers).entrySet();
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String join(String before, List<String> values) {
        String value = values.size() == 1 ? values.get(0) : String.join(", ", values);
        return before == null ? value : before + ", " + value;
    }
}
