package io.jakartio.websocket;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a connection's permessage-deflate messages (RFC 7692 section 7.2.2): the payload
 * with {@code 0x00 0x00 0xff 0xff} appended, inflated in the context of the messages before it
 * unless {@code client_no_context_takeover} was agreed (or the message ended its DEFLATE stream
 * with a final block, section 7.2.3.5).
 *
 * <p>Memory is bounded: the output grows with what was inflated, never past the size limit, and
 * a message inflating to more closes with 1009 as soon as it crosses it, so a few kilobytes
 * that would inflate to gigabytes (a zip bomb) cost at most the limit. Data that is not DEFLATE
 * closes with 1007. The {@link Inflater} (about 40 KiB of native memory) is made on the first
 * compressed message.
 *
 * <pre>{@code
 * MessageInflater inflater = new MessageInflater(false);
 * inflater.inflate(new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00}, 0, 7, 1_000_000);
 * // "Hello"
 * }</pre>
 *
 * <p>Thread-safe: calls are serialised; after {@link #close()} nothing more is inflated.
 */
public final class MessageInflater implements AutoCloseable {

    private static final int FIRST_OUTPUT = 1024;

    private final boolean noContextTakeover;
    private Inflater inflater;
    private boolean closed;

    /** @param noContextTakeover whether each message is inflated with a fresh context */
    public MessageInflater(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Inflates one whole message.
     *
     * @param data the compressed payload (all its frames joined)
     * @param offset where it starts
     * @param length its length
     * @param maxLength the longest message accepted once inflated
     * @return the message's bytes
     * @throws WebSocketProtocolException 1009 if it inflates to more than {@code maxLength}, 1007
     *     if it is not DEFLATE data, 1011 once closed
     */
    public synchronized byte[] inflate(byte[] data, int offset, int length, long maxLength) throws WebSocketProtocolException {
        if (closed) {
            throw new WebSocketProtocolException(WebSocketProtocol.CLOSE_INTERNAL_ERROR, "connection closed");
        }
        if (inflater == null) {
            inflater = new Inflater(true); // raw DEFLATE, no zlib header
        }
        long limit = Math.min(maxLength, Integer.MAX_VALUE - 16);
        inflater.setInput(data, offset, length);
        boolean tailGiven = false;
        byte[] out = new byte[(int) Math.min(limit + 1, Math.max(FIRST_OUTPUT, 2L * length))];
        int size = 0;
        try {
            while (!inflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(limit + 1, out.length * 2L));
                }
                int n = inflater.inflate(out, size, out.length - size);
                size += n;
                if (size > limit) {
                    throw tooBig();
                }
                if (n == 0 && size < out.length) {
                    if (inflater.needsInput() && !tailGiven) {
                        inflater.setInput(MessageDeflater.TAIL);
                        tailGiven = true;
                    } else if (inflater.needsInput()) {
                        break; // the sync flush's end: the message is whole, the context kept
                    } else {
                        throw new DataFormatException("DEFLATE data needs a dictionary");
                    }
                }
            }
        } catch (DataFormatException e) {
            close();
            throw new WebSocketProtocolException(WebSocketProtocol.CLOSE_INVALID_PAYLOAD, "invalid compressed data");
        } catch (WebSocketProtocolException e) {
            close();
            throw e;
        }
        if (noContextTakeover || inflater.finished()) {
            inflater.reset();
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /** Frees the decompressor's native memory. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    private static WebSocketProtocolException tooBig() {
        return new WebSocketProtocolException(WebSocketProtocol.CLOSE_TOO_BIG, "message too big");
    }
}
