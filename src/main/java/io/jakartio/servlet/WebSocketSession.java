package io.jakartio.servlet;

import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.PacketFrames;
import io.jakartio.engine.PayloadTooLargeException;
import io.jakartio.engine.Scheduler;
import io.jakartio.engine.WebSocketConnection;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.parser.EnginePacket;
import io.jakartio.websocket.MessageDeflater;
import io.jakartio.websocket.MessageInflater;
import io.jakartio.websocket.PerMessageDeflate;
import io.jakartio.websocket.WebSocketFrameReader;
import io.jakartio.websocket.WebSocketFrameWriter;
import io.jakartio.websocket.WebSocketProtocol;
import io.jakartio.websocket.WebSocketProtocolException;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One native WebSocket's life, from the upgrade to the dropped connection, as an explicit state
 * machine (in the manner of Jetty's WebSocket session state): what the engine writes, what the
 * client's frames mean, the close handshake both ways, failures. It writes to a
 * {@link FrameSink} and knows nothing of servlets; {@link ServletWebSocket} feeds it the
 * container's events.
 *
 * <pre>
 * OPEN ──engine closes──────────▶ CLOSE_SENT ──CLOSE_TIMEOUT─────────────────────────▶ CLOSED
 *   │                                   │                                              ▲
 *   │                          peer's close frame                                      │
 *   │                                   ▼                                              │
 *   ├──peer's close frame (echoed)──▶ CLOSING ──output flushed, or CLOSE_TIMEOUT───────┤
 *   ├──protocol error (close frame with its code)──▶ CLOSING                           │
 *   └──I/O failure, end of input, the container's destroy (from any state)─────────────┘
 * </pre>
 *
 * <p>The connection is dropped only once the server's close frame, whichever side closed first,
 * is flushed (RFC 6455 5.5.1: a close frame received is answered before the TCP connection is
 * closed), or when the close handshake times out.
 *
 * <p>Writes: any thread, under this object's lock. A frame the sink cannot take at once waits in
 * a backlog (the transport's one frame in flight and control frames) until
 * {@link #onWritable()}; the backlog is dropped once written, so an idle connection holds none.
 * Frames queued together are flushed once, when the transport's queue ran dry. The transport's
 * frames stop at the close frame. Reads: the container's thread, one at a time, through
 * {@link #receive}. Events reach the engine's {@link WebSocketHandler} in order and never under
 * the lock (the handler may write to other connections); {@code onClose} exactly once, last.
 */
final class WebSocketSession extends WebSocketFrameReader
        implements WebSocketConnection, WebSocketFrameReader.Listener, WriteListener {

    /**
     * How long a close frame the server sent waits for the peer's, or for the output to flush,
     * unless the engine's {@code closeTimeout} says otherwise: its default.
     */
    static final Duration CLOSE_TIMEOUT = EngineOptions.defaults().closeTimeout();

    /** Where a session is in its life; see the class documentation for the transitions. */
    enum State {
        /** Frames flow both ways. */
        OPEN,
        /** The server sent its close frame: the transport's frames are refused; the peer's close frame is awaited. */
        CLOSE_SENT,
        /** Both sides are done (the peer's close was answered, or a protocol error was): dropped once flushed. */
        CLOSING,
        /** The connection is dropped and the handler told. Final. */
        CLOSED
    }

    private final FrameSink sink;
    private final Scheduler scheduler;
    /** The engine's options' (shared): one reference, not the value, in every connection. */
    private final Duration closeTimeout;
    /**
     * What permessage-deflate agreed and the connection's own codecs, or {@code null} without
     * compression (the usual case: one field rather than three in every session).
     */
    private final Compression compression;
    /** Written under the lock; read without it where a stale value only delays a refusal. */
    private volatile State state = State.OPEN;
    /** The engine's side; {@code null} until {@link #open}. Written under the lock. */
    private volatile WebSocketHandler handler;

    // guarded by this
    /** Frames waiting for the sink to be ready; {@code null} when none wait. */
    private ArrayDeque<byte[]> backlog;
    /** The transport's completion for the frame in the backlog. */
    private Consumer<Throwable> waiting;
    /**
     * Whether bytes were written since the last flush. True at first: some containers (Grizzly)
     * send the 101 response only when the stream is flushed, and an upgrade's probe may have
     * nothing to send until the client speaks.
     */
    private boolean unflushed = true;

    /**
     * @param sink the connection's output
     * @param scheduler runs the close handshake's timeout
     * @param maxMessageSize the longest message accepted, in bytes ({@code maxHttpBufferSize}),
     *     compressed or inflated
     * @param deflate what permessage-deflate agreed, or {@code null} for no compression
     */
    WebSocketSession(FrameSink sink, Scheduler scheduler, long maxMessageSize, PerMessageDeflate deflate) {
        this(sink, scheduler, maxMessageSize, deflate, CLOSE_TIMEOUT);
    }

    /**
     * @param sink the connection's output
     * @param scheduler runs the close handshake's timeout
     * @param maxMessageSize the longest message accepted, in bytes ({@code maxHttpBufferSize}),
     *     compressed or inflated
     * @param deflate what permessage-deflate agreed, or {@code null} for no compression
     * @param closeTimeout how long a close the server started waits for the peer ({@code closeTimeout})
     */
    WebSocketSession(FrameSink sink, Scheduler scheduler, long maxMessageSize, PerMessageDeflate deflate, Duration closeTimeout) {
        this(sink, scheduler, deflate == null ? null : new Compression(deflate, deflate.newInflater(), deflate.newDeflater()),
                maxMessageSize, closeTimeout);
    }

    // The session is its own frame reader (one object fewer per connection): the reader's state
    // is in the session's fields, and the reader reports to the session.
    private WebSocketSession(FrameSink sink, Scheduler scheduler, Compression compression, long maxMessageSize,
            Duration closeTimeout) {
        super(maxMessageSize, compression == null ? null : compression.inflater());
        this.sink = sink;
        this.scheduler = scheduler;
        this.compression = compression;
        this.closeTimeout = closeTimeout;
    }

    /**
     * A session without permessage-deflate.
     *
     * @param sink the connection's output
     * @param scheduler runs the close handshake's timeout
     * @param maxMessageSize the longest message accepted, in bytes ({@code maxHttpBufferSize})
     */
    WebSocketSession(FrameSink sink, Scheduler scheduler, long maxMessageSize) {
        this(sink, scheduler, maxMessageSize, null);
    }

    /** @return where the session is in its life */
    State state() {
        return state;
    }

    /** @return whether frames wait for the sink (for tests: an idle session holds no backlog) */
    synchronized boolean hasBacklog() {
        return backlog != null;
    }

    /**
     * Binds the engine's handler, once the engine opened the WebSocket (it may already have
     * written to it), and flushes what was written, or the bare 101 response.
     *
     * @param engineSide receives the session's events from now on
     * @return whether the session is still open: if not, {@code onClose} was reported
     */
    boolean open(WebSocketHandler engineSide) {
        flush();
        boolean closed;
        synchronized (this) {
            handler = engineSide;
            closed = state == State.CLOSED;
        }
        if (closed) {
            engineSide.onClose(); // it closed while the engine opened it: not told then
        }
        return !closed;
    }

    // ---- the engine's view ----

    @Override
    public void send(EnginePacket packet, Consumer<Throwable> onComplete) {
        // Compressed outside the lock: the transport sends one packet at a time, in order, so a
        // connection's own compression context still sees its messages in wire order.
        Compression codecs = compression;
        sendFrame(codecs == null ? PacketFrames.of(packet, null, null)
                : PacketFrames.of(packet, codecs.agreed(), codecs.deflater()), onComplete);
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
        boolean open;
        boolean written = false;
        Throwable failure = null;
        synchronized (this) {
            open = state == State.OPEN;
            if (open) {
                try {
                    written = writeLocked(frame, onComplete);
                } catch (IOException | RuntimeException e) { // a stream the container closed may throw
                    failure = e;
                }
            }
        }
        if (!open) {
            onComplete.accept(new ClosedChannelException()); // the transport's frames stop at the close frame
        } else if (failure != null) {
            fail(failure, onComplete);
        } else if (written) {
            onComplete.accept(null); // a write the sink took completes on the writing thread
        }
    }

    /**
     * The transport has nothing more to send for now: flushes, unless frames wait for the sink
     * ({@link #onWritable} flushes after them). In {@link State#CLOSING}, a flush that completed
     * drops the connection.
     */
    @Override
    public void flush() {
        boolean drop = false;
        Throwable failure = null;
        synchronized (this) {
            if (state == State.CLOSED || backlog != null) {
                return;
            }
            try {
                flushLocked();
                drop = state == State.CLOSING && sink.isReady();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            fail(failure, null);
        } else if (drop) {
            terminate();
        }
    }

    /** The engine closes the session: the close frame goes out, then the peer's is awaited. */
    @Override
    public void close(int code, String reason) {
        if (sendClose(State.OPEN, State.CLOSE_SENT, code, reason)) {
            flush();
        }
    }

    // ---- the container's events ----

    /** The sink is ready again: writes the backlog as far as it takes it, then flushes. */
    void onWritable() {
        Consumer<Throwable> completed = null;
        boolean drop = false;
        Throwable failure = null;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                while (backlog != null && sink.isReady()) {
                    byte[] next = backlog.poll();
                    if (backlog.isEmpty()) {
                        // Dropped once written: every connection's first frames meet a sink not yet
                        // ready, and an idle connection would keep the empty deque for its whole life.
                        backlog = null;
                    }
                    sink.write(next);
                    unflushed = true;
                }
                if (backlog == null) {
                    completed = waiting;
                    waiting = null;
                    // With a completion the transport writes on and flushes when its queue ran dry;
                    // after the close frame it writes nothing more, so the flush is ours.
                    if (completed == null || state != State.OPEN) {
                        flushLocked();
                        drop = state == State.CLOSING && sink.isReady();
                    }
                }
            } catch (IOException | RuntimeException e) { // a stream the container closed may throw
                failure = e;
            }
        }
        if (failure != null) {
            fail(failure, null);
            return;
        }
        if (completed != null) {
            completed.accept(null);
        }
        if (drop) {
            terminate();
        }
    }

    /** The output stream's callback (the session is its own write listener: one object fewer per connection). */
    @Override
    public void onWritePossible() {
        onWritable();
    }

    /** The output stream's callback: a failed write or flush, see {@link #onWriteError}. */
    @Override
    public void onError(Throwable error) {
        onWriteError(error);
    }

    /**
     * The container reports a failed write or flush. Tomcat reports one synchronously from
     * inside our own {@code write} or {@code flush}, under this session's lock; the exception it
     * then throws reaches the caller, which fails the session once the lock is released.
     * Handling the report here would run the application's disconnect handlers (which
     * broadcast to other connections) under this connection's lock: two connections failing at
     * once would deadlock.
     *
     * @param error the failure
     */
    void onWriteError(Throwable error) {
        if (Thread.holdsLock(this)) {
            return;
        }
        fail(error, null);
    }

    /** @param error the container could not read */
    void onReadError(Throwable error) {
        fail(error, null);
    }

    /**
     * Consumes bytes the client sent; the frames they complete are handled before it returns.
     *
     * @param bytes a buffer
     * @param offset where the new bytes start
     * @param length how many
     */
    void receive(byte[] bytes, int offset, int length) {
        try {
            read(bytes, offset, length);
        } catch (WebSocketProtocolException e) {
            failProtocol(e);
        }
    }

    /** @return whether more input is wanted: not after the peer's close frame or a protocol error */
    boolean wantsInput() {
        return !isDone() && state != State.CLOSED;
    }

    /**
     * Drops the connection now (end of input, the container's {@code destroy}, the close
     * handshake's timeout) and tells the handler, once. Idempotent.
     */
    void terminate() {
        WebSocketHandler told;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            backlog = null;
            waiting = null; // nothing more leaves: a transport frame still waiting goes with it
            told = handler;
        }
        dropAndTell(told);
    }

    // ---- what the frame reader decoded ----

    @Override
    public void onText(String message) {
        WebSocketHandler current = handler;
        if (current != null && state != State.CLOSED) {
            current.onText(message);
        }
    }

    @Override
    public void onBinary(byte[] message) {
        WebSocketHandler current = handler;
        if (current != null && state != State.CLOSED) {
            current.onBinary(message);
        }
    }

    @Override
    public void onPing(byte[] data) {
        Throwable failure = null;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                writeLocked(WebSocketFrameWriter.pong(data), null);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            fail(failure, null);
        } else {
            flush();
        }
    }

    /** The peer's close frame: the answer to ours, or its own close, which is echoed (RFC 6455 5.5.1). */
    @Override
    public void onClose(int code, String reason) {
        int echo = code == WebSocketProtocol.CLOSE_NO_STATUS ? WebSocketProtocol.CLOSE_NORMAL : code;
        if (sendClose(State.OPEN, State.CLOSING, echo, "")) {
            flush();
        } else if (peerAnswered()) {
            // Our close frame answers the peer's, but it may not have left yet: still waiting for
            // the sink behind a broadcast's frame, or written and not flushed, when the engine
            // closed just as the peer did. Dropping now would lose it, and the peer would see its
            // close go unanswered (RFC 6455 5.5.1); so drop once it is flushed, as after an echo.
            // The timeout started with our close frame still bounds the wait.
            flush();
        }
    }

    /** In {@link State#CLOSE_SENT}, the peer's close frame came: both sides are done. */
    private synchronized boolean peerAnswered() {
        if (state != State.CLOSE_SENT) {
            return false;
        }
        state = State.CLOSING;
        return true;
    }

    // ---- transitions ----

    /**
     * Moves from {@code from} to {@code to}, writing a close frame, and starts the timeout that
     * drops the connection should the peer not answer or not read.
     *
     * @return whether this call made the move
     */
    private boolean sendClose(State from, State to, int code, String reason) {
        Throwable failure = null;
        synchronized (this) {
            if (state != from) {
                return false;
            }
            state = to;
            try {
                writeLocked(WebSocketFrameWriter.close(code, reason), null);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            fail(failure, null);
            return false;
        }
        scheduler.schedule(closeTimeout, this::terminate);
        return true;
    }

    /**
     * The peer broke the protocol: a close frame with the exception's code goes out first (the
     * engine, told of the error, would otherwise close with 1000), the engine is told, and the
     * connection drops once the close frame is flushed. A message over the size limit is the
     * engine's {@link PayloadTooLargeException}, as on every path.
     */
    private void failProtocol(WebSocketProtocolException e) {
        // 1009 with the code alone, as the engine's own (and the reference server's ws)
        String reason = e.closeCode() == WebSocketProtocol.CLOSE_TOO_BIG ? "" : e.getMessage();
        if (!sendClose(State.OPEN, State.CLOSING, e.closeCode(), reason)) {
            return;
        }
        WebSocketHandler current = handler;
        if (current != null && state != State.CLOSED) {
            current.onError(e.closeCode() == WebSocketProtocol.CLOSE_TOO_BIG
                    ? new PayloadTooLargeException(maxMessageSize())
                    : new IOException("WebSocket protocol error: " + e.getMessage()));
        }
        flush();
    }

    /**
     * The connection failed: nothing more is written or read. The transport's frame waiting for
     * the sink, or the caller's own, completes with the error; otherwise the handler hears of it
     * through {@code onError}. Then the connection drops and the handler is told it closed.
     *
     * @param caller the completion of the frame whose write failed, or {@code null}
     */
    private void fail(Throwable error, Consumer<Throwable> caller) {
        Consumer<Throwable> stranded;
        WebSocketHandler told;
        boolean first;
        synchronized (this) {
            stranded = caller != null ? caller : waiting;
            first = state != State.CLOSED;
            state = State.CLOSED;
            backlog = null;
            waiting = null;
            told = first ? handler : null;
        }
        if (stranded != null) {
            stranded.accept(error);
        } else if (told != null) {
            told.onError(error);
        }
        if (first) {
            dropAndTell(told);
        }
    }

    /** After the move to {@link State#CLOSED}: drops the connection, tells the handler. */
    private void dropAndTell(WebSocketHandler told) {
        sink.close();
        if (compression != null) {
            compression.close(); // the codecs' native memory, now rather than when collected
        }
        if (told != null) {
            told.onClose(); // null: not opened yet, open() tells it
        }
    }

    // ---- writing, under the lock ----

    /** Writes a frame now if the sink is ready and nothing waits, else keeps it for {@link #onWritable}. */
    private boolean writeLocked(byte[] frame, Consumer<Throwable> onComplete) throws IOException {
        if (backlog == null && sink.isReady()) {
            sink.write(frame);
            unflushed = true;
            return true;
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

    private void flushLocked() throws IOException {
        if (unflushed && sink.isReady()) {
            unflushed = false;
            sink.flush();
        }
    }

    /** What permessage-deflate agreed, with the connection's codecs (either may be {@code null}). */
    private record Compression(PerMessageDeflate agreed, MessageInflater inflater, MessageDeflater deflater) {
        void close() {
            if (inflater != null) {
                inflater.close();
            }
            if (deflater != null) {
                deflater.close();
            }
        }
    }
}
