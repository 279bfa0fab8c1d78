package io.jakartio.websocket;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses messages for permessage-deflate (RFC 7692 section 7.2.1): DEFLATE with a sync
 * flush, whose trailing {@code 0x00 0x00 0xff 0xff} is removed. An instance keeps its context
 * from one message to the next (context takeover): one per connection, messages in the order
 * they are sent. {@link #deflateAlone} compresses a message with a fresh context, to the same
 * bytes whoever it is for.
 *
 * <pre>{@code
 * MessageDeflater.deflateAlone("Hello".getBytes(UTF_8), 0, 5); // f2 48 cd c9 c9 07 00
 * }</pre>
 *
 * <p>Thread-safe: calls are serialised; after {@link #close()} nothing more is compressed.
 */
public final class MessageDeflater implements AutoCloseable {

    /** The end of a sync flush, removed from every compressed message. */
    static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    /** A fresh-context compressor per thread: messages compressed alone are the hot path of a broadcast. */
    private static final ThreadLocal<Deflater> ALONE = ThreadLocal.withInitial(MessageDeflater::newDeflater);

    private Deflater deflater = newDeflater();

    /** A compressor whose context runs from each message to the next. */
    public MessageDeflater() {
    }

    /**
     * Compresses a message in this connection's context.
     *
     * @param data the message's bytes
     * @param offset where they start
     * @param length how many
     * @return the compressed payload, or {@code null} once closed
     */
    public synchronized byte[] deflate(byte[] data, int offset, int length) {
        return deflater == null ? null : deflate(deflater, data, offset, length);
    }

    /**
     * Compresses a message with a fresh context (server_no_context_takeover).
     *
     * @param data the message's bytes
     * @param offset where they start
     * @param length how many
     * @return the compressed payload
     */
    public static byte[] deflateAlone(byte[] data, int offset, int length) {
        Deflater deflater = ALONE.get();
        try {
            return deflate(deflater, data, offset, length);
        } finally {
            deflater.reset();
        }
    }

    /** Frees the compressor's native memory. Idempotent. */
    @Override
    public synchronized void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    private static Deflater newDeflater() {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true); // raw DEFLATE, no zlib header
    }

    private static byte[] deflate(Deflater deflater, byte[] data, int offset, int length) {
        deflater.setInput(data, offset, length);
        byte[] out = new byte[Math.max(64, length / 2 + 16)];
        int size = 0;
        while (true) {
            size += deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            if (size < out.length) {
                break; // room left: the flush is complete (zlib fills the output otherwise)
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (!endsWithTail(out, size)) {
            // zlib writes no flush marker when there is nothing to flush (an empty message after
            // another): an empty stored block is then the message (RFC 7692 section 7.2.3.6)
            return new byte[] {0x00};
        }
        return Arrays.copyOf(out, size - TAIL.length);
    }

    private static boolean endsWithTail(byte[] out, int size) {
        if (size < TAIL.length) {
            return false;
        }
        for (int i = 0; i < TAIL.length; i++) {
            if (out[size - TAIL.length + i] != TAIL[i]) {
                return false;
            }
        }
        return true;
    }
}
