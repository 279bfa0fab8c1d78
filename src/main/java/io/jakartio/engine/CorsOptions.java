package io.jakartio.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Cross-origin settings for the polling transport. CORS is off unless configured: without
 * options no {@code Access-Control-*} header is sent and browsers only reach the server from its
 * own origin. When on, only the listed origins are allowed ({@code "*"} allows any origin, but
 * then credentials are never allowed).
 *
 * <pre>{@code
 * CorsOptions cors = CorsOptions.allowOrigins("https://chat.example.com").withCredentials(true);
 * }</pre>
 *
 * @param origins allowed origins, exact matches such as {@code "https://example.com"}, or {@code "*"}
 * @param credentials whether to send {@code Access-Control-Allow-Credentials: true}
 * @param maxAge how long a browser may cache a preflight answer
 */
public record CorsOptions(List<String> origins, boolean credentials, Duration maxAge) {

    /**
     * Validates and copies the settings.
     *
     * @param origins allowed origins
     * @param credentials whether credentials are allowed
     * @param maxAge preflight cache duration
     */
    public CorsOptions {
        origins = List.copyOf(origins);
        Objects.requireNonNull(maxAge, "maxAge");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("list at least one origin, or \"*\"");
        }
        for (String origin : origins) {
            if (origin.endsWith("/")) {
                throw new IllegalArgumentException("origins have no trailing slash: " + origin);
            }
        }
    }

    /**
     * Allows the given origins, without credentials, with a 24 h preflight cache.
     *
     * @param origins exact origins, or {@code "*"}
     * @return the options
     */
    public static CorsOptions allowOrigins(String... origins) {
        return new CorsOptions(List.of(origins), false, Duration.ofHours(24));
    }

    /**
     * @param allow whether to allow credentials (cookies, HTTP auth)
     * @return a copy with that setting
     */
    public CorsOptions withCredentials(boolean allow) {
        return new CorsOptions(origins, allow, maxAge);
    }

    /**
     * Decides whether an origin may read responses.
     *
     * @param origin the request's {@code Origin} header
     * @return whether it is allowed
     */
    public boolean allows(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin));
    }
}
