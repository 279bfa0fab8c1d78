package io.jakartio.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binary attachments ({@code byte[]}) at top level and nested, byte-exact, with and without an
 * ack, over every transport setup.
 */
class BinaryPayloadsTest extends ClientScenarios {

    /** Every byte value 0..255, twice: a good probe for base64 and encoding mistakes. */
    private static final byte[] ALL_BYTES = Deployments.bytes(512);

    @EverySetup
    void bytesAtTopLevelAndNestedInAnObjectRoundTripByteExactWithAnAck(Setup setup) {
        TestClient client = clients(setup).connect();
        byte[] nested = {1, 2, 3, (byte) 250, 0};

        Object[] acked = client.ack("echo", ALL_BYTES,
                Json.object("name", "file.bin", "data", nested, "list", Json.array(nested)), "after");

        assertEquals(3, acked.length, "ack arguments " + Json.show(acked));
        assertBytes(ALL_BYTES, acked[0], "top-level bytes");
        Map<?, ?> object = assertInstanceOf(Map.class, Json.plain(acked[1]), "the object");
        assertEquals("file.bin", object.get("name"));
        assertBytes(nested, object.get("data"), "bytes nested in an object");
        assertBytes(nested, assertInstanceOf(List.class, object.get("list")).get(0), "bytes nested in an array");
        assertEquals("after", acked[2]);
    }

    @EverySetup
    void bytesAtTopLevelAndNestedInAnObjectRoundTripByteExactWithoutAnAck(Setup setup) {
        TestClient client = clients(setup).connect();
        Events echoes = client.record("echo");
        String tag = uid();
        byte[] nested = "binary ✓".getBytes(StandardCharsets.UTF_8);

        client.emit("echo", tag, ALL_BYTES,
                Json.object("data", nested, "more", Json.array(new byte[0], new byte[] {9})));

        Object[] echoed = echoes.nextWithFirst(tag);
        assertEquals(3, echoed.length, "echo arguments " + Json.show(echoed));
        assertBytes(ALL_BYTES, echoed[1], "top-level bytes");
        Map<?, ?> object = assertInstanceOf(Map.class, Json.plain(echoed[2]), "the object");
        assertBytes(nested, object.get("data"), "bytes nested in an object");
        List<?> more = assertInstanceOf(List.class, object.get("more"));
        assertBytes(new byte[0], more.get(0), "empty bytes");
        assertBytes(new byte[] {9}, more.get(1), "one byte");
    }

    @EverySetup
    void a100KilobyteByteArrayRoundTripsByteExactWithAnAck(Setup setup) {
        TestClient client = clients(setup).connect();
        byte[] big = Deployments.bytes(100 * 1024);

        Object[] acked = client.ack("echo", (Object) big);

        assertEquals(1, acked.length);
        assertBytes(big, acked[0], "100 KB of bytes");
    }

    /** The server's binary data reaches the client, over every setup (polling included). */
    @EverySetup
    void bytesSentByTheServerReachTheClientByteExact(Setup setup) {
        TestClient client = clients(setup).connect("/", options -> options.path = Deployments.HEARTBEAT_PATH);

        Object[] acked = client.ack("bytes", 1000);

        assertEquals(2, acked.length, "ack arguments " + Json.show(acked));
        assertBytes(Deployments.bytes(1000), acked[0], "top-level bytes");
        Map<?, ?> object = assertInstanceOf(Map.class, Json.plain(acked[1]), "the object");
        assertBytes(new byte[] {1, 2, 3}, object.get("data"), "bytes nested in an object");
        assertBytes(new byte[] {1, 2, 3}, assertInstanceOf(List.class, object.get("list")).get(0),
                "bytes nested in an array");
    }

    /**
     * Without the Java client: a polling POST carrying a binary attachment as {@code b} + base64
     * + {@code \n}, exactly as engine.io-client 2.1.0 writes 5 bytes (it wraps base64 MIME style),
     * is accepted. It once got 400 Bad Request.
     */
    @Test
    void aPollingPostWithLineWrappedBase64IsAccepted() throws Exception {
        String base = deployments().url(Setup.TOMCAT_POLLING) + "/socket.io/?EIO=4&transport=polling";
        HttpClient http = HttpClient.newHttpClient();
        String open = http.send(HttpRequest.newBuilder(URI.create(base)).build(), BodyHandlers.ofString()).body();
        String sid = open.replaceFirst("(?s).*\"sid\":\"([^\"]+)\".*", "$1");
        URI session = URI.create(base + "&sid=" + sid);
        assertEquals(200, post(http, session, "40"), "the Socket.IO CONNECT");
        http.send(HttpRequest.newBuilder(session).build(), BodyHandlers.ofString()); // the CONNECT's answer

        int status = post(http, session, "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID+gA=\n");

        assertEquals(200, status, "a binary attachment whose base64 ends with a line break");
    }

    private static int post(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString()).statusCode();
    }

    private static void assertBytes(byte[] expected, Object actual, String what) {
        byte[] bytes = assertInstanceOf(byte[].class, actual, what + " should arrive as byte[]");
        assertArrayEquals(expected, bytes, what + " should round-trip byte-exact");
    }
}
