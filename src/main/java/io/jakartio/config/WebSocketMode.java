package io.jakartio.config;

import java.util.Locale;

/**
 * Which WebSocket implementation serves the Engine.IO path, set by {@code jakartio.websocket}:
 * a system property or the environment ({@code JAKARTIO_WEBSOCKET}) only, because the container
 * deploys WebSocket endpoints before any context parameter can be read.
 *
 * <pre>{@code
 * -Djakartio.websocket=jsr356   # the container's Jakarta WebSocket (JSR-356) endpoint
 * -Djakartio.websocket=native   # Jakartio's own, over the Servlet HTTP upgrade (the default)
 * }</pre>
 */
public enum WebSocketMode {

    /**
     * Jakartio frames WebSocket itself over {@code HttpServletRequest.upgrade} with non-blocking
     * servlet streams (the servlet binding's {@code ServletWebSocket}): a broadcast's frame is built once and written
     * to every recipient, queued frames are flushed together. Needs a Servlet 6 container only.
     */
    NATIVE,

    /**
     * The container's Jakarta WebSocket implementation through the {@code @ServerEndpoint}
     * {@code SocketIoEndpoint} (or {@code EngineEndpoint}); also the only choice outside a
     * servlet container (standalone Tyrus).
     */
    JSR356;

    /**
     * @param value the setting, case-insensitive; {@code null} or blank for the default
     * @return the mode
     * @throws IllegalArgumentException for an unknown value
     */
    public static WebSocketMode parse(String value) {
        if (value == null || value.isBlank()) {
            return NATIVE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "native" -> NATIVE;
            case "jsr356", "jsr-356", "jakarta" -> JSR356;
            default -> throw new IllegalArgumentException(
                    "jakartio.websocket: expected native or jsr356, got " + value);
        };
    }
}
