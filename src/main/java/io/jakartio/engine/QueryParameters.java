package io.jakartio.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Parses a raw query string into parameters. Used instead of {@code getParameterMap()} so a
 * polling POST body is never consumed as form data.
 */
final class QueryParameters {

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
