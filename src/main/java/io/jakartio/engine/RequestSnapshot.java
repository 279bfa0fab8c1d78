package io.jakartio.engine;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one {@link EngineRequest} every binding builds: a copy of what the engine and Socket.IO
 * need of an HTTP request (method, URL, query, headers, client address, TLS, the container's
 * login), taken while the request is being served. The request that opens a session is kept for
 * the session's life, long after the container recycled its own request object, thousands of
 * times at once: so it is compact ({@link NamedValues}, and one string for the values most
 * requests repeat) and keeps no reference to the container's request.
 *
 * <pre>{@code
 * RequestSnapshot request = RequestSnapshot.builder("GET", "/socket.io/", "EIO=4&transport=websocket")
 *         .header("Origin", List.of("https://chat.example.com"))
 *         .remoteAddress("10.0.0.7")
 *         .principal(servletRequest.getUserPrincipal())
 *         .build();
 * }</pre>
 */
public final class RequestSnapshot implements EngineRequest {

    /** Reads the body of the request being served (a polling POST); see {@link EngineRequest#body}. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param limit the most bytes accepted
         * @return the body
         * @throws PayloadTooLargeException if it is longer than {@code limit}
         * @throws IOException if reading fails
         */
        byte[] read(long limit) throws PayloadTooLargeException, IOException;
    }

    private static final Body NO_BODY = limit -> new byte[0];

    private final String method;
    private final String url;
    private final NamedValues query;
    /**
     * The headers' entries ({@link NamedValues#entries()}); {@link #headers()} wraps them in a
     * map when asked (rarely: the handshake's headers are made when the application asks), so a
     * session keeps no map object of its own.
     */
    private final Object[] headers;
    private final String remoteAddress;
    private final boolean secure;
    /** Who is logged in and the HTTP session, or {@code null} for neither (one field, not three). */
    private final Login login;
    private final Body body;
    /**
     * The id the engine gave the session this WebSocket handshake opens, when it accepted the
     * handshake before the binding wrote its {@code 101} (so that the response can carry the
     * session cookie); {@code null} otherwise. See {@link EngineServer#handshakeWebSocket}.
     */
    private final String acceptedSid;
    /** Whether the engine refused this handshake already (and reported it); see {@link #refused()}. */
    private final boolean refused;

    private RequestSnapshot(Builder b, String remoteAddress) {
        this.method = b.method;
        this.url = b.url;
        this.query = b.query;
        this.headers = b.headers.entries();
        this.remoteAddress = remoteAddress;
        this.secure = b.secure;
        this.login = b.principal == null && b.roles.isEmpty() && b.httpSessionId == null ? null
                : new Login(b.principal, b.roles, b.httpSessionId);
        this.body = b.body;
        this.acceptedSid = null;
        this.refused = false;
    }

    private RequestSnapshot(RequestSnapshot from, String remoteAddress, String acceptedSid, boolean refused) {
        this.method = from.method;
        this.url = from.url;
        this.query = from.query;
        this.headers = from.headers;
        this.remoteAddress = remoteAddress;
        this.secure = from.secure;
        this.login = from.login;
        this.body = from.body;
        this.acceptedSid = acceptedSid;
        this.refused = refused;
    }

    /**
     * Starts a snapshot.
     *
     * @param method the HTTP method ({@code "GET"} for a WebSocket upgrade)
     * @param path the raw request path, e.g. {@code "/socket.io/"}
     * @param rawQuery the raw query string, or {@code null}
     * @return the builder
     */
    public static Builder builder(String method, String path, String rawQuery) {
        return new Builder(method, path, rawQuery);
    }

    /**
     * @param address the client's address, for a binding that learns it only after the handshake
     * @return this snapshot with that address, sharing everything else
     */
    public RequestSnapshot withRemoteAddress(String address) {
        return new RequestSnapshot(this, SharedStrings.share(address), acceptedSid, refused);
    }

    /** @return this handshake, accepted by the engine for a session it named {@code sid} */
    RequestSnapshot withAcceptedSid(String sid) {
        return new RequestSnapshot(this, remoteAddress, sid, false);
    }

    /** @return this handshake, refused and reported by the engine */
    RequestSnapshot asRefused() {
        return new RequestSnapshot(this, remoteAddress, null, true);
    }

    /** @return whether the engine refused this handshake already: opening it closes it, unreported */
    boolean refused() {
        return refused;
    }

    /** @return the id of the session the engine accepted this handshake for, or {@code null} */
    String acceptedSid() {
        return acceptedSid;
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
        return NamedValues.of(headers);
    }

    @Override
    public String query(String name) {
        return query.first(name);
    }

    @Override
    public String header(String name) {
        return NamedValues.firstIgnoringCase(headers, name);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public Principal principal() {
        return login == null ? null : login.principal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return login != null && login.roles().contains(role);
    }

    @Override
    public String httpSessionId() {
        return login == null ? null : login.httpSessionId();
    }

    /** The user and the HTTP session of a request. */
    private record Login(Principal principal, Set<String> roles, String httpSessionId) {
    }

    /** Reads the body while the request is served; a snapshot built without one has none. */
    @Override
    public byte[] body(long limit) throws PayloadTooLargeException, IOException {
        return body.read(limit);
    }

    /** Collects a request's parts; not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String url;
        private final NamedValues query;
        private NamedValues headers = NamedValues.EMPTY;
        private final NamedValues.Builder headerValues = NamedValues.builder();
        private boolean anyHeader;
        private String remoteAddress = "";
        private boolean secure;
        private Principal principal;
        private Set<String> roles = Set.of();
        private String httpSessionId;
        private Body body = NO_BODY;

        private Builder(String method, String path, String rawQuery) {
            this.method = SharedStrings.share(method);
            this.url = SharedStrings.share(rawQuery == null ? path : path + "?" + rawQuery);
            this.query = QueryParameters.parse(rawQuery);
        }

        /**
         * Adds a header with its values, in the order received.
         *
         * @param name the name as received
         * @param values its values
         * @return this builder
         */
        public Builder header(String name, List<String> values) {
            List<String> shared = new ArrayList<>(values.size());
            for (String value : values) {
                shared.add(SharedStrings.share(value));
            }
            // Kept for the connection's lifetime, thousands of times: one canonical name per
            // header (the JVM's string table holds them weakly).
            headerValues.put(name.intern(), shared);
            anyHeader = true;
            return this;
        }

        /** @param value the client's address, e.g. {@code "127.0.0.1"} @return this builder */
        public Builder remoteAddress(String value) {
            this.remoteAddress = value == null ? "" : SharedStrings.share(value);
            return this;
        }

        /** @param value whether the request came over TLS @return this builder */
        public Builder secure(boolean value) {
            this.secure = value;
            return this;
        }

        /** @param value the user the container authenticated, or {@code null} @return this builder */
        public Builder principal(Principal value) {
            this.principal = value;
            return this;
        }

        /**
         * @param granted the roles the container said the user is in, among those the
         *     application asked about (the container answers only while the request is served)
         * @return this builder
         */
        public Builder roles(Set<String> granted) {
            this.roles = Set.copyOf(granted);
            return this;
        }

        /**
         * Asks the container, while it serves the request, about every role the application
         * declared, and keeps the roles it grants. Call after {@link #principal}: nobody logged
         * in is in no role, and the container is not asked.
         *
         * <pre>{@code
         * snapshot.principal(request.getUserPrincipal()).roles(engine.declaredRoles(), request::isUserInRole);
         * }</pre>
         *
         * @param declared the roles the application asks about ({@link EngineServer#declaredRoles()})
         * @param isUserInRole the container's answer for the request being served
         * @return this builder
         */
        public Builder roles(Set<String> declared, Predicate<String> isUserInRole) {
            if (principal == null || declared.isEmpty()) {
                this.roles = Set.of();
                return this;
            }
            Set<String> granted = new HashSet<>();
            for (String role : declared) {
                if (isUserInRole.test(role)) {
                    granted.add(role);
                }
            }
            return roles(granted);
        }

        /** @param value the id of the request's HTTP session, or {@code null} @return this builder */
        public Builder httpSessionId(String value) {
            this.httpSessionId = value;
            return this;
        }

        /**
         * @param value reads the body of the request being served; only for requests that are
         *     not kept (a polling POST)
         * @return this builder
         */
        public Builder body(Body value) {
            this.body = value;
            return this;
        }

        /** @return the snapshot */
        public RequestSnapshot build() {
            if (anyHeader) {
                headers = headerValues.build();
            }
            return new RequestSnapshot(this, remoteAddress);
        }
    }
}
