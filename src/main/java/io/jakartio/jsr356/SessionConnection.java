package io.jakartio.jsr356;

import io.jakartio.engine.EngineOptions;
import io.jakartio.engine.WebSocketConnection;
import io.jakartio.websocket.WebSocketProtocol;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.time.Duration;

/**
 * A {@link WebSocketConnection} over a JSR-356 session, sending asynchronously.
 *
 * <p>Once the container reported an I/O error the connection is <em>broken</em>: closing it
 * sends no close frame (the peer is gone, and the container closes the socket itself after its
 * error callback). Sending one anyway would block: Tomcat, for one, waits for the write that
 * failed to release the session's send lock, spinning for up to its blocking-send timeout on
 * the thread that reported the error — with thousands of clients dropping at once, every
 * container thread for minutes.
 */
final class SessionConnection implements WebSocketConnection {

    /** Tomcat's session property bounding blocking sends (the close frame) in milliseconds. */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    static final long CLOSE_SEND_TIMEOUT_MILLIS = 2_000;

    private final Session session;
    private volatile boolean broken;
    private volatile RemoteEndpoint.Async async;
    private volatile CachedHandler handler;

    /** @param session the container's session, with the default {@code closeTimeout} */
    SessionConnection(Session session) {
        this(session, EngineOptions.defaults().closeTimeout());
    }

    /**
     * @param session the container's session
     * @param closeTimeout how long a close the server started waits for the peer ({@code closeTimeout})
     */
    SessionConnection(Session session, Duration closeTimeout) {
        this.session = session;
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, CLOSE_SEND_TIMEOUT_MILLIS);
        CloseTimeout.apply(session, closeTimeout);
    }

    /** The container reported an I/O error: the socket is dead, close without a close frame. */
    void markBroken() {
        broken = true;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> onComplete) {
        try {
            remote().sendText(text, handler(onComplete));
        } catch (RuntimeException e) {
            onComplete.accept(e);
        }
    }

    @Override
    public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        try {
            remote().sendBinary(ByteBuffer.wrap(data), handler(onComplete));
        } catch (RuntimeException e) {
            onComplete.accept(e);
        }
    }

    private RemoteEndpoint.Async remote() {
        RemoteEndpoint.Async current = async;
        if (current == null) {
            current = session.getAsyncRemote();
            async = current;
        }
        return current;
    }

    /** The transport passes the same callback every time: adapt it once, not per frame. */
    private SendHandler handler(Consumer<Throwable> onComplete) {
        CachedHandler current = handler;
        if (current == null || current.onComplete != onComplete) {
            current = new CachedHandler(onComplete);
            handler = current;
        }
        return current;
    }

    private record CachedHandler(Consumer<Throwable> onComplete) implements SendHandler {
        @Override
        public void onResult(SendResult result) {
            onComplete.accept(result.getException());
        }
    }

    @Override
    public void close(int code, String reason) {
        if (broken || !session.isOpen()) {
            return;
        }
        close(session, code, reason);
    }

    /**
     * Closes a session with one of {@link WebSocketProtocol}'s close codes: the one place the
     * JSR-356 binding turns them into {@link CloseReason.CloseCode}s.
     *
     * <pre>{@code
     * SessionConnection.close(session, WebSocketProtocol.CLOSE_POLICY_VIOLATION, "too many frames");
     * }</pre>
     *
     * @param session the session
     * @param code the close code, e.g. {@link WebSocketProtocol#CLOSE_NORMAL}
     * @param reason a short reason (at most 123 UTF-8 bytes)
     */
    static void close(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            // already closing: nothing more to do
        }
    }
}
