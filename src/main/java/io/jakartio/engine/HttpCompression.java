package io.jakartio.engine;

import io.jakartio.parser.EnginePacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@link HttpCompressionOptions} at work: the content coding a poll accepts, and the response
 * of packets encoded with it when it is worth it (as Node's engine.io: a body over the
 * threshold, at least one packet whose {@code compress} flag is on).
 *
 * <pre>{@code
 * HttpCompression.encoding(HttpCompressionOptions.defaults(), "gzip, deflate, br"); // "gzip"
 * HttpCompression.encoding(HttpCompressionOptions.defaults(), "deflate;q=1, gzip;q=0.5"); // "deflate"
 * }</pre>
 */
final class HttpCompression {

    private static final String GZIP = "gzip";
    private static final String DEFLATE = "deflate";

    private HttpCompression() {
    }

    /**
     * @param options the server's settings, {@code null} when off
     * @param acceptEncoding the request's {@code Accept-Encoding}, or {@code null}
     * @return {@code "gzip"} or {@code "deflate"}, whichever the request weighs more (gzip at
     *     equal weight), or {@code null}: send the body as it is
     */
    static String encoding(HttpCompressionOptions options, String acceptEncoding) {
        if (options == null || acceptEncoding == null || acceptEncoding.isBlank()) {
            return null;
        }
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = weight(parts);
            switch (coding) {
                case GZIP, "x-gzip" -> gzip = Math.max(gzip, q);
                case DEFLATE -> deflate = Math.max(deflate, q);
                case "*" -> any = Math.max(any, q);
                default -> { }
            }
        }
        gzip = gzip < 0 ? any : gzip;
        deflate = deflate < 0 ? any : deflate;
        if (gzip <= 0 && deflate <= 0) {
            return null;
        }
        return gzip >= deflate ? GZIP : DEFLATE;
    }

    /**
     * A poll's response carrying packets, compressed when worth it.
     *
     * @param plain the response as it is
     * @param encoding what the poll accepts ({@link #encoding}), or {@code null}
     * @param options the server's settings, {@code null} when off
     * @param packets the packets in the payload: none may be compressed if none has the flag on
     * @return the response, compressed or as it was
     */
    static HttpResponse compress(HttpResponse plain, String encoding, HttpCompressionOptions options,
            List<EnginePacket> packets) {
        if (encoding == null || options == null || plain.body().length < options.threshold() || !anyCompressible(packets)) {
            return plain;
        }
        Map<String, String> encoded = new LinkedHashMap<>(plain.headers());
        encoded.put("Content-Encoding", encoding);
        return new HttpResponse(plain.status(), encoded, compress(plain.body(), encoding));
    }

    private static boolean anyCompressible(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            if (packet.compress()) {
                return true;
            }
        }
        return false;
    }

    /** @return the body in gzip (RFC 1952) or deflate, which HTTP means zlib-wrapped (RFC 1950) */
    static byte[] compress(byte[] body, String encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream stream = GZIP.equals(encoding) ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            stream.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return out.toByteArray();
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
