package io.jakartio.engine;

import java.util.Locale;

/**
 * Decides whether a request's {@code Origin} may use the engine: the defence against
 * cross-site WebSocket hijacking (and its polling twin, cross-site request forgery). A page on
 * another site can make the victim's browser open a WebSocket to this server with the victim's
 * cookies; the browser says which page did it in {@code Origin} (RFC 6454), and a page cannot
 * change that header.
 *
 * <p>A request is let through when
 * <ul>
 * <li>it has no {@code Origin}: it does not come from a browser page (the Java and Node clients,
 *     curl; a browser always sends it on a WebSocket handshake and on cross-origin requests), and
 *     the origin check protects nobody against a client that is not a browser;</li>
 * <li>its origin is the server's own: the scheme, host and port the browser used to reach it,
 *     read from the request ({@code Host} and TLS) or from the headers a reverse proxy adds
 *     ({@code Forwarded}, {@code X-Forwarded-Host}, {@code X-Forwarded-Proto},
 *     {@code X-Forwarded-Port}; see below);</li>
 * <li>or the CORS options allow it ({@link CorsOptions#allows}).</li>
 * </ul>
 *
 * <p>Proxies: the forwarded headers are believed without a list of trusted proxies, because the
 * only client this check is for, a browser driven by another site's page, cannot send them: a
 * page cannot set any header on a WebSocket handshake, and a cross-origin fetch with such a
 * header needs a CORS preflight this server does not grant. Either the origin the request was
 * addressed to directly or the one the proxy reports is accepted.
 *
 * <p>Two origins are equal when their schemes, hosts (case-insensitively) and ports are, the
 * default port (80 for http, 443 for https) written or not.
 */
final class OriginPolicy {

    private final CorsOptions cors;

    /** @param cors the CORS options, or {@code null} when CORS is off */
    OriginPolicy(CorsOptions cors) {
        this.cors = cors;
    }

    /**
     * @param request a polling request or a WebSocket handshake
     * @return whether its origin may use the engine
     */
    boolean allows(EngineRequest request) {
        String origin = request.header("Origin");
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized != null && (normalized.equals(directOrigin(request)) || normalized.equals(forwardedOrigin(request)))) {
            return true;
        }
        return cors != null && cors.allows(origin);
    }

    /**
     * @param request a request
     * @return the server's own origin as the request shows it, for messages: the proxy's view
     *     when a proxy reported one, else the direct one; {@code null} without a {@code Host}
     */
    static String ownOrigin(EngineRequest request) {
        String forwarded = forwardedOrigin(request);
        return forwarded != null ? forwarded : directOrigin(request);
    }

    /** The origin the request was addressed to: its {@code Host}, over TLS or not. */
    static String directOrigin(EngineRequest request) {
        return origin(request.secure() ? "https" : "http", request.header("Host"), null);
    }

    /**
     * The origin a reverse proxy in front reports, from RFC 7239 {@code Forwarded} (its first
     * element: the proxy nearest to the browser) or the de-facto {@code X-Forwarded-*} headers
     * (their first values); each part missing from them is the request's own. {@code null} when
     * no proxy header is present.
     */
    static String forwardedOrigin(EngineRequest request) {
        String forwarded = request.header("Forwarded");
        String host = null;
        String proto = null;
        if (forwarded != null) {
            String first = firstElement(forwarded);
            host = parameter(first, "host");
            proto = parameter(first, "proto");
        }
        String port = null;
        if (host == null) {
            host = firstElement(request.header("X-Forwarded-Host"));
            port = firstElement(request.header("X-Forwarded-Port"));
        }
        if (proto == null) {
            proto = firstElement(request.header("X-Forwarded-Proto"));
        }
        if (host == null && proto == null && port == null) {
            return null;
        }
        if (proto == null) {
            proto = request.secure() ? "https" : "http";
        }
        return origin(proto.toLowerCase(Locale.ROOT), host != null ? host : request.header("Host"), port);
    }

    /**
     * @param origin an {@code Origin} header value, e.g. {@code https://Chat.Example.com:443}
     * @return it as {@code scheme://host[:port]} with the default port left out and the host in
     *     lower case, or {@code null} if it is not such an origin ({@code "null"}, garbage)
     */
    static String normalize(String origin) {
        int separator = origin.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        String scheme = origin.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        String authority = origin.substring(separator + 3);
        if (authority.isEmpty() || authority.indexOf('/') >= 0 || authority.indexOf('@') >= 0
                || authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
            return null; // an origin is only scheme://host[:port]
        }
        return origin(scheme, authority, null);
    }

    /** {@code scheme://host[:port]} from an authority ({@code host[:port]}), or {@code null}. */
    private static String origin(String scheme, String authority, String fallbackPort) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        String value = authority.trim().toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (value.startsWith("[")) { // an IPv6 literal, RFC 3986 section 3.2.2
            int end = value.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = value.substring(0, end + 1);
            String rest = value.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.lastIndexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty() || host.indexOf(':') >= 0 && !host.startsWith("[") || port != null && port.isEmpty()) {
            return null;
        }
        if (port == null || port.isEmpty()) {
            port = fallbackPort == null ? null : fallbackPort.trim();
        }
        if (port != null && !port.isEmpty()) {
            if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
                return null;
            }
            int number = Integer.parseInt(port);
            if (number == defaultPort(scheme)) {
                port = null;
            } else {
                port = Integer.toString(number);
            }
        } else {
            port = null;
        }
        return port == null ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    /** The first comma-separated element of a header value, trimmed; {@code null} if none. */
    private static String firstElement(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    /** A {@code name=value} parameter of one {@code Forwarded} element, unquoted (RFC 7239 section 4). */
    private static String parameter(String element, String name) {
        if (element == null) {
            return null;
        }
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
