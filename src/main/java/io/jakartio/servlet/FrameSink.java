package io.jakartio.servlet;

import java.io.IOException;

/**
 * Where a {@link WebSocketSession} writes its frames: what it needs of an upgraded connection's
 * non-blocking output stream, and the means to drop the connection. {@link ServletWebSocket}
 * implements it over the container's streams; tests use a fake.
 *
 * <p>Called under the session's lock, one call at a time. The container may report a failure
 * of {@code write} or {@code flush} both by throwing and, from inside the call, through
 * {@link WebSocketSession#onWriteError} (Tomcat does): the session handles the exception once
 * its lock is released and ignores the report.
 */
interface FrameSink {

    /**
     * @return whether a write now would be taken at once (the servlet stream's {@code isReady});
     *     when it returns false, {@link WebSocketSession#onWritable} follows once it can
     */
    boolean isReady();

    /**
     * Writes a whole frame; called only after {@link #isReady()} returned true.
     *
     * @param frame the frame's bytes, shared with other connections: never modified
     * @throws IOException if the connection failed
     */
    void write(byte[] frame) throws IOException;

    /**
     * Pushes what was written to the network; called only after {@link #isReady()} returned
     * true. A flush the network cannot take at once completes later, and {@code isReady}
     * returns false meanwhile.
     *
     * @throws IOException if the connection failed
     */
    void flush() throws IOException;

    /** Drops the connection, from any thread; never throws. */
    void close();
}
