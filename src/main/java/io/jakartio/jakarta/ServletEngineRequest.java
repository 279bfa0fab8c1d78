package io.jakartio.jakarta;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EngineRequest} over a servlet request (polling transport). Everything but the body
 * is copied at once: the handshake request is kept for the session's life, long after the
 * container recycled the servlet request.
 */
final class ServletEngineRequest implements EngineRequest {

    private final HttpServletRequest request;
    private final String method;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String remoteAddress;
    private final String url;
    private final boolean secure;

    ServletEngineRequest(HttpServletRequest request) {
        this.request = request;
        this.method = request.getMethod();
        this.query = QueryParameters.parse(request.getQueryString());
        this.headers = headersOf(request);
        this.remoteAddress = request.getRemoteAddr();
        String q = request.getQueryString();
        this.url = q == null ? request.getRequestURI() : request.getRequestURI() + "?" + q;
        this.secure = request.isSecure();
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

    /** Reads the body; only valid while the request is being served. */
    @Override
    public byte[] body(long limit) throws PayloadTooLargeException, IOException {
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

    private static Map<String, List<String>> headersOf(HttpServletRequest request) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            List<String> values = Collections.list(request.getHeaders(name));
            // Kept for the connection's lifetime, thousands of times: one canonical name per header
            // (the JVM's string table holds them weakly) and the smallest immutable list.
            map.put(name.intern(), values.size() == 1 ? List.of(values.get(0)) : List.copyOf(values));
        }
        return Collections.unmodifiableMap(map);
    }
}
