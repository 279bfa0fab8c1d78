package io.jakartio.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link EngineRequest} built by hand. */
final class FakeRequest implements EngineRequest {

    private final String method;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final IOException bodyFailure;
    private final boolean secure;
    private final Principal principal;

    private FakeRequest(Builder builder) {
        this.method = builder.method;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.body = builder.body;
        this.bodyFailure = builder.bodyFailure;
        this.secure = builder.secure;
        this.principal = builder.principal;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    static Builder builder(String method) {
        return new Builder(method);
    }

    /** @return a GET with {@code EIO=4&transport=polling} */
    static Builder pollingGet() {
        return builder("GET").query("EIO", "4").query("transport", "polling");
    }

    /** @return a POST with {@code EIO=4&transport=polling} */
    static Builder pollingPost() {
        return builder("POST").query("EIO", "4").query("transport", "polling");
    }

    /** @return a WebSocket upgrade request with {@code EIO=4&transport=websocket} */
    static Builder webSocket() {
        return builder("GET").query("EIO", "4").query("transport", "websocket");
    }

    @Override
    public String method() {
        return method;
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
        return "127.0.0.1";
    }

    @Override
    public String url() {
        StringBuilder url = new StringBuilder("/engine.io/");
        char separator = '?';
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                url.append(separator).append(entry.getKey()).append('=').append(value);
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
    public byte[] body(long limit) throws PayloadTooLargeException, IOException {
        if (bodyFailure != null) {
            throw bodyFailure;
        }
        if (body.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return body.clone();
    }

    static final class Builder {
        private final String method;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private IOException bodyFailure;
        private boolean secure;
        private Principal principal;

        private Builder(String method) {
            this.method = method;
        }

        /** Sets a query parameter, replacing earlier values; {@code null} removes it. */
        Builder query(String name, String value) {
            if (value == null) {
                query.remove(name);
            } else {
                query.put(name, List.of(value));
            }
            return this;
        }

        /** Marks the request as received over TLS. */
        Builder secure(boolean value) {
            this.secure = value;
            return this;
        }

        /** Makes the request one of a user the container authenticated, named {@code name}. */
        Builder user(String name) {
            this.principal = () -> name;
            return this;
        }

        Builder sid(String sid) {
            return query("sid", sid);
        }

        /** Adds a header value. */
        Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        Builder body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Makes {@link EngineRequest#body} fail as if the client went away mid-upload. */
        Builder bodyFailure(IOException failure) {
            this.bodyFailure = failure;
            return this;
        }

        FakeRequest build() {
            return new FakeRequest(this);
        }

        /** @return the same request as the {@link RequestSnapshot} a binding would take */
        RequestSnapshot snapshot() {
            FakeRequest request = build();
            String url = request.url();
            int query = url.indexOf('?');
            RequestSnapshot.Builder snapshot = RequestSnapshot.builder(method, query < 0 ? url : url.substring(0, query),
                    query < 0 ? null : url.substring(query + 1));
            headers.forEach(snapshot::header);
            return snapshot.remoteAddress(request.remoteAddress()).secure(secure).principal(principal).build();
        }
    }
}
