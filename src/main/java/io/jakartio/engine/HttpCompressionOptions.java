package io.jakartio.engine;

/**
 * Compression of long-polling responses, like the {@code httpCompression} option of Node's
 * engine.io, and on by default as there: a response carrying packets is sent gzip- or
 * deflate-encoded when the request's {@code Accept-Encoding} accepts one of them (gzip preferred
 * at equal weight), its body reaches the threshold and one of its packets may be compressed
 * ({@code compress(false)} packets alone never are). Request bodies are read as sent: as in
 * Node, a {@code Content-Encoding} on a POST is not decoded.
 *
 * <pre>{@code
 * EngineOptions.builder().httpCompression(new HttpCompressionOptions(4096)).build();
 * EngineOptions.builder().httpCompression(null).build(); // off
 * }</pre>
 *
 * @param threshold responses shorter than this many bytes are sent as they are; defaults to 1,024
 */
public record HttpCompressionOptions(int threshold) {

    /**
     * Validates the threshold.
     *
     * @param threshold bytes, 0 or more
     */
    public HttpCompressionOptions {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be 0 or more");
        }
    }

    /** @return the default: a 1,024-byte threshold */
    public static HttpCompressionOptions defaults() {
        return new HttpCompressionOptions(1024);
    }
}
