package io.jakartio.it;

import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The client's OkHttp {@link WebSocket.Factory}, passed through unchanged except that the
 * Close frames the server sends are recorded (code and reason) before the client sees them.
 * The client's own behaviour is not altered: every callback is forwarded as is.
 */
final class WatchedWebSockets implements WebSocket.Factory {

    private final WebSocket.Factory delegate;
    private final Events closeFrames;

    /**
     * @param delegate the real factory
     * @param closeFrames receives {@code [code, reason]} for each Close frame from the server
     */
    WatchedWebSockets(WebSocket.Factory delegate, Events closeFrames) {
        this.delegate = delegate;
        this.closeFrames = closeFrames;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        return delegate.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                listener.onOpen(webSocket, response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.onMessage(webSocket, text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                listener.onMessage(webSocket, bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                closeFrames.add(code, reason);
                listener.onClosing(webSocket, code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                listener.onClosed(webSocket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                listener.onFailure(webSocket, t, response);
            }
        });
    }
}
