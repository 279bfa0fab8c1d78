package io.jakartio.jsr356;

import io.jakartio.engine.EngineServer;
import io.jakartio.engine.PayloadTooLargeException;
import io.jakartio.engine.RequestSnapshot;
import io.jakartio.engine.WebSocketHandler;
import io.jakartio.websocket.WebSocketProtocol;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connects one JSR-356 session to the engine. Messages are received as partial frames and
 * assembled here, so the container keeps its small default per-session buffers (a
 * whole-message handler would make some containers allocate the full limit for every
 * connection). This is the one place the JSR-356 path checks {@code maxHttpBufferSize}, in
 * bytes (a text message's UTF-8 encoding), as the bytes arrive: a larger message is reported
 * to the engine as a {@link PayloadTooLargeException}, which closes the session with
 * {@link WebSocketProtocol#CLOSE_TOO_BIG}, and the rest of it is dropped.
 *
 * <p>Frames that arrive before {@link #open} finished are kept and delivered after it, in order:
 * some containers (Undertow, with its default dispatch to a worker) start reading while the
 * endpoint's open callback still runs.
 */
final class WebSocketBridge {

    private final EngineServer engine;
    private volatile WebSocketHandler handler;
    private volatile SessionConnection connection;
    private Session session;
    /**
     * The message being assembled from parts: a {@link TextParts}, a
     * {@link ByteArrayOutputStream}, or {@link #DROPPING} once a message was over the limit (the
     * session is closing; what follows is dropped). {@code null} between messages: one field,
     * as a WebSocket never interleaves two data messages, so that an idle connection keeps no more.
     */
    private Object partial;
    private List<Runnable> early = new ArrayList<>();
    private static final int MAX_EARLY_FRAMES = 64;
    /** What {@link #early} becomes when too many frames came before the session opened: it is closed as it opens. */
    private static final List<Runnable> FLOODED = List.of();
    private static final Object DROPPING = new Object();

    /** A text message in parts, and its UTF-8 length so far. */
    private static final class TextParts {
        final StringBuilder text;
        long bytes;

        TextParts(int capacity) {
            this.text = new StringBuilder(capacity);
        }
    }

    WebSocketBridge(EngineServer engine) {
        this.engine = engine;
    }

    /**
     * Binds the session to the engine.
     *
     * @param session the new session
     * @param config its configuration, carrying the captured handshake request
     * @param addHandlers whether to register message handlers (programmatic endpoints); an
     *     annotated endpoint declares its own and calls {@link #text} / {@link #binary}
     */
    synchronized void open(Session session, EndpointConfig config, boolean addHandlers) {
        this.session = session;
        session.setMaxIdleTimeout(0); // the Engine.IO heartbeat detects dead peers
        if (early == FLOODED) {
            early = null;
            SessionConnection.close(session, WebSocketProtocol.CLOSE_POLICY_VIOLATION,
                    "too many frames before the session opened");
            return;
        }
        Map<String, Object> properties = config.getUserProperties();
        RequestSnapshot request = (RequestSnapshot) properties.get(HandshakeSnapshot.PROPERTY);
        if (request == null) {
            SessionConnection.close(session, WebSocketProtocol.CLOSE_INTERNAL_ERROR, "missing handshake data");
            return;
        }
        if (request.remoteAddress().isEmpty()) {
            String peer = peerAddress(session);
            if (peer != null) {
                request = request.withRemoteAddress(peer);
            }
        }
        connection = new SessionConnection(session, engine.options().closeTimeout());
        handler = engine.openWebSocket(request, connection);
        if (addHandlers) {
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::text);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::binary);
        }
        List<Runnable> pending = early;
        early = null;
        for (Runnable frame : pending) {
            frame.run();
        }
    }

    /** A part of a text message. */
    synchronized void text(String part, boolean last) {
        if (early != null) {
            keepEarly(() -> onText(part, last));
        } else if (handler != null) {
            onText(part, last);
        }
    }

    /** A part of a binary message; the buffer is only valid during the call. */
    synchronized void binary(ByteBuffer part, boolean last) {
        if (early != null) {
            ByteBuffer copy = ByteBuffer.allocate(part.remaining()).put(part).flip();
            keepEarly(() -> onBinary(copy, last));
        } else if (handler != null) {
            onBinary(part, last);
        }
    }

    /**
     * Keeps a frame that came before {@link #open}. The session is not known yet (the container
     * hands it to {@code open}), so a peer that floods it is closed there, and its frames dropped.
     */
    private void keepEarly(Runnable frame) {
        if (early == FLOODED) {
            return;
        }
        if (early.size() >= MAX_EARLY_FRAMES) {
            early = FLOODED;
            return;
        }
        early.add(frame);
    }

    // Not synchronized: closing another session from a handler may run that session's close on
    // this thread; only open and message delivery share the lock.
    void close() {
        if (handler != null) {
            handler.onClose();
        }
    }

    void error(Throwable error) {
        SessionConnection current = connection;
        if (current != null && isIoFailure(error)) {
            current.markBroken();
        }
        if (handler != null) {
            handler.onError(error);
        }
    }

    /** An I/O error anywhere in the cause chain: the connection itself failed. */
    static boolean isIoFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private void onText(String part, boolean last) {
        if (partial == DROPPING) {
            return;
        }
        long limit = engine.options().maxHttpBufferSize();
        if (last && partial == null) {
            if (Utf8.lengthExceeds(part, limit)) {
                reportTooBig(limit);
            } else {
                handler.onText(part);
            }
            return;
        }
        TextParts parts = partial instanceof TextParts started ? started : new TextParts(part.length() * 2);
        parts.bytes += Utf8.lengthAfter(parts.text, part);
        if (parts.bytes > limit) {
            reportTooBig(limit);
            return;
        }
        parts.text.append(part);
        if (last) {
            partial = null;
            handler.onText(parts.text.toString());
        } else {
            partial = parts;
        }
    }

    private void onBinary(ByteBuffer part, boolean last) {
        if (partial == DROPPING) {
            return;
        }
        long limit = engine.options().maxHttpBufferSize();
        ByteArrayOutputStream parts = partial instanceof ByteArrayOutputStream started ? started : null;
        if ((parts == null ? 0L : parts.size()) + part.remaining() > limit) {
            reportTooBig(limit);
            return;
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        if (last && parts == null) {
            handler.onBinary(bytes);
            return;
        }
        if (parts == null) {
            parts = new ByteArrayOutputStream(Math.max(256, bytes.length * 2));
        }
        parts.write(bytes, 0, bytes.length);
        if (last) {
            partial = null;
            handler.onBinary(parts.toByteArray());
        } else {
            partial = parts;
        }
    }

    /** The message is over {@code maxHttpBufferSize}: the engine closes the session with {@code CLOSE_TOO_BIG}. */
    private void reportTooBig(long limit) {
        partial = DROPPING;
        handler.onError(new PayloadTooLargeException(limit));
    }

    /**
     * The peer address from a container-specific session method, for containers that serve
     * WebSocket outside the servlet request cycle (standalone Tyrus has getRemoteAddr()).
     */
    private static String peerAddress(Session session) {
        try {
            Object address = session.getClass().getMethod("getRemoteAddr").invoke(session);
            return address instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            return null;
        }
    }
}
