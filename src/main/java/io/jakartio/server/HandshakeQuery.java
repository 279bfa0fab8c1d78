package io.jakartio.server;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A handshake's query as Socket.IO shows it: a parameter's value is a {@code String}, or a
 * {@code List<String>} when it was repeated. A read-only view of the engine request's query
 * parameters, which the session keeps anyway: nothing is copied per socket.
 */
final class HandshakeQuery extends AbstractMap<String, Object> {

    private final Map<String, List<String>> request;

    /** @param request the engine request's query parameters, which do not change */
    HandshakeQuery(Map<String, List<String>> request) {
        this.request = request;
    }

    @Override
    public int size() {
        return request.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return request.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        List<String> values = request.get(key);
        return values == null ? null : shown(values);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return request.size();
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Map.Entry<String, List<String>>> parameters = request.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return parameters.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Map.Entry<String, List<String>> parameter = parameters.next();
                        return new SimpleImmutableEntry<>(parameter.getKey(), shown(parameter.getValue()));
                    }
                };
            }
        };
    }

    /** One value as itself, else an immutable list (the request's own when it is one already). */
    private static Object shown(List<String> values) {
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
