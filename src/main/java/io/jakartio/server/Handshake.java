package io.jakartio.server;

import io.jakartio.engine.EngineRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Map<String, Object> auth) {

    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ROOT);

    /**
     * Copies the maps so the handshake is immutable.
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
    public Handshake {
        headers = Map.copyOf(headers);
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        auth = Collections.unmodifiableMap(new LinkedHashMap<>(auth));
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

    static Handshake of(EngineRequest request, Map<String, Object> auth, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        // The values are shared with the engine's request where a header came once: a handshake
        // lives as long as its socket.
        request.headers().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT).intern(),
                        values.size() == 1 ? values.get(0) : String.join(", ", values), (a, b) -> a + ", " + b));
        Map<String, Object> query = new LinkedHashMap<>();
        request.queryParameters().forEach((name, values) ->
                query.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values)));
        String time = ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneId.systemDefault()).format(JS_DATE);
        return new Handshake(headers, time, request.remoteAddress(), headers.containsKey("origin"),
                request.secure(), now, request.url(), query, auth == null ? Map.of() : auth);
    }

    /** @return the handshake as a JSON-like map, as Socket.IO serializes it */
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
        return new Handshake(headers,
                String.valueOf(map.getOrDefault("time", "")),
                String.valueOf(map.getOrDefault("address", "")),
                Boolean.TRUE.equals(map.get("xdomain")),
                Boolean.TRUE.equals(map.get("secure")),
                issued instanceof Number n ? n.longValue() : 0L,
                String.valueOf(map.getOrDefault("url", "")),
                (Map<String, Object>) map.getOrDefault("query", Map.of()),
                (Map<String, Object>) map.getOrDefault("auth", Map.of()));
    }
}
