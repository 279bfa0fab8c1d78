package io.jakartio.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Cross-origin settings for the polling transport, and the origins {@link #allows(String)}
 * accepts wherever the server checks one. CORS is off unless configured: without options no
 * {@code Access-Control-*} header is sent and browsers only reach the server from its own
 * origin. When on, only the listed origins are allowed ({@code "*"} allows any origin, but then
 * credentials are never allowed).
 *
 * <pre>{@code
 * CorsOptions cors = CorsOptions.allowOrigins("https://chat.example.com", "https://*.example.org")
 *     .withCredentials(true)
 *     .withAllowedHeaders("Authorization", "X-Requested-With");
 * }</pre>
 *
 * @param origins allowed origins: exact ({@code "https://example.com"}), {@code "*"} for any, or
 *     patterns where each {@code *} stands for one or more characters of a host name or port
 *     (letters, digits, {@code -}, {@code .}; never {@code /} or {@code :}), such as
 *     {@code "https://*.example.com"} or {@code "http://localhost:*"}. Compared without regard
 *     to case; no trailing slash
 * @param credentials whether to send {@code Access-Control-Allow-Credentials: true}; defaults to false
 * @param maxAge how long a browser may cache a preflight answer; defaults to 24 h
 * @param allowedHeaders the request headers a preflight allows ({@code Access-Control-Allow-Headers});
 *     {@code null} (the default) allows those the preflight asks for, as Node's {@code cors}
 *     package does; an empty list allows only the CORS-safelisted ones
 */
public record CorsOptions(List<String> origins, boolean credentials, Duration maxAge, List<String> allowedHeaders) {

    /**
     * Validates and copies the settings.
     *
     * @param origins allowed origins
     * @param credentials whether credentials are allowed
     * @param maxAge preflight cache duration
     * @param allowedHeaders headers a preflight allows, or null for those asked for
     */
    public CorsOptions {
        origins = List.copyOf(origins);
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("list at least one origin, or \"*\"");
        }
        for (String origin : origins) {
            OriginPattern.validate(origin);
        }
        if (allowedHeaders != null) {
            allowedHeaders = List.copyOf(allowedHeaders);
            for (String header : allowedHeaders) {
                if (header.isEmpty() || !header.chars().allMatch(CorsOptions::isTokenChar)) {
                    throw new IllegalArgumentException("not a header name: '" + header + "'");
                }
            }
        }
    }

    /**
     * Allowed origins, credentials and preflight cache, with preflights allowing the headers
     * they ask for.
     *
     * @param origins allowed origins
     * @param credentials whether credentials are allowed
     * @param maxAge preflight cache duration
     */
    public CorsOptions(List<String> origins, boolean credentials, Duration maxAge) {
        this(origins, credentials, maxAge, null);
    }

    /**
     * Allows the given origins, without credentials, with a 24 h preflight cache.
     *
     * @param origins exact origins, patterns, or {@code "*"}
     * @return the options
     */
    public static CorsOptions allowOrigins(String... origins) {
        return new CorsOptions(List.of(origins), false, Duration.ofHours(24), null);
    }

    /**
     * @param allow whether to allow credentials (cookies, HTTP auth)
     * @return a copy with that setting
     */
    public CorsOptions withCredentials(boolean allow) {
        return new CorsOptions(origins, allow, maxAge, allowedHeaders);
    }

    /**
     * @param value how long a browser may cache a preflight answer
     * @return a copy with that setting
     */
    public CorsOptions withMaxAge(Duration value) {
        return new CorsOptions(origins, credentials, value, allowedHeaders);
    }

    /**
     * @param headers the request headers preflights allow (none: only the CORS-safelisted ones)
     * @return a copy with that setting
     */
    public CorsOptions withAllowedHeaders(String... headers) {
        return new CorsOptions(origins, credentials, maxAge, List.of(headers));
    }

    /**
     * Decides whether an origin may use the server: the polling transport's CORS headers and
     * the WebSocket handshake's {@code Origin} check both ask here.
     *
     * <pre>{@code
     * CorsOptions.allowOrigins("https://*.example.com").allows("https://chat.example.com"); // true
     * CorsOptions.allowOrigins("https://*.example.com").allows("https://example.com.evil.com"); // false
     * }</pre>
     *
     * @param origin the request's {@code Origin} header
     * @return whether it is allowed
     */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        for (String entry : origins) {
            if (OriginPattern.matches(entry, origin)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code "*"} is among the origins (any origin, and never credentials) */
    public boolean allowsAnyOrigin() {
        return origins.contains("*");
    }

    // RFC 9110 section 5.6.2: field-name = token
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
