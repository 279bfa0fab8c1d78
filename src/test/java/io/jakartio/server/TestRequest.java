package io.jakartio.server;

import io.jakartio.engine.EngineRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WebSocket upgrade request built by hand ({@code EIO=4&transport=websocket} preset). A login
 * ({@link Builder#user}) answers {@code isUserInRole} for its roles, whether declared or not,
 * as the container would: the server must not ask about the others.
 */
final class TestRequest implements EngineRequest {

    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String address;
    private final boolean secure;
    private final Principal principal;
    private final Set<String> roles;
    private final String httpSessionId;

    private TestRequest(Builder builder) {
        this.query = copy(builder.query);
        this.headers = copy(builder.headers);
        this.address = builder.address;
        this.secure = builder.secure;
        this.principal = builder.principal;
        this.roles = builder.roles;
        this.httpSessionId = builder.httpSessionId;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> source) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        source.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** @return a builder for {@code GET /socket.io/?EIO=4&transport=websocket} */
    static Builder webSocket() {
        return new Builder().query("EIO", "4").query("transport", "websocket");
    }

    /** @return a builder for {@code GET /socket.io/?EIO=3&transport=websocket}: a Socket.IO 2.x client */
    static Builder webSocketV3() {
        return new Builder().query("EIO", "3").query("transport", "websocket");
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return address;
    }

    @Override
    public String url() {
        StringBuilder url = new StringBuilder("/socket.io/");
        char separator = '?';
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                url.append(separator).append(entry.getKey()).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public byte[] body(long limit) {
        return new byte[0];
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal != null && roles.contains(role);
    }

    @Override
    public String httpSessionId() {
        return httpSessionId;
    }

    /** A user as a container's realm knows it. */
    record User(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    static final class Builder {
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String address = "127.0.0.1";
        private boolean secure;
        private Principal principal;
        private Set<String> roles = Set.of();
        private String httpSessionId;

        private Builder() {
        }

        /** Adds a query parameter value (repeat the call for a repeated parameter). */
        Builder query(String name, String value) {
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Adds a header value (repeat the call for a repeated header). */
        Builder header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        Builder address(String value) {
            this.address = value;
            return this;
        }

        Builder secure(boolean value) {
            this.secure = value;
            return this;
        }

        /** The container logged {@code name} in, and put it in {@code roles}. */
        Builder user(String name, String... roles) {
            this.principal = new User(name);
            this.roles = Set.of(roles);
            return this;
        }

        Builder httpSession(String id) {
            this.httpSessionId = id;
            return this;
        }

        TestRequest build() {
            return new TestRequest(this);
        }
    }
}
