package io.jakartio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameSink} in memory that records what a {@link WebSocketSession} does to it: the
 * frames written (decoded, as {@code "text:4hi"}, {@code "close:1000:forced close"}...), which of
 * them were flushed, whether the connection was dropped. The test decides when the sink is
 * ready ({@link #notReady()}, {@link #ready()}), and scripts failures of the next write or flush,
 * optionally reported through {@link WebSocketSession#onWriteError} from inside the call, as
 * Tomcat does. Breaches of the sink's contract (a write or flush while not ready, a write after
 * the drop) are recorded as violations.
 */
final class FakeSink implements FrameSink {

    private final List<String> written = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final ArrayDeque<IOException> writeFailures = new ArrayDeque<>();
    private final ArrayDeque<IOException> flushFailures = new ArrayDeque<>();
    private WebSocketSession session;
    private boolean ready = true;
    private boolean reportFailuresInside;
    private boolean notReadyAfterWrite;
    private int flushed;
    private int flushes;
    private int drops;

    /** The session whose {@code onWriteError} a failure is reported to from inside the call. */
    void attach(WebSocketSession value) {
        this.session = value;
    }

    synchronized void notReady() {
        ready = false;
    }

    synchronized void ready() {
        ready = true;
    }

    /**
     * The next write is taken but leaves the sink not ready, as a non-blocking stream that could
     * not pass all the bytes to the network at once: they wait in the container's buffer until
     * a flush, after {@link #ready()}.
     */
    synchronized void notReadyAfterNextWrite() {
        notReadyAfterWrite = true;
    }

    /** The next write throws {@code failure}. */
    synchronized void failNextWrite(IOException failure) {
        writeFailures.add(failure);
    }

    /** The next flush throws {@code failure}. */
    synchronized void failNextFlush(IOException failure) {
        flushFailures.add(failure);
    }

    /** Failures are also reported through {@code onWriteError} from inside the failing call. */
    synchronized void reportFailuresInsideTheCall() {
        reportFailuresInside = true;
    }

    // ---- FrameSink ----

    @Override
    public synchronized boolean isReady() {
        return ready;
    }

    @Override
    public void write(byte[] frame) throws IOException {
        IOException failure;
        synchronized (this) {
            if (!ready) {
                violations.add("write while not ready: " + decode(frame));
            }
            if (drops > 0) {
                violations.add("write after the connection was dropped: " + decode(frame));
            }
            failure = writeFailures.poll();
            if (failure == null) {
                written.add(decode(frame));
                if (notReadyAfterWrite) {
                    notReadyAfterWrite = false;
                    ready = false;
                }
                return;
            }
        }
        throwFailure(failure);
    }

    @Override
    public void flush() throws IOException {
        IOException failure;
        synchronized (this) {
            if (!ready) {
                violations.add("flush while not ready");
            }
            failure = flushFailures.poll();
            if (failure == null) {
                flushes++;
                flushed = written.size();
                return;
            }
        }
        throwFailure(failure);
    }

    @Override
    public synchronized void close() {
        drops++;
    }

    private void throwFailure(IOException failure) throws IOException {
        if (reportFailuresInside) {
            session.onWriteError(failure);
        }
        throw failure;
    }

    // ---- observations ----

    /** @return the frames written so far, decoded */
    synchronized List<String> written() {
        return List.copyOf(written);
    }

    /** @return the frames written and flushed so far */
    synchronized List<String> flushedFrames() {
        return List.copyOf(written.subList(0, flushed));
    }

    /** @return how many times the sink was flushed */
    synchronized int flushes() {
        return flushes;
    }

    /** @return whether the connection was dropped (at most once, else a violation) */
    synchronized boolean dropped() {
        if (drops > 1) {
            violations.add("dropped " + drops + " times");
        }
        return drops > 0;
    }

    /** Fails if the sink saw a breach of its contract. */
    synchronized void assertNoViolations() {
        assertEquals(List.of(), violations, "sink contract violations");
    }

    /** Decodes one unmasked server frame (RFC 6455 section 5.2) as {@code opcode-name:payload}. */
    static String decode(byte[] frame) {
        int opcode = frame[0] & 0x0F;
        int length = frame[1] & 0x7F;
        int offset = 2;
        if (length == 126) {
            length = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            offset = 4;
        } else if (length == 127) {
            throw new IllegalArgumentException("no 64-bit lengths in these tests");
        }
        assertEquals(offset + length, frame.length, "one whole frame per write");
        return switch (opcode) {
            case 0x1 -> "text:" + new String(frame, offset, length, StandardCharsets.UTF_8);
            case 0x2 -> "binary:" + length;
            case 0x8 -> {
                int code = ((frame[offset] & 0xFF) << 8) | (frame[offset + 1] & 0xFF);
                yield "close:" + code + ":" + new String(frame, offset + 2, length - 2, StandardCharsets.UTF_8);
            }
            case 0xA -> "pong:" + new String(frame, offset, length, StandardCharsets.UTF_8);
            default -> "opcode " + opcode;
        };
    }

    /** A client frame (masked, with an all-zero key, so the payload reads as is). */
    static byte[] clientFrame(int opcode, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    static byte[] clientText(String text) {
        return clientFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] clientClose(int code) {
        return clientFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
    }
}
