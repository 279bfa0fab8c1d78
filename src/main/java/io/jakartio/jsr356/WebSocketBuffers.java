package io.jakartio.jsr356;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.lang.System.Logger.Level;

/**
 * Lowers the container's default per-session WebSocket message buffers. Tomcat allocates them
 * for every session when it opens (8 K chars of text plus 8 KB of binary by default, 24 KB of
 * heap per idle connection); the endpoint receives messages in parts and assembles them itself,
 * so a small buffer costs nothing but memory saved.
 *
 * <pre>{@code
 * WebSocketBuffers.lower(servletContext, 1024);
 * }</pre>
 */
public final class WebSocketBuffers {

    private static final System.Logger LOG = System.getLogger(WebSocketBuffers.class.getName());

    private WebSocketBuffers() {
    }

    /**
     * Lowers the container's default text and binary buffer sizes to {@code size}, when larger.
     *
     * @param context the web application, while it starts
     * @param size the size; 0 leaves the container's defaults
     */
    public static void lower(ServletContext context, int size) {
        if (size <= 0 || !(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
            return;
        }
        if (container.getDefaultMaxTextMessageBufferSize() > size) {
            container.setDefaultMaxTextMessageBufferSize(size);
        }
        if (container.getDefaultMaxBinaryMessageBufferSize() > size) {
            container.setDefaultMaxBinaryMessageBufferSize(size);
        }
        LOG.log(Level.DEBUG, "WebSocket session buffers: {0} chars of text, {1} bytes of binary",
                container.getDefaultMaxTextMessageBufferSize(), container.getDefaultMaxBinaryMessageBufferSize());
    }
}
