package io.jakartio.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches files the application serves with plain HTTP/1.1 and checks them as a browser's cache
 * would use them: exact bytes, media type, a strong ETag, and {@code 304 Not Modified} when the
 * ETag is sent back in {@code If-None-Match}.
 */
final class StaticFiles {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI root;

    /** @param root the application's root, e.g. {@code http://127.0.0.1:8080/} */
    StaticFiles(URI root) {
        this.root = root;
    }

    /**
     * Asserts that {@code path} serves exactly the bytes of {@code expected}, as
     * {@code mediaType}, with an ETag that revalidates.
     *
     * @param path the request path relative to the root, e.g. {@code "socket.io/socket.io.js"}
     * @param expected the file it must serve, byte for byte
     * @param mediaType the expected media type, without parameters
     * @return the body served
     */
    byte[] assertServes(String path, Path expected, String mediaType) throws IOException, InterruptedException {
        URI uri = root.resolve(path);
        HttpResponse<byte[]> response = get(uri, null);
        assertEquals(200, response.statusCode(), () -> "GET " + uri);
        assertArrayEquals(Files.readAllBytes(expected), response.body(), () -> "GET " + uri + " is not " + expected);
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith(mediaType),
                () -> "GET " + uri + ": Content-Type " + type + ", expected " + mediaType);
        String etag = response.headers().firstValue("ETag").orElse(null);
        assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""),
                () -> "GET " + uri + ": no strong ETag but " + etag);

        HttpResponse<byte[]> revalidated = get(uri, etag);
        assertEquals(304, revalidated.statusCode(), () -> "GET " + uri + " with If-None-Match: " + etag);
        assertEquals(0, revalidated.body().length, "a 304 has no body");
        assertEquals(etag, revalidated.headers().firstValue("ETag").orElse(null), "a 304 repeats the ETag");
        return response.body();
    }

    private HttpResponse<byte[]> get(URI uri, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
