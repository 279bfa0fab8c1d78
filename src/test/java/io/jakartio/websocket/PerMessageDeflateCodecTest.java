package io.jakartio.websocket;

import static io.jakartio.websocket.ClientFrames.BINARY;
import static io.jakartio.websocket.ClientFrames.CONTINUATION;
import static io.jakartio.websocket.ClientFrames.PING;
import static io.jakartio.websocket.ClientFrames.SEED;
import static io.jakartio.websocket.ClientFrames.TEXT;
import static io.jakartio.websocket.ClientFrames.ascii;
import static io.jakartio.websocket.ClientFrames.bytes;
import static io.jakartio.websocket.ClientFrames.concat;
import static io.jakartio.websocket.ClientFrames.feed;
import static io.jakartio.websocket.ClientFrames.hex;
import static io.jakartio.websocket.ClientFrames.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of the permessage-deflate codec (RFC 7692): {@link MessageDeflater},
 * {@link MessageInflater}, the writer's compressed frames and the reader's RSV1 messages, with the
 * exact bytes of RFC 7692 section 7.2.3.
 */
class PerMessageDeflateCodecTest {

    private static final long LIMIT = 1_000_000;

    private final ClientFrames client = new ClientFrames(SEED);

    // ---------------------------------------------------------------- RFC 7692 section 7.2.3

    @Test
    void helloCompressedAloneIsTheRfcsFrame() {
        // 7.2.3.1: "A message compressed using 1 compressed DEFLATE block"
        byte[] frame = WebSocketFrameWriter.compressed(false, MessageDeflater.deflateAlone(ascii("Hello"), 0, 5));

        assertArrayEquals(hex("c107f248cdc9c90700"), frame, "frame");
    }

    @Test
    void theSecondHelloWithContextTakeoverIsTheRfcsShorterFrame() {
        // 7.2.3.2: "Sharing LZ77 Sliding Window": the second message refers back to the first
        try (MessageDeflater deflater = new MessageDeflater()) {
            byte[] first = WebSocketFrameWriter.compressed(false, deflater.deflate(ascii("Hello"), 0, 5));
            byte[] second = WebSocketFrameWriter.compressed(false, deflater.deflate(ascii("Hello"), 0, 5));

            assertArrayEquals(hex("c107f248cdc9c90700"), first, "first");
            assertArrayEquals(hex("c105f200110000"), second, "second");
        }
    }

    @Test
    void withoutContextTakeoverEveryHelloIsTheSameFrame() {
        byte[] first = MessageDeflater.deflateAlone(ascii("Hello"), 0, 5);
        byte[] second = MessageDeflater.deflateAlone(ascii("Hello"), 0, 5);

        assertArrayEquals(first, second, "no context carried over");
        assertArrayEquals(hex("f248cdc9c90700"), second, "payload");
    }

    @Test
    void readsTheRfcsCompressedHello() throws Exception {
        assertEquals(List.of("text:Hello"), read(false, client.frame(true, 4, TEXT, true, hex("f248cdc9c90700"))));
    }

    @Test
    void readsTheRfcsSecondHelloInTheContextOfTheFirst() throws Exception {
        assertEquals(List.of("text:Hello", "text:Hello"), read(false,
                client.frame(true, 4, TEXT, true, hex("f248cdc9c90700")),
                client.frame(true, 4, TEXT, true, hex("f200110000"))));
    }

    @Test
    void readsTheRfcsHelloInAnUncompressedDeflateBlock() throws Exception {
        // 7.2.3.3: "Using a DEFLATE Block with No Compression"
        assertEquals(List.of("text:Hello"), read(false, client.frame(true, 4, TEXT, true, hex("000500faff48656c6c6f00"))));
    }

    @Test
    void readsTheRfcsHelloWithBfinalSetThenAnotherMessage() throws Exception {
        // 7.2.3.5: "Using a DEFLATE Block with BFINAL Set to 1": the stream ends; the next message starts afresh
        assertEquals(List.of("text:Hello", "text:Hello"), read(false,
                client.frame(true, 4, TEXT, true, hex("f348cdc9c90700")),
                client.frame(true, 4, TEXT, true, hex("f248cdc9c90700"))));
    }

    @Test
    void readsTheRfcsFragmentedCompressedHello() throws Exception {
        // 7.2.3.1, second example: the compressed data split into two frames, RSV1 on the first only
        assertEquals(List.of("text:Hello"), read(false,
                client.frame(false, 4, TEXT, true, hex("f248cd")),
                client.frame(true, 0, CONTINUATION, true, hex("c9c90700"))));
    }

    @Test
    void aPingBetweenTheFragmentsOfACompressedMessageIsReadOnItsOwn() throws Exception {
        assertEquals(List.of("ping:p", "text:Hello"), read(false,
                client.frame(false, 4, TEXT, true, hex("f248cd")),
                client.frame(true, 0, PING, true, ascii("p")),
                client.frame(true, 0, CONTINUATION, true, hex("c9c90700"))));
    }

    @Test
    void theRfcsEmptyBlockIsAnEmptyMessage() throws Exception {
        // 7.2.3.6: "Generating an Empty Fragment": a single 0x00
        assertEquals(List.of("binary:0"), read(false, client.frame(true, 4, BINARY, true, hex("00"))));
    }

    // ---------------------------------------------------------------- round trips and context

    @Test
    void aLongMessageRoundTripsAndShrinks() throws Exception {
        String message = "4" + pattern(50_000);
        byte[] deflated = MessageDeflater.deflateAlone(bytes(message), 0, message.length());

        assertTrue(deflated.length < message.length() / 10, "compressed to " + deflated.length);
        assertEquals(List.of("text:" + message), read(false, client.frame(true, 4, TEXT, true, deflated)));
    }

    @Test
    void aSecondIdenticalMessageIsShorterWithContextTakeoverThanWithout() {
        byte[] message = bytes("42[\"chat\",\"" + pattern(2_000) + "\"]");
        try (MessageDeflater deflater = new MessageDeflater()) {
            int firstWith = deflater.deflate(message, 0, message.length).length;
            int secondWith = deflater.deflate(message, 0, message.length).length;
            int secondWithout = MessageDeflater.deflateAlone(message, 0, message.length).length;

            assertEquals(firstWith, secondWithout, "alone: every message as the first");
            assertTrue(secondWith < secondWithout / 4, "with takeover " + secondWith + ", without " + secondWithout);
        }
    }

    @Test
    void aClientWithoutContextTakeoverIsInflatedWithAFreshContextEveryTime() throws Exception {
        byte[] hello = hex("f248cdc9c90700");

        assertEquals(List.of("text:Hello", "text:Hello", "text:Hello"), read(true,
                client.frame(true, 4, TEXT, true, hello),
                client.frame(true, 4, TEXT, true, hello),
                client.frame(true, 4, TEXT, true, hello)));
    }

    @Test
    void aClosedDeflaterCompressesNothing() {
        MessageDeflater deflater = new MessageDeflater();
        deflater.close();
        deflater.close();

        assertEquals(null, deflater.deflate(ascii("Hello"), 0, 5));
    }

    // ---------------------------------------------------------------- limits and errors

    @Test
    void aZipBombIsRefusedWith1009WithoutAllocatingWhatItInflatesTo() {
        // 20 MB of zeros compress to about 20 KB; the limit is 1 MB
        byte[] zeros = new byte[20_000_000];
        byte[] bomb = MessageDeflater.deflateAlone(zeros, 0, zeros.length);
        zeros = null;
        byte[] frame = client.frame(true, 4, BINARY, true, bomb);
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(LIMIT, recorder, new MessageInflater(false));
        long before = allocatedBytes();

        WebSocketProtocolException refused = assertThrows(WebSocketProtocolException.class, () -> feed(reader, frame));

        long allocated = allocatedBytes() - before;
        assertEquals(WebSocketProtocol.CLOSE_TOO_BIG, refused.closeCode(), "close code");
        assertEquals(List.of(), recorder.events, "nothing delivered");
        assertTrue(allocated < 8 * LIMIT, "allocated " + allocated + " bytes for a 1 MB limit");
    }

    @Test
    void aMessageInflatingToExactlyTheLimitIsAccepted() throws Exception {
        byte[] message = new byte[(int) LIMIT];
        Arrays.fill(message, (byte) 'a');
        byte[] deflated = MessageDeflater.deflateAlone(message, 0, message.length);
        RecordingFrameListener recorder = new RecordingFrameListener();

        feed(new WebSocketFrameReader(LIMIT, recorder, new MessageInflater(false)), client.frame(true, 4, BINARY, true, deflated));

        assertEquals(List.of("binary:" + LIMIT), recorder.events);
    }

    @Test
    void dataThatIsNotDeflateIsRefusedWith1007() {
        byte[] frame = client.frame(true, 4, TEXT, true, hex("ffffffff"));

        assertEquals(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, refusal(frame).closeCode());
    }

    @Test
    void compressedTextThatInflatesToInvalidUtf8IsRefusedWith1007() {
        byte[] invalid = {(byte) 0xC3, 0x28};
        byte[] frame = client.frame(true, 4, TEXT, true, MessageDeflater.deflateAlone(invalid, 0, 2));

        assertEquals(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, refusal(frame).closeCode());
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] frames = concat(client.frame(false, 4, TEXT, true, hex("f248cd")), client.frame(true, 4, CONTINUATION, true, hex("c9c90700")));

        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, refusal(frames).closeCode());
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, refusal(client.frame(true, 4, PING, true, ascii("p"))).closeCode());
    }

    @Test
    void rsv1WithoutTheExtensionIsAProtocolError() {
        WebSocketFrameReader reader = new WebSocketFrameReader(LIMIT, new RecordingFrameListener());

        WebSocketProtocolException refused = assertThrows(WebSocketProtocolException.class,
                () -> feed(reader, client.frame(true, 4, TEXT, true, hex("f248cdc9c90700"))));
        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, refused.closeCode());
    }

    @Test
    void rsv2AndRsv3StayProtocolErrorsWithTheExtension() {
        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, refusal(client.frame(true, 2, TEXT, true, ascii("x"))).closeCode());
        assertEquals(WebSocketProtocol.CLOSE_PROTOCOL_ERROR, refusal(client.frame(true, 1, TEXT, true, ascii("x"))).closeCode());
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> read(boolean clientNoContextTakeover, byte[]... frames) throws WebSocketProtocolException {
        RecordingFrameListener recorder = new RecordingFrameListener();
        WebSocketFrameReader reader = new WebSocketFrameReader(LIMIT, recorder, new MessageInflater(clientNoContextTakeover));
        feed(reader, concat(frames));
        return recorder.events;
    }

    private static WebSocketProtocolException refusal(byte[] frames) {
        WebSocketFrameReader reader = new WebSocketFrameReader(LIMIT, new RecordingFrameListener(), new MessageInflater(false));
        return assertThrows(WebSocketProtocolException.class, () -> feed(reader, frames));
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
