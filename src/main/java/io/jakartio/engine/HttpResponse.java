package io.jakartio.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete HTTP response decided by the engine; the binding only writes it out.
 *
 * @param status the HTTP status
 * @param headers the response headers (Content-Type among them)
 * @param body the body bytes
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    /**
     * Copies the headers so the response is immutable.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body the body
     */
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /**
     * A text response.
     *
     * @param status the HTTP status
     * @param contentType the media type, e.g. {@code "text/plain; charset=UTF-8"}
     * @param body the text, written as UTF-8
     * @param extraHeaders more headers (CORS), may be empty
     * @return the response
     */
    public static HttpResponse text(int status, String contentType, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        return new HttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the body decoded as UTF-8, for tests and logs */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
