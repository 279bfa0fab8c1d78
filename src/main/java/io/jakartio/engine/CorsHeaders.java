package io.jakartio.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the CORS response headers of polling requests from {@link CorsOptions}: nothing when
 * CORS is off or the origin is not allowed (the browser then blocks the response).
 */
final class CorsHeaders {

    private final CorsOptions options;

    CorsHeaders(CorsOptions options) {
        this.options = options;
    }

    /** @return the headers for an actual request */
    Map<String, String> forRequest(EngineRequest request) {
        if (options == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin");
        String origin = request.header("Origin");
        if (!options.allows(origin)) {
            return headers;
        }
        boolean wildcard = options.allowsAnyOrigin();
        if (wildcard && !options.credentials()) {
            headers.put("Access-Control-Allow-Origin", "*");
        } else {
            headers.put("Access-Control-Allow-Origin", origin);
        }
        if (options.credentials() && !wildcard) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    /**
     * @return the headers answering a preflight (OPTIONS) request: the allowed methods, the
     *     configured {@code allowedHeaders} (or the requested ones when none are configured) and
     *     how long the answer may be cached
     */
    Map<String, String> forPreflight(EngineRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(forRequest(request));
        if (headers.containsKey("Access-Control-Allow-Origin")) {
            headers.put("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            List<String> allowed = options.allowedHeaders();
            if (allowed == null) {
                // echoing the request's list, as Node's cors package does: the answer then
                // depends on that header too, which caches must know
                headers.put("Vary", "Origin, Access-Control-Request-Headers");
                String requested = request.header("Access-Control-Request-Headers");
                if (requested != null) {
                    headers.put("Access-Control-Allow-Headers", requested);
                }
            } else if (!allowed.isEmpty()) {
                headers.put("Access-Control-Allow-Headers", String.join(", ", allowed));
            }
            headers.put("Access-Control-Max-Age", Long.toString(options.maxAge().toSeconds()));
        }
        return headers;
    }
}
