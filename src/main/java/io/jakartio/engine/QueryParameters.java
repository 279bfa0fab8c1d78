package io.jakartio.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Parses a raw query string into parameters. Used instead of {@code getParameterMap()} so a
 * polling POST body is never consumed as form data.
 */
final class QueryParameters {

    private static final int SLOTS = 64;
    private static final int MAX_SHARED_LENGTH = 256;
    /** Read and written without a lock: a record's final fields are safely published. */
    private static final Parsed[] CACHE = new Parsed[SLOTS];

    private record Parsed(String query, NamedValues values) {
    }

    private QueryParameters() {
    }

    /**
     * @param query the raw query string, or {@code null}
     * @return the parameters in order, a repeated one with all its values; the names and values
     *     most requests repeat ({@code EIO}, {@code transport}...) as shared strings
     */
    static NamedValues parse(String query) {
        if (query == null || query.isEmpty()) {
            return NamedValues.EMPTY;
        }
        if (query.length() > MAX_SHARED_LENGTH) {
            return parseNew(query);
        }
        // The parameters are immutable: a query the last clients sent too (a WebSocket-only
        // client's "EIO=4&transport=websocket") shares its parameters, kept for the session's
        // life by every one of them. As SharedStrings, a slot keeps the last query of its hash.
        int hash = query.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Parsed cached = CACHE[slot];
        if (cached != null && cached.query().equals(query)) {
            return cached.values();
        }
        NamedValues values = parseNew(query);
        CACHE[slot] = new Parsed(query, values);
        return values;
    }

    private static NamedValues parseNew(String query) {
        NamedValues.Builder params = NamedValues.builder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.add(SharedStrings.share(name), SharedStrings.share(value));
        }
        return params.build();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
