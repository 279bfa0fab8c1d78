package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import io.jakartio.jsr356.EngineEndpoint;
import io.jakartio.config.SocketIoConfig;
import io.jakartio.engine.EngineServer;
import io.jakartio.server.Server;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Registers a server in a web application by hand: the polling servlet, the WebSocket endpoint
 * and the client script, at the server's path. For embedded containers and applications that
 * build their {@link Server} themselves; a WAR using CDI needs none of this. WebSocket is
 * served as {@code jakartio.websocket} says ({@link WebSocketMode}). For JSR-356, like the CDI
 * bootstrap, it lowers the container's per-session WebSocket buffers to
 * {@code jakartio.websocketBufferSize} (see {@link SocketIoConfig}) and puts a
 * {@link WebSocketHandshakeFilter} in front of the container's WebSocket filter.
 *
 * <pre>{@code
 * public void onStartup(Set<Class<?>> classes, ServletContext context) {
 *     Server io = new Server(ServerOptions.defaults());
 *     io.on("connection", socket -> socket.emit("hello"));
 *     SocketIoRegistration.register(context, io);
 * }
 * }</pre>
 */
public final class SocketIoRegistration {

    private SocketIoRegistration() {
    }

    /**
     * Registers {@code io}'s transports at {@code io.options().path()}.
     *
     * @param context the web application, while it starts
     * @param io the server
     * @throws IllegalStateException if the container has no WebSocket support or refuses the endpoint
     */
    public static void register(ServletContext context, Server io) {
        register(context, io, SocketIoConfig.websocketMode());
    }

    /**
     * Registers {@code io}'s transports at {@code io.options().path()} with a chosen WebSocket
     * implementation.
     *
     * <pre>{@code
     * SocketIoRegistration.register(context, io, WebSocketMode.JSR356);
     * }</pre>
     *
     * @param context the web application, while it starts
     * @param io the server
     * @param websocket who serves WebSocket: Jakartio over the servlet upgrade, or a JSR-356 endpoint
     * @throws IllegalStateException if JSR-356 is chosen and the container has no WebSocket support or refuses the endpoint
     */
    public static void register(ServletContext context, Server io, WebSocketMode websocket) {
        register(context, io.options().path(), io.engine(), websocket);
        ClientScriptServlet.register(context, io.options().path());
    }

    /**
     * Registers an engine's transports at a path.
     *
     * @param context the web application, while it starts
     * @param path the path, starting and ending with {@code /}
     * @param engine the engine
     * @throws IllegalStateException if the container has no WebSocket support or refuses the endpoint
     */
    public static void register(ServletContext context, String path, EngineServer engine) {
        register(context, path, engine, SocketIoConfig.websocketMode());
    }

    /**
     * Registers an engine's transports at a path with a chosen WebSocket implementation.
     *
     * <pre>{@code
     * SocketIoRegistration.register(context, "/socket.io/", io.engine(), WebSocketMode.JSR356);
     * }</pre>
     *
     * @param context the web application, while it starts
     * @param path the path, starting and ending with {@code /}
     * @param engine the engine
     * @param websocket who serves WebSocket: Jakartio over the servlet upgrade, or a JSR-356 endpoint
     * @throws IllegalStateException if JSR-356 is chosen and the container has no WebSocket support or refuses the endpoint
     */
    public static void register(ServletContext context, String path, EngineServer engine, WebSocketMode websocket) {
        if (websocket == WebSocketMode.JSR356) {
            EngineEndpoint.deploy(context, path, engine, SocketIoConfig.websocketBufferSize(context::getInitParameter));
        }
        WebSocketHandshakeFilter.register(context, path, engine, websocket);
        ServletRegistration.Dynamic polling = context.addServlet("jakartio-polling" + path, new PollingServlet(engine, websocket));
        polling.setAsyncSupported(true);
        polling.addMapping(path + "*");
    }
}
