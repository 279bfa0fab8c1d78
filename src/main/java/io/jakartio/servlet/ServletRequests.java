package io.jakartio.servlet;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.PayloadTooLargeException;
import io.jakartio.engine.RequestSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * Takes the {@link RequestSnapshot} of a servlet request: a polling request, or the upgrade
 * request of a native WebSocket. Everything but a POST's body is copied at once; the snapshot
 * of a request that opens a session is kept for the session's life and holds no reference to the
 * servlet request.
 *
 * <pre>{@code
 * EngineRequest request = ServletRequests.polling(httpRequest, roles);
 * }</pre>
 */
final class ServletRequests {

    private static final int READ_CHUNK = 8192;

    private ServletRequests() {
    }

    /**
     * @param request a polling request; a POST's body is read by {@link EngineRequest#body} while
     *     it is served
     * @param declaredRoles the roles the application asks {@code isUserInRole} about
     * @return its snapshot
     */
    static RequestSnapshot polling(HttpServletRequest request, Set<String> declaredRoles) {
        RequestSnapshot.Builder snapshot = snapshot(request, declaredRoles);
        if ("POST".equals(request.getMethod())) {
            snapshot.body(limit -> readBody(request, limit));
        }
        return snapshot.build();
    }

    /**
     * @param request the upgrade request of a WebSocket
     * @param declaredRoles the roles the application asks {@code isUserInRole} about
     * @return its snapshot, without a body
     */
    static RequestSnapshot upgrade(HttpServletRequest request, Set<String> declaredRoles) {
        return snapshot(request, declaredRoles).build();
    }

    private static RequestSnapshot.Builder snapshot(HttpServletRequest request, Set<String> declaredRoles) {
        RequestSnapshot.Builder snapshot = RequestSnapshot.builder(request.getMethod(), request.getRequestURI(),
                request.getQueryString());
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            snapshot.header(name, Collections.list(request.getHeaders(name)));
        }
        HttpSession session = request.getSession(false);
        return snapshot.remoteAddress(request.getRemoteAddr())
                .secure(request.isSecure())
                .principal(request.getUserPrincipal())
                .roles(declaredRoles, request::isUserInRole)
                .httpSessionId(session == null ? null : session.getId());
    }

    private static byte[] readBody(HttpServletRequest request, long limit) throws PayloadTooLargeException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new PayloadTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[READ_CHUNK];
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
}
