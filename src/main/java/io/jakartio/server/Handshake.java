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
     */
    public Handshake {
        headers = headers instanceof HandshakeHeaders ? headers : Map.copyOf(headers);
        query = query instanceof HandshakeQuery ? query : Collections.unmodifiableMap(new LinkedHashMap<>(query));
        auth = auth.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(auth));
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
        // Views of the engine request's maps, not copies: the session keeps that request anyway.
        HandshakeHeaders headers = new HandshakeHeaders(request.headers());
        return new Handshake(headers, jsDate(now), request.remoteAddress(), headers.containsKey("origin"),
                request.secure(), now, request.url(), new HandshakeQuery(request.queryParameters()),
                auth == null ? Map.of() : auth);
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
