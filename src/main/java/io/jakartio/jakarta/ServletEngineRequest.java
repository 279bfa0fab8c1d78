package io.jakartio.jakarta;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * An {@link EngineRequest} over a servlet request: a polling request, or the upgrade request of
 * a native WebSocket. Everything but the body is copied at once: the handshake request is kept
 * for the session's life, long after the container recycled the servlet request. So it is kept
 * small: the compact {@link NamedValues}, and one string for the values most requests repeat
 * ({@link SharedStrings}).
 */
final class ServletEngineRequest implements EngineRequest {

    /** The POST whose body {@link #body} reads; {@code null} for other requests, which have none. */
    private final HttpServletRequest request;
    private final String method;
    private final NamedValues query;
    private final NamedValues headers;
    private final String remoteAddress;
    private final String url;
    private final boolean secure;

    /**
     * @param request a polling request; the body of a POST is read by {@link #body} while it is
     *     served, and the snapshot of any other (a session's handshake GET, kept for the session's
     *     life) keeps no reference to the servlet request
     */
    ServletEngineRequest(HttpServletRequest request) {
        this(request, "POST".equals(request.getMethod()));
    }

    private ServletEngineRequest(HttpServletRequest request, boolean withBody) {
        this.request = withBody ? request : null;
        this.method = SharedStrings.share(request.getMethod());
        String q = request.getQueryString();
        this.query = QueryParameters.parse(q);
        this.headers = headersOf(request);
        this.remoteAddress = SharedStrings.share(request.getRemoteAddr());
        this.url = SharedStrings.share(q == null ? request.getRequestURI() : request.getRequestURI() + "?" + q);
        this.secure = request.isSecure();
    }

    /**
     * @param request the upgrade request of a WebSocket
     * @return its snapshot, which keeps no reference to the servlet request (it has no body)
     */
    static ServletEngineRequest ofUpgrade(HttpServletRequest request) {
        return new ServletEngineRequest(request, false);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String query(String name) {
        return query.first(name);
    }

    @Override
    public String header(String name) {
        return headers.firstIgnoringCase(name);
    }

    /** Reads the body of a POST; only valid while it is being served. Other requests have none. */
    @Override
    public byte[] body(long limit) throws PayloadTooLargeException, IOException {
        if (request == null) {
            return new byte[0];
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new PayloadTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > limit) {
                    throw new PayloadTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static NamedValues headersOf(HttpServletRequest request) {
        NamedValues.Builder headers = NamedValues.builder();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            List<String> values = new ArrayList<>(1);
            for (Enumeration<String> e = request.getHeaders(name); e.hasMoreElements(); ) {
                values.add(SharedStrings.share(e.nextElement()));
            }
            // Kept for the connection's lifetime, thousands of times: one canonical name per
            // header (the JVM's string table holds them weakly).
            headers.put(name.intern(), values);
        }
        return headers.build();
    }
}
