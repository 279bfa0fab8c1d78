package io.jakartio.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One allowed origin of {@link CorsOptions}: exact ({@code https://chat.example.com}), any
 * ({@code *}), or a pattern in which each {@code *} stands for one or more characters of a host
 * name or port: letters, digits, {@code -} and {@code .} ({@code https://*.example.com},
 * {@code http://localhost:*}). A {@code *} never matches {@code /}, {@code :}, {@code @},
 * {@code ?} or anything else that could move the match out of the host, so
 * {@code https://*.example.com} does not match {@code https://evil.com?.example.com}, and the
 * whole origin must match, so it does not match {@code https://example.com.evil.com} either.
 * Origins compare without regard to case (RFC 6454 section 6.2 serializes them in lower case).
 */
final class OriginPattern {

    /** An origin as browsers send it (RFC 6454 section 6.2): scheme "://" host [ ":" port ], no path. */
    private static final Pattern SHAPE = Pattern.compile("[a-z*][a-z0-9+.*-]*://[^/?#@\\s]+", Pattern.CASE_INSENSITIVE);

    // Longer Origin headers are not origins a browser sends; bounding them bounds the match's work.
    private static final int MAX_ORIGIN_LENGTH = 1024;

    private static final int WILDCARD = -1;

    private OriginPattern() {
    }

    /**
     * @param entry an allowed origin as configured
     * @throws IllegalArgumentException if it is not {@code *}, {@code null} or an origin (pattern)
     */
    static void validate(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("an allowed origin is null");
        }
        if (entry.equals("*") || entry.equals("null")) {
            return;
        }
        if (entry.endsWith("/")) {
            throw new IllegalArgumentException("origins have no trailing slash: " + entry);
        }
        if (!SHAPE.matcher(entry).matches()) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port], * for any part of a host or port): "
                    + entry);
        }
    }

    /**
     * @param entry an allowed origin (validated)
     * @param origin the request's {@code Origin} header, not null
     * @return whether the entry allows it
     */
    static boolean matches(String entry, String origin) {
        if (entry.equals("*")) {
            return true;
        }
        if (entry.indexOf('*') < 0) {
            return entry.equalsIgnoreCase(origin);
        }
        return origin.length() <= MAX_ORIGIN_LENGTH && matchesWildcards(entry.toLowerCase(Locale.ROOT),
                origin.toLowerCase(Locale.ROOT));
    }

    /**
     * Runs the pattern as a small automaton, one step per character of the origin, so the work
     * is bounded by their lengths' product whatever the number of wildcards (a backtracking
     * matcher could be made to take exponential time by a crafted header).
     */
    private static boolean matchesWildcards(String pattern, String origin) {
        int[] tokens = tokens(pattern);
        boolean[] states = new boolean[tokens.length + 1];
        states[0] = true;
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            boolean[] next = new boolean[states.length];
            boolean alive = false;
            for (int t = 0; t < tokens.length; t++) {
                if (!states[t]) {
                    continue;
                }
                if (tokens[t] == WILDCARD) {
                    if (isHostChar(c)) {
                        // one more character for this wildcard: it may go on, or end here
                        next[t] = true;
                        next[t + 1] = true;
                        alive = true;
                    }
                } else if (tokens[t] == c) {
                    next[t + 1] = true;
                    alive = true;
                }
            }
            if (!alive) {
                return false;
            }
            states = next;
        }
        return states[tokens.length];
    }

    /** The pattern's characters, with each run of {@code *} as one {@link #WILDCARD}. */
    private static int[] tokens(String pattern) {
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (count == 0 || tokens[count - 1] != WILDCARD) {
                    tokens[count++] = WILDCARD;
                }
            } else {
                tokens[count++] = c;
            }
        }
        return Arrays.copyOf(tokens, count);
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
}
