package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.EngineServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The HTTP long-polling transport: an async servlet handing GET, POST and OPTIONS requests on
 * the Engine.IO path to the {@link EngineServer}; with {@link WebSocketMode#NATIVE} it also
 * answers WebSocket upgrade requests there ({@link ServletWebSocket}). Registered by
 * {@link SocketIoRegistration}.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic polling = context.addServlet("socket.io", new PollingServlet(engine, WebSocketMode.NATIVE));
 * polling.setAsyncSupported(true);
 * polling.addMapping("/socket.io/*");
 * }</pre>
 */
public final class PollingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EngineServer engine;
    private final WebSocketMode websocket;
    /**
     * The application's context, captured where the servlet is made (at startup), for the
     * threads that read its WebSocket connections; {@code null} when it serves none.
     */
    private final transient ApplicationContext application;

    /** @param engine the engine receiving the requests; WebSocket is left to a JSR-356 endpoint */
    public PollingServlet(EngineServer engine) {
        this(engine, WebSocketMode.JSR356);
    }

    /**
     * @param engine the engine receiving the requests
     * @param websocket {@link WebSocketMode#NATIVE} to serve WebSocket upgrades here too
     */
    public PollingServlet(EngineServer engine, WebSocketMode websocket) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.websocket = Objects.requireNonNull(websocket, "websocket");
        this.application = websocket == WebSocketMode.NATIVE ? ApplicationContext.capture() : null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (websocket == WebSocketMode.NATIVE && WebSocketUpgrade.isRequested(request)) {
            WebSocketUpgrade.handle(request, response, engine, application);
            return;
        }
        AsyncContext async = request.startAsync();
        var options = engine.options();
        long timeout = options.pingInterval().plus(options.pingTimeout()).toMillis();
        AsyncPollingExchange exchange = new AsyncPollingExchange(async, timeout);
        try {
            engine.handlePolling(ServletRequests.polling(request, engine.declaredRoles()), exchange);
        } finally {
            exchange.serviceReturned();
        }
    }
}
