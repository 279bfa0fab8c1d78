package io.jakartio.engine;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's {@link EngineListener}s and what it does with every request it accepts or
 * refuses: the response headers of accepted ones (the session cookie, the listeners' headers)
 * and, for refused ones, a log line (at most one a second per cause, {@link RateLimitedLog})
 * and {@link EngineListener#onConnectionError}.
 */
final class EngineListeners {

    private static final System.Logger LOG = System.getLogger(EngineServer.class.getName());
    private static final int MAX_LOGGED_VALUE = 120;

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final CookieOptions cookie;
    private final RateLimitedLog refusals;

    /**
     * @param cookie the session cookie's settings, or {@code null} for none
     * @param refusals where refused requests are logged
     */
    EngineListeners(CookieOptions cookie, RateLimitedLog refusals) {
        this.cookie = cookie;
        this.refusals = refusals;
    }

    /** @return the log of refused requests of a server: at most a line a second per cause */
    static RateLimitedLog refusalLog() {
        return new RateLimitedLog(LOG, System::nanoTime, Duration.ofSeconds(1));
    }

    void add(EngineListener listener) {
        listeners.add(listener);
    }

    void remove(EngineListener listener) {
        listeners.remove(listener);
    }

    /**
     * The headers of the response to an accepted request.
     *
     * @param base the engine's own headers (CORS), not modified
     * @param request the request
     * @param newSid the id of the session a handshake opens, or {@code null} for a request of an
     *     open session
     * @return {@code base} itself when nothing is added, else a new map
     */
    Map<String, String> headers(Map<String, String> base, EngineRequest request, String newSid) {
        boolean withCookie = newSid != null && cookie != null;
        if (listeners.isEmpty() && !withCookie) {
            return base;
        }
        Map<String, String> headers = new LinkedHashMap<>(base);
        if (withCookie) {
            headers.put("Set-Cookie", SessionCookie.header(cookie, newSid));
        }
        for (EngineListener listener : listeners) {
            try {
                if (newSid != null) {
                    listener.onInitialHeaders(headers, request);
                }
                listener.onHeaders(headers, request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an EngineListener failed to add response headers", e);
            }
        }
        return headers;
    }

    /**
     * Reports a refused request: a log line (rate-limited per cause) and the listeners'
     * {@link EngineListener#onConnectionError}.
     *
     * @param refusal why
     * @param request the request
     */
    void refused(Refusal refusal, EngineRequest request) {
        Level level = switch (refusal.cause()) {
            case Refusal.ORIGIN_NOT_ALLOWED, Refusal.ALREADY_UPGRADED, Refusal.ALREADY_UPGRADING -> Level.WARNING;
            default -> Level.INFO;
        };
        refusals.log(refusal.cause(), level, () -> describe(refusal, request));
        if (listeners.isEmpty()) {
            return;
        }
        ConnectionError error = new ConnectionError(refusal.error().code(), refusal.message(), request, refusal.context());
        for (EngineListener listener : listeners) {
            try {
                listener.onConnectionError(error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an EngineListener failed on a connection error", e);
            }
        }
    }

    private static String describe(Refusal refusal, EngineRequest request) {
        StringBuilder line = new StringBuilder(160)
                .append("refused ").append(request.method()).append(' ')
                .append(isWebSocket(request) ? "WebSocket handshake" : "polling request")
                .append(" from ").append(request.remoteAddress())
                .append(": ").append(refusal.error().httpStatus()).append(' ').append(refusal.message());
        for (Map.Entry<String, Object> detail : refusal.context().entrySet()) {
            Object value = detail.getValue();
            if (detail.getKey().equals("sid") && value instanceof String sid) {
                value = masked(sid); // a live session's id is its secret: enough to recognize, not to use
            }
            line.append(", ").append(detail.getKey()).append('=').append(printable(String.valueOf(value)));
        }
        if (refusal.cause().equals(Refusal.ORIGIN_NOT_ALLOWED)) {
            line.append(". Allow it with jakartio.cors.origins (CorsOptions); behind a reverse proxy, have it"
                    + " forward Host (or X-Forwarded-Host) and X-Forwarded-Proto");
        }
        return line.toString();
    }

    private static boolean isWebSocket(EngineRequest request) {
        return "websocket".equals(request.query("transport"));
    }

    /** A value the client chose, as it may appear in a log line: short, without control characters. */
    static String printable(String value) {
        String shown = value.length() > MAX_LOGGED_VALUE ? value.substring(0, MAX_LOGGED_VALUE) + "…" : value;
        StringBuilder clean = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    static String masked(String sid) {
        return sid.length() <= 4 ? "…" : sid.substring(0, 4) + "…";
    }
}
