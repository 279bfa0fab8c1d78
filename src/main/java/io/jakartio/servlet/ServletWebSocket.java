package io.jakartio.servlet;

import io.jakartio.engine.PacketFrames;
import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.PayloadTooLargeException;
import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.parser.EnginePacket;
import io.jakartio.websocket.WebSocketFrameReader;
import io.jakartio.websocket.WebSocketFrameWriter;
import io.jakartio.websocket.WebSocketProtocol;
import io.jakartio.websocket.WebSocketProtocolException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A WebSocket served by Jakartio itself over the Servlet HTTP upgrade, with non-blocking
 * servlet streams: the {@code native} WebSocket implementation (see {@link WebSocketMode}).
 *
 * <p>Why: a broadcast sends the same packet to every recipient. Here its frame is built once
 * ({@link PacketFrames#of}) and the same bytes are written to each connection;
 * frames queued for one connection are written together and flushed once; a write that the
 * socket accepted completes on the writing thread. A JSR-356 container re-encodes the text,
 * writes each frame on its own and hands every completion to another thread.
 *
 * <p>Writes: any thread, serialized by a lock; while the stream is not ready, frames wait in a
 * small backlog (at most the transport's one packet plus control frames) and the container's
 * {@link WriteListener#onWritePossible()} writes them. Reads: container threads, one at a time;
 * the frames are decoded by {@link WebSocketFrameReader}. Events reach the engine's
 * {@link WebSocketHandler} one at a time; {@code onClose} exactly once, last.
 *
 * <p>Closing: the close frame is flushed, then the connection waits for the peer's close frame
 * (or end of stream) up to {@link #CLOSE_TIMEOUT} before it drops the TCP connection.
 *
 * <p>The container creates instances through {@link jakarta.servlet.http.HttpServletRequest#upgrade};
 * {@link WebSocketUpgrade} binds them to the engine.
 */
public class ServletWebSocket implements HttpUpgradeHandler {

    /** How long a close handshake the server started waits for the peer's close frame. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(ServletWebSocket.class.getName());
    private static final int READ_BUFFER_SIZE = 8192;
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_SIZE]);
    // Flags set once by CAS on volatile fields, not AtomicBoolean objects: one connection each.
    private static final VarHandle TERMINATED;
    private static final VarHandle CLOSE_REPORTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TERMINATED = lookup.findVarHandle(ServletWebSocket.class, "terminated", boolean.class);
            CLOSE_REPORTED = lookup.findVarHandle(ServletWebSocket.class, "closeReported", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object writeLock = new Object();
    private volatile boolean terminated;
    private volatile boolean closeReported;
    private EngineServer engine;
    private EngineRequest request;
    private WebConnection webConnection;
    private ServletOutputStream out;
    private ServletInputStream in;
    private volatile WebSocketHandler handler;
    private WebSocketFrameReader reader;

    // guarded by writeLock
    /** Frames waiting for the stream to be ready; {@code null} when none wait. */
    private ArrayDeque<byte[]> backlog;
    private Consumer<Throwable> waiting;
    private boolean dirty = true; // some containers (Grizzly) send the 101 response only when flushed
    private boolean closeSent;
    private boolean closeWhenFlushed;
    private volatile boolean broken;

    /** For the container ({@code HttpServletRequest.upgrade}); {@link #bind} follows. */
    public ServletWebSocket() {
    }

    /**
     * Binds the upgraded connection to the engine; called by the servlet right after
     * {@code upgrade()} returned, before the container calls {@link #init}.
     */
    void bind(EngineServer engine, EngineRequest request) {
        this.engine = engine;
        this.request = request;
    }

    @Override
    public void init(WebConnection connection) {
        this.webConnection = connection;
        try {
            in = connection.getInputStream();
            out = connection.getOutputStream();
        } catch (IOException | RuntimeException e) { // a stream the container closed may throw
            terminate();
            return;
        }
        Connection engineSide = new Connection();
        reader = new WebSocketFrameReader(engine.options().maxHttpBufferSize(), engineSide);
        out.setWriteListener(new Writes());
        WebSocketHandler opened = engine.openVerifiedWebSocket(request, engineSide);
        request = null;
        flushNow(); // the 101 goes out now even when the engine has nothing to send yet (an upgrade's probe)
        handler = opened;
        if (terminated) {
            reportClose(); // failed while opening: the handler may not have been there to hear it
            return;
        }
        in.setReadListener(new Reads());
    }

    @Override
    public void destroy() {
        terminate();
    }

    // ---- writing ----

    /** Writes a frame now if the stream is ready, else keeps it for {@code onWritePossible}. */
    private boolean write(byte[] frame, Consumer<Throwable> onComplete) throws IOException {
        synchronized (writeLock) {
            if (onComplete != null && closeSent) {
                throw new ClosedChannelException(); // the transport's frames stop at the close frame
            }
            if (backlog == null || backlog.isEmpty()) {
                if (out.isReady()) {
                    out.write(frame);
                    dirty = true;
                    return true;
                }
            }
            if (backlog == null) {
                backlog = new ArrayDeque<>(2);
            }
            backlog.add(frame);
            if (onComplete != null) {
                waiting = onComplete;
            }
            return false;
        }
    }

    /** Writes the backlog as far as the stream takes it; flushes when done. */
    private void onWritable() {
        Consumer<Throwable> completed = null;
        boolean close = false;
        try {
            synchronized (writeLock) {
                while (backlog != null && !backlog.isEmpty() && out.isReady()) {
                    out.write(backlog.poll());
                    dirty = true;
                }
                if (backlog == null || backlog.isEmpty()) {
                    // Dropped once written: every connection's first frames meet a stream not yet
                    // ready, and an idle connection would keep the empty deque for its whole life.
                    backlog = null;
                    completed = waiting;
                    waiting = null;
                    if (completed == null) {
                        flushLocked();
                        close = closeWhenFlushed && out.isReady();
                    }
                }
            }
        } catch (IOException | RuntimeException e) { // a stream the container closed may throw
            failed(e);
            return;
        }
        if (completed != null) {
            completed.accept(null); // the transport writes on, then calls flush()
        }
        if (close) {
            terminate();
        }
    }

    private void flushLocked() throws IOException {
        if (dirty && out.isReady()) {
            dirty = false;
            out.flush();
        }
    }

    private void flushNow() {
        boolean close;
        try {
            synchronized (writeLock) {
                if (backlog != null && !backlog.isEmpty()) {
                    return; // onWritePossible flushes after the backlog
                }
                flushLocked();
                close = closeWhenFlushed && out.isReady();
            }
        } catch (IOException | RuntimeException e) { // a stream the container closed may throw
            failed(e);
            return;
        }
        if (close) {
            terminate();
        }
    }

    /** Sends a control frame (pong, close) between the transport's frames. */
    private void sendControl(byte[] frame) {
        try {
            write(frame, null);
        } catch (IOException | RuntimeException e) { // a stream the container closed may throw
            failed(e);
            return;
        }
        flushNow();
    }

    /** The socket failed: nothing more can be written or read. */
    private void failed(Throwable error) {
        broken = true;
        Consumer<Throwable> stranded;
        synchronized (writeLock) {
            stranded = waiting;
            waiting = null;
            backlog = null;
        }
        if (stranded != null) {
            stranded.accept(error);
        } else {
            deliverError(error);
        }
        terminate();
    }

    /** Starts the close handshake: close frame, then wait for the peer's. */
    private void startClose(int code, String reason) {
        if (broken) {
            terminate();
            return;
        }
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSent = true;
        }
        sendControl(WebSocketFrameWriter.close(code, reason));
        engine.scheduler().schedule(CLOSE_TIMEOUT, this::terminate);
    }

    /** Drops the connection (idempotent) and tells the handler, once. */
    private void terminate() {
        if (!TERMINATED.compareAndSet(this, false, true)) {
            return;
        }
        try {
            if (webConnection != null) {
                webConnection.close();
            }
            if (out != null) {
                UpgradedSockets.closeSocket(out);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an upgraded connection failed", e);
        }
        reportClose();
    }

    // Not under a lock: closing a connection may close others from this thread (as in WebSocketBridge).
    private void reportClose() {
        WebSocketHandler current = handler;
        if (current != null && CLOSE_REPORTED.compareAndSet(this, false, true)) {
            current.onClose();
        }
    }

    private void deliverError(Throwable error) {
        WebSocketHandler current = handler;
        if (current != null && !terminated) {
            current.onError(error);
        }
    }

    // ---- the engine's view ----

    /**
     * What the engine's WebSocket transport writes to, and what the frame reader reports to (one
     * object, not two, per connection).
     */
    private final class Connection implements WebSocketConnection, WebSocketFrameReader.Listener {

        @Override
        public void send(EnginePacket packet, Consumer<Throwable> onComplete) {
            sendFrame(PacketFrames.of(packet), onComplete);
        }

        @Override
        public void sendText(String text, Consumer<Throwable> onComplete) {
            sendFrame(WebSocketFrameWriter.text(text), onComplete);
        }

        @Override
        public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
            sendFrame(WebSocketFrameWriter.binary(data), onComplete);
        }

        private void sendFrame(byte[] frame, Consumer<Throwable> onComplete) {
            if (broken || terminated) {
                onComplete.accept(new ClosedChannelException());
                return;
            }
            boolean written;
            try {
                written = write(frame, onComplete);
            } catch (ClosedChannelException closing) {
                onComplete.accept(closing);
                return;
            } catch (IOException | RuntimeException e) { // a stream the container closed may throw
                broken = true;
                onComplete.accept(e);
                terminate();
                return;
            }
            if (written) {
                onComplete.accept(null);
            }
        }

        @Override
        public void flush() {
            flushNow();
        }

        @Override
        public void close(int code, String reason) {
            startClose(code, reason);
        }

        // ---- what the frame reader decoded ----

        @Override
        public void onText(String message) {
            if (!terminated) {
                handler.onText(message);
            }
        }

        @Override
        public void onBinary(byte[] message) {
            if (!terminated) {
                handler.onBinary(message);
            }
        }

        @Override
        public void onPing(byte[] data) {
            sendControl(WebSocketFrameWriter.pong(data));
        }

        @Override
        public void onClose(int code, String reason) {
            boolean answered;
            synchronized (writeLock) {
                answered = closeSent;
                closeWhenFlushed = true;
            }
            if (answered) {
                terminate(); // the peer answered our close
            } else {
                int echo = code == WebSocketProtocol.CLOSE_NO_STATUS ? WebSocketProtocol.CLOSE_NORMAL : code;
                startClose(echo, "");
            }
        }
    }

    // ---- container callbacks ----

    private final class Writes implements WriteListener {
        @Override
        public void onWritePossible() {
            onWritable();
        }

        @Override
        public void onError(Throwable error) {
            if (Thread.holdsLock(writeLock)) {
                // Tomcat reports a failed flush here, synchronously, inside our own write or flush;
                // the IOException it then throws reaches our caller, which handles it once the
                // lock is released. Handling it here would run the application's disconnect
                // handlers (which broadcast to other connections) under this connection's lock:
                // two connections failing at once would deadlock.
                return;
            }
            failed(error);
        }
    }

    private final class Reads implements ReadListener {
        @Override
        public void onDataAvailable() throws IOException {
            byte[] buffer = READ_BUFFER.get();
            while (!reader.isDone() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    terminate();
                    return;
                }
                try {
                    reader.read(buffer, 0, n);
                } catch (WebSocketProtocolException e) {
                    failProtocol(e);
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            terminate();
        }

        @Override
        public void onError(Throwable error) {
            failed(error);
        }
    }

    /**
     * The peer broke the protocol: a close frame with the exception's code goes out first (the
     * engine, told of the error, would otherwise close with 1000), then the connection drops.
     */
    private void failProtocol(WebSocketProtocolException e) {
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSent = true;
            closeWhenFlushed = true;
        }
        try {
            write(WebSocketFrameWriter.close(e.closeCode(), e.getMessage()), null);
        } catch (IOException | RuntimeException io) {
            failed(io);
            return;
        }
        deliverError(e.closeCode() == WebSocketProtocol.CLOSE_TOO_BIG
                ? new PayloadTooLargeException(engine.options().maxHttpBufferSize()) // the reader's limit
                : new IOException("WebSocket protocol error: " + e.getMessage()));
        flushNow();
    }
}
