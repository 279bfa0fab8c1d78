package io.jakartio.servlet;

import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.EngineServer;
import io.jakartio.websocket.PerMessageDeflate;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * An upgraded servlet connection in memory, for the benchmarks of the native WebSocket: the
 * output stream is always ready and only counts the bytes written; the input stream delivers the
 * client frames given to {@link #receive}. What {@link ServletWebSocket} does between the engine
 * and the container's streams runs unchanged, without a container or a network.
 *
 * <pre>{@code
 * InMemoryWebConnection connection = InMemoryWebConnection.open(engine, request);
 * connection.receive(maskedFrameOf("40")); // the client joins the main namespace
 * }</pre>
 */
public final class InMemoryWebConnection implements WebConnection {

    private final Input in = new Input();
    private final Output out = new Output();

    private InMemoryWebConnection() {
    }

    /**
     * Upgrades a request to a native WebSocket over an in-memory connection, as
     * {@link WebSocketUpgrade} and the container do.
     *
     * @param engine the engine to open the WebSocket with
     * @param request the upgrade request (already verified)
     * @return the connection
     */
    public static InMemoryWebConnection open(EngineServer engine, EngineRequest request) {
        return open(engine, request, null);
    }

    /**
     * As {@link #open(EngineServer, EngineRequest)}, with permessage-deflate agreed.
     *
     * @param engine the engine to open the WebSocket with
     * @param request the upgrade request (already verified)
     * @param deflate what the handshake agreed, or {@code null} for no compression
     * @return the connection
     */
    public static InMemoryWebConnection open(EngineServer engine, EngineRequest request, PerMessageDeflate deflate) {
        InMemoryWebConnection connection = new InMemoryWebConnection();
        ServletWebSocket websocket = new ServletWebSocket();
        websocket.bind(engine, request, deflate, ApplicationContext.capture());
        websocket.init(connection);
        return connection;
    }

    /**
     * Delivers bytes from the client, as the container does when they arrive.
     *
     * @param bytes client frames (masked)
     * @throws IOException if the WebSocket's read listener throws
     */
    public void receive(byte[] bytes) throws IOException {
        in.pending.add(bytes);
        in.listener.onDataAvailable();
    }

    /** @return how many bytes the server wrote */
    public long bytesWritten() {
        return out.bytes;
    }

    /** @return how many times the server flushed */
    public long flushes() {
        return out.flushes;
    }

    @Override
    public ServletInputStream getInputStream() {
        return in;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public void close() {
    }

    private static final class Input extends ServletInputStream {
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private ReadListener listener;

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return !pending.isEmpty();
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            this.listener = readListener;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the WebSocket reads whole buffers");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            byte[] next = pending.poll();
            if (next == null) {
                return 0;
            }
            if (next.length > length) {
                throw new IllegalStateException("a test frame larger than the read buffer");
            }
            System.arraycopy(next, 0, buffer, offset, next.length);
            return next.length;
        }
    }

    private static final class Output extends ServletOutputStream {
        private long bytes;
        private long flushes;

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
        }

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
