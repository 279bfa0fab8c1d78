package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.EngineRequest;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.PacketFrames;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.websocket.PerMessageDeflate;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * A WebSocket served by Jakartio itself over the Servlet HTTP upgrade, with non-blocking
 * servlet streams: the {@code native} WebSocket implementation (see {@link WebSocketMode}).
 *
 * <p>Why: a broadcast sends the same packet to every recipient. Here its frame is built once
 * ({@link PacketFrames#of}) and the same bytes are written to each connection; frames queued
 * for one connection are written together and flushed once; a write that the socket accepted
 * completes on the writing thread. A JSR-356 container re-encodes the text, writes each frame
 * on its own and hands every completion to another thread.
 *
 * <p>This class only binds the container's streams and callbacks to a {@link WebSocketSession},
 * which holds the connection's state and logic: it is the session's {@link FrameSink} (the
 * output stream, and dropping the connection) and the input stream's {@link ReadListener},
 * feeding the bytes it reads to the session, one container thread at a time. Where the container
 * reads on threads that must not block (WildFly's I/O threads), the frames the session decodes
 * are handled on the container's managed executor instead ({@link InboundDispatch}).
 *
 * <p>The container creates instances through {@link jakarta.servlet.http.HttpServletRequest#upgrade};
 * {@link WebSocketUpgrade} binds them to the engine.
 */
public class ServletWebSocket implements HttpUpgradeHandler, FrameSink, ReadListener {

    private static final System.Logger LOG = System.getLogger(ServletWebSocket.class.getName());
    private static final int READ_BUFFER_SIZE = 8192;
    /** How many messages of the largest size may wait for busy handlers (InboundDispatch). */
    private static final long MAX_WAITING_MESSAGES = 4;
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_SIZE]);

    /** From {@link #bind} until {@link #init}, then {@code null}: one field, not three, in every connection. */
    private Binding binding;
    private WebConnection webConnection;
    private ServletOutputStream out;
    private ServletInputStream in;
    private WebSocketSession session;
    /**
     * The application's context, which a reading thread without it takes while it hands packets
     * to the handlers (on WildFly the reads run on Undertow's I/O threads).
     */
    private ApplicationContext application;

    /** For the container ({@code HttpServletRequest.upgrade}); {@link #bind} follows. */
    public ServletWebSocket() {
    }

    /**
     * Binds the upgraded connection to the engine; called by the servlet right after
     * {@code upgrade()} returned, before the container calls {@link #init}.
     */
    void bind(EngineServer engine, EngineRequest request, PerMessageDeflate deflate, ApplicationContext application) {
        this.binding = new Binding(engine, request, deflate);
        this.application = application;
    }

    @Override
    public void init(WebConnection connection) {
        this.webConnection = connection;
        try {
            in = connection.getInputStream();
            out = connection.getOutputStream();
        } catch (IOException | RuntimeException e) { // a stream the container closed may throw
            close();
            return;
        }
        Binding bound = binding;
        binding = null;
        EngineServer engine = bound.engine();
        WebSocketSession opening = new WebSocketSession(this, engine.scheduler(), engine.options().maxHttpBufferSize(),
                bound.deflate(), engine.options().closeTimeout());
        session = opening;
        out.setWriteListener(opening);
        WebSocketHandler handler = engine.openVerifiedWebSocket(bound.request(), opening);
        Executor executor = application.executor();
        if (executor != null) { // frames read on a thread that must not block go there (WildFly's I/O threads)
            handler = new InboundDispatch(handler, opening, executor, application::isCurrent,
                    MAX_WAITING_MESSAGES * engine.options().maxHttpBufferSize());
        }
        if (opening.open(handler)) { // flushes: the 101 goes out even when the engine sent nothing yet
            in.setReadListener(this);
        }
    }

    @Override
    public void destroy() {
        WebSocketSession current = session;
        if (current != null) {
            current.terminate();
        } else {
            close();
        }
    }

    // ---- FrameSink: the session's output ----

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            if (webConnection != null) {
                webConnection.close();
            }
            if (out != null) {
                UpgradedSockets.closeSocket(out); // Tomcat: WebConnection.close() alone may wait forever
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an upgraded connection failed", e);
        }
    }

    // ---- ReadListener: the session's input ----

    @Override
    public void onDataAvailable() throws IOException {
        if (inPlace()) {
            read();
            return;
        }
        application.run(() -> {
            try {
                read();
            } catch (IOException e) {
                session.onReadError(e);
            }
        });
    }

    private void read() throws IOException {
        byte[] buffer = READ_BUFFER.get();
        while (session.wantsInput() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                session.terminate();
                return;
            }
            session.receive(buffer, 0, n);
        }
    }

    @Override
    public void onAllDataRead() {
        inApplication(session::terminate);
    }

    @Override
    public void onError(Throwable error) {
        inApplication(() -> session.onReadError(error));
    }

    /** Runs what may call the handlers (their disconnect) in the application's context. */
    private void inApplication(Runnable action) {
        if (inPlace()) {
            action.run();
        } else {
            application.run(action);
        }
    }

    /**
     * @return whether this thread may read as it is: one of the application's, or any where the
     *     handlers run on the application's executor ({@link InboundDispatch} then decides by
     *     this thread, so it must not take the application's context first)
     */
    private boolean inPlace() {
        return application.executor() != null || application.isCurrent();
    }

    /** What {@link #bind} gave, for {@link #init}. */
    private record Binding(EngineServer engine, EngineRequest request, PerMessageDeflate deflate) {
    }
}
