package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.EnginePacket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compression of polling responses ({@code httpCompression}, on by default as in Node): gzip or
 * deflate as the poll accepts, over the threshold only, never for {@code compress(false)} packets
 * alone, never when turned off.
 */
class HttpCompressionTest {

    private static final String BIG = "x".repeat(2_000);

    @RegisterExtension
    final EngineHarness engine = new EngineHarness();

    @Test
    void aPayloadOverTheThresholdIsGzippedForAPollThatAcceptsGzip() throws IOException {
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "gzip, deflate, br"));

        engine.send(sid, BIG);

        assertEquals("gzip", poll.header("Content-Encoding"));
        assertTrue(poll.response().body().length < 100, "compressed to " + poll.response().body().length);
        assertEquals("4" + BIG, gunzip(poll.response().body()));
    }

    @Test
    void deflateIsZlibWrappedAndChosenWhenWeighedMore() throws IOException {
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "gzip;q=0.5, deflate"));

        engine.send(sid, BIG);

        assertEquals("deflate", poll.header("Content-Encoding"));
        assertEquals("4" + BIG, new String(new InflaterInputStream(new ByteArrayInputStream(poll.response().body())).readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void aSmallPayloadIsSentAsItIs() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "gzip"));

        engine.send(sid, "hi");

        poll.assertOk("4hi");
        assertNull(poll.header("Content-Encoding"));
    }

    @Test
    void aPollThatAcceptsNeitherGetsThePayloadAsItIs() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "br, gzip;q=0"));

        engine.send(sid, BIG);

        poll.assertOk("4" + BIG);
        assertNull(poll.header("Content-Encoding"));
    }

    @Test
    void packetsWhoseCompressFlagIsOffAreNotCompressed() {
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "gzip"));

        engine.socket(sid).send(List.of(EnginePacket.message(BIG).uncompressed()), false);

        poll.assertOk("4" + BIG);
        assertNull(poll.header("Content-Encoding"));
    }

    @Test
    void turnedOffNothingIsCompressed() {
        engine.options(EngineOptions.builder().httpCompression(null).build());
        String sid = engine.handshake();
        RecordingExchange poll = engine.request(FakeRequest.pollingGet().sid(sid).header("Accept-Encoding", "gzip"));

        engine.send(sid, BIG);

        poll.assertOk("4" + BIG);
    }

    @Test
    void theEncodingFollowsTheAcceptEncodingWeights() {
        HttpCompressionOptions on = HttpCompressionOptions.defaults();

        assertEquals("gzip", HttpCompression.encoding(on, "gzip, deflate, br"));
        assertEquals("gzip", HttpCompression.encoding(on, "deflate, gzip"));
        assertEquals("deflate", HttpCompression.encoding(on, "deflate"));
        assertEquals("deflate", HttpCompression.encoding(on, "gzip;q=0.2, deflate;q=0.8"));
        assertEquals("gzip", HttpCompression.encoding(on, "*"));
        assertEquals("deflate", HttpCompression.encoding(on, "*;q=0.5, gzip;q=0"));
        assertNull(HttpCompression.encoding(on, "identity"));
        assertNull(HttpCompression.encoding(on, "gzip;q=0, deflate;q=0"));
        assertNull(HttpCompression.encoding(on, null));
        assertNull(HttpCompression.encoding(null, "gzip"));
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
