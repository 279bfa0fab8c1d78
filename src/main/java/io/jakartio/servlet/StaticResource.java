package io.jakartio.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * A file served from the classpath with a strong ETag (a digest of its bytes) and revalidation:
 * {@code Cache-Control: public, max-age=0, must-revalidate} and {@code 304 Not Modified} when the
 * browser already has it.
 *
 * <pre>{@code
 * StaticResource page = StaticResource.load(getClass(), "index.html", "text/html; charset=UTF-8").orElseThrow();
 * page.serve(request, response);
 * }</pre>
 *
 * @param bytes the content
 * @param contentType the media type
 * @param etag the quoted entity tag
 */
public record StaticResource(byte[] bytes, String contentType, String etag) {

    /**
     * Loads a classpath resource.
     *
     * @param anchor the class whose package the name is relative to
     * @param name the resource name
     * @param contentType its media type
     * @return the resource, or empty if it is not on the classpath
     */
    public static Optional<StaticResource> load(Class<?> anchor, String name, String contentType) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new StaticResource(bytes, contentType, etagOf(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * Answers a GET or HEAD request for this resource.
     *
     * @param request the request
     * @param response the response
     * @throws IOException if writing fails
     */
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
        if (matches(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
