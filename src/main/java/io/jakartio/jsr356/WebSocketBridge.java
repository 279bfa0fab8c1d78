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
    private StringBuilder text;
    /** The UTF-8 length of {@link #text}. */
    private long textBytes;
    private ByteArrayOutputStream binary;
    /** A message was over the limit: the session is closing, later frames are dropped. */
    private boolean tooBig;
    private List<Runnable> early = new ArrayList<>();
    private static final int MAX_EARLY_FRAMES = 64;

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
        connection = new SessionConnection(session);
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

    private void keepEarly(Runnable frame) {
        if (early.size() >= MAX_EARLY_FRAMES) {
            early = new ArrayList<>();
            SessionConnection.close(session, WebSocketProtocol.CLOSE_POLICY_VIOLATION,
                    "too many frames before the session opened");
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
        if (tooBig) {
            return;
        }
        long limit = engine.options().maxHttpBufferSize();
        if (last && text == null) {
            if (Utf8.lengthExceeds(part, limit)) {
                reportTooBig(limit);
            } else {
                handler.onText(part);
            }
            return;
        }
        if (text == null) {
            text = new StringBuilder(part.length() * 2);
            textBytes = 0;
        }
        textBytes += Utf8.lengthAfter(text, part);
        if (textBytes > limit) {
            reportTooBig(limit);
            return;
        }
        text.append(part);
        if (last) {
            String message = text.toString();
            text = null;
            handler.onText(message);
        }
    }

    private void onBinary(ByteBuffer part, boolean last) {
        if (tooBig) {
            return;
        }
        long limit = engine.options().maxHttpBufferSize();
        int assembled = binary == null ? 0 : binary.size();
        if ((long) assembled + part.remaining() > limit) {
            reportTooBig(limit);
            return;
        }
        if (last && binary == null) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            handler.onBinary(bytes);
            return;
        }
        if (binary == null) {
            binary = new ByteArrayOutputStream(Math.max(256, part.remaining() * 2));
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        binary.write(chunk, 0, chunk.length);
        if (last) {
            byte[] message = binary.toByteArray();
            binary = null;
            handler.onBinary(message);
        }
    }

    /** The message is over {@code maxHttpBufferSize}: the engine closes the session with {@code CLOSE_TOO_BIG}. */
    private void reportTooBig(long limit) {
        tooBig = true;
        text = null;
        binary = null;
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
