package io.jakartio.server;

import io.jakartio.engine.EngineRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The details of a socket's connection, as in Socket.IO's {@code socket.handshake}.
 *
 * <pre>{@code
 * io.on("connection", socket -> {
 *     Object token = socket.handshake().auth().get("token");
 *     String room = socket.handshake().query("room");
 * });
 * }</pre>
 *
 * <p>Who is connected: when the container authenticated the first request of the connection (a
 * realm with BASIC or FORM login, Jakarta Security, a login stored in the HTTP session), the
 * handshake carries that user, the roles it is in, and the HTTP session. The container answers
 * role questions only while it serves a request, so it is asked, when the connection is made,
 * about the roles the application declared ({@link Server#declareRoles}, or {@code @DeclareRoles}
 * and {@code @RolesAllowed} on a {@code @SocketNamespace} class):
 *
 * <pre>{@code
 * io.declareRoles("admin");
 * io.on("connection", socket -> {
 *     Principal user = socket.handshake().principal();          // null: nobody logged in
 *     boolean admin = socket.handshake().isUserInRole("admin");
 *     String session = socket.handshake().httpSessionId();       // null: no HTTP session
 * });
 * }</pre>
 *
 * @param headers request headers of the first request, names in lower case, repeated values
 *     joined by {@code ", "}
 * @param time when the connection was made, in JavaScript's {@code Date.toString()} style
 * @param address the client's IP address
 * @param xdomain whether the request was cross-origin (had an {@code Origin} header)
 * @param secure whether the connection is over TLS
 * @param issued when the connection was made, in milliseconds since the epoch
 * @param url the URL of the first request
 * @param query query parameters: a {@code String}, or a {@code List<String>} when repeated
 * @param auth the payload of the client's CONNECT packet ({@code auth} option), {@code {}} if none
 * @param principal the user the container authenticated for the first request
 *     ({@code HttpServletRequest.getUserPrincipal()}), or {@code null} when nobody logged in
 * @param roles the declared roles the container put that user in; empty when nobody logged in.
 *     See {@link #isUserInRole} for roles that were not declared
 * @param httpSessionId the id of the HTTP session of the first request, or {@code null} if it
 *     had none (Jakartio never creates one). Never sent to other servers of a cluster: it is as
 *     good as a password
 */
public record Handshake(
        Map<String, String> headers,
        String time,
        String address,
        boolean xdomain,
        boolean secure,
        long issued,
        String url,
        Map<String, Object> query,
        Map<String, Object> auth,
        Principal principal,
        Set<String> roles,
        String httpSessionId) {

    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ROOT);

    /** The last time formatted; read and replaced without a lock (any complete value will do). */
    private static volatile JsDate lastDate;

    /**
     * Copies the maps so the handshake is immutable. (The handshake of a socket instead shares
     * the headers and query of its connection's first request, which never change, through
     * read-only views: one copy per connection rather than one more per socket.)
     *
     * @param headers headers
     * @param time time
     * @param address address
     * @param xdomain cross-origin flag
     * @param secure TLS flag
     * @param issued epoch millis
     * @param url url
     * @param query query parameters
     * @param auth auth payload
     * @param principal the authenticated user, or {@code null}
     * @param roles the roles the user is in ({@code null} for none)
     * @param httpSessionId the HTTP session id, or {@code null}
     */
    public Handshake {
        headers = headers instanceof HandshakeHeaders ? headers : Map.copyOf(headers);
        query = query instanceof HandshakeQuery ? query : Collections.unmodifiableMap(new LinkedHashMap<>(query));
        auth = auth.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(auth));
        roles = roles == null ? Set.of() : roles instanceof HandshakeRoles ? roles : Set.copyOf(roles);
    }

    /**
     * A handshake of a connection nobody logged in to.
     *
     * @param headers headers
     * @param time time
     * @param address address
     * @param xdomain cross-origin flag
     * @param secure TLS flag
     * @param issued epoch millis
     * @param url url
     * @param query query parameters
     * @param auth auth payload
     */
    public Handshake(Map<String, String> headers, String time, String address, boolean xdomain, boolean secure,
            long issued, String url, Map<String, Object> query, Map<String, Object> auth) {
        this(headers, time, address, xdomain, secure, issued, url, query, auth, null, Set.of(), null);
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter
     * @return its value, or {@code null}
     */
    public String query(String name) {
        Object value = query.get(name);
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.get(0));
        }
        return (String) value;
    }

    /**
     * A header value.
     *
     * @param name the header name, any case
     * @return its value, or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the container put the connected user in a role, as
     * {@code HttpServletRequest.isUserInRole} answered for the connection's first request.
     *
     * <pre>{@code
     * if (!socket.handshake().isUserInRole("admin")) {
     *     socket.disconnect();
     * }
     * }</pre>
     *
     * <p>Only the roles declared before the connection was made were asked about
     * ({@link Server#declareRoles}); any other role answers {@code false}, and the server logs
     * once per role that it must be declared, and how. Nobody logged in: {@code false}.
     *
     * @param role a role name, as the container knows it (web.xml {@code security-role},
     *     {@code @DeclareRoles}, the realm's groups mapped to roles)
     * @return whether the user is in it
     */
    public boolean isUserInRole(String role) {
        return roles instanceof HandshakeRoles asked ? asked.isUserInRole(role) : roles.contains(role);
    }

    static Handshake of(EngineRequest request, Map<String, Object> auth, long now, DeclaredRoles declaredRoles) {
        // Views of the engine request's maps, not copies: the session keeps that request anyway.
        HandshakeHeaders headers = new HandshakeHeaders(request.headers());
        return new Handshake(headers, jsDate(now), request.remoteAddress(), headers.containsKey("origin"),
                request.secure(), now, request.url(), new HandshakeQuery(request.queryParameters()),
                auth == null ? Map.of() : auth,
                request.principal(), declaredRoles.of(request), request.httpSessionId());
    }

    /**
     * The time in JavaScript's {@code Date.toString()} style; the connections of the same second
     * share one string (the last one made is kept).
     */
    private static String jsDate(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        ZoneId zone = ZoneId.systemDefault();
        JsDate last = lastDate;
        if (last == null || last.second() != second || !last.zone().equals(zone)) {
            String text = ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), zone).format(JS_DATE);
            last = new JsDate(second, zone, text);
            lastDate = last;
        }
        return last.text();
    }

    /** A formatted time, to be reused within its second. */
    private record JsDate(long second, ZoneId zone, String text) {
    }

    /**
     * @return the handshake as a JSON-like map, as Socket.IO serializes it, with the user's name
     *     ({@code "user"}, when someone logged in) and {@code "roles"}; the HTTP session id stays
     *     on this server
     */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("headers", headers);
        map.put("time", time);
        map.put("address", address);
        map.put("xdomain", xdomain);
        map.put("secure", secure);
        map.put("issued", issued);
        map.put("url", url);
        map.put("query", query);
        map.put("auth", auth);
        if (principal != null) {
            map.put("user", principal.getName());
        }
        map.put("roles", List.copyOf(roles));
        return map;
    }

    @SuppressWarnings("unchecked")
    static Handshake fromMap(Map<String, Object> map) {
        Map<String, String> headers = new LinkedHashMap<>();
        Object rawHeaders = map.getOrDefault("headers", Map.of());
        if (rawHeaders instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        Object issued = map.get("issued");
        Object user = map.get("user");
        List<String> roles = new ArrayList<>();
        if (map.get("roles") instanceof Collection<?> names) {
            names.forEach(name -> roles.add(String.valueOf(name)));
        }
        return new Handshake(headers,
                String.valueOf(map.getOrDefault("time", "")),
                String.valueOf(map.getOrDefault("address", "")),
                Boolean.TRUE.equals(map.get("xdomain")),
                Boolean.TRUE.equals(map.get("secure")),
                issued instanceof Number n ? n.longValue() : 0L,
                String.valueOf(map.getOrDefault("url", "")),
                (Map<String, Object>) map.getOrDefault("query", Map.of()),
                (Map<String, Object>) map.getOrDefault("auth", Map.of()),
                user == null ? null : new RemotePrincipal(String.valueOf(user)),
                Set.copyOf(roles),
                null);
    }

    /**
     * The user of a socket fetched from another server (or through the adapter): its name only,
     * not the container's own principal object.
     *
     * @param name the user's name
     */
    private record RemotePrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }
}
