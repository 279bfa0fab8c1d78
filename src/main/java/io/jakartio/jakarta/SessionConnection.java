package io.jakartio.jakarta;

import io.jakartio.engine.WebSocketConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A {@link WebSocketConnection} over a JSR-356 session, sending asynchronously. */
final class SessionConnection implements WebSocketConnection {

    private final Session session;

    SessionConnection(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> onComplete) {
        try {
            session.getAsyncRemote().sendText(text, result -> onComplete.accept(result.getException()));
        } catch (RuntimeException e) {
            onComplete.accept(e);
        }
    }

    @Override
    public void sendBinary(byte[] data, Consumer<Throwable> onComplete) {
        try {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data), result -> onComplete.accept(result.getException()));
        } catch (RuntimeException e) {
            onComplete.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            // already closing: nothing more to do
        }
    }
}
