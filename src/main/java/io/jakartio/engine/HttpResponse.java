package io.jakartio.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete HTTP response decided by the engine; the binding only writes it out.
 *
 * @param status the HTTP status
 * @param headers the response headers (Content-Type among them); a header sent several times
 *     is one entry, its values joined by {@code '\n'} ({@link #headerValues})
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
        return text(status, contentType, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    /** A text response whose body is UTF-8 already (possibly shared: a broadcast's payload). */
    static HttpResponse text(int status, String contentType, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        return new HttpResponse(status, headers, body);
    }

    /**
     * The values to send for one entry of a header map: a header to be sent several times (the
     * reference server's array value, such as several {@code Set-Cookie}) is one entry whose
     * values are joined by {@code '\n'}, which no header value may contain (RFC 9110 §5.5).
     *
     * <pre>{@code
     * headers.merge("Set-Cookie", "theme=dark; Max-Age=86400", (old, added) -> old + "\n" + added);
     * for (String value : HttpResponse.headerValues(headers.get("Set-Cookie"))) {
     *     servletResponse.addHeader("Set-Cookie", value);
     * }
     * }</pre>
     *
     * @param value the map's value
     * @return the header's values, in order
     */
    public static List<String> headerValues(String value) {
        return value.indexOf('\n') < 0 ? List.of(value) : List.of(value.split("\n"));
    }

    /** @return the body decoded as UTF-8, for tests and logs */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
