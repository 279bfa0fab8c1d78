package io.jakartio.jakarta;

import io.jakartio.engine.EngineServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;

/**
 * The HTTP long-polling transport: an async servlet handing GET, POST and OPTIONS requests on
 * the Engine.IO path to the {@link EngineServer}. Registered by {@link SocketIoRegistration}.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic polling = context.addServlet("socket.io", new PollingServlet(engine));
 * polling.setAsyncSupported(true);
 * polling.addMapping("/socket.io/*");
 * }</pre>
 */
public final class PollingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EngineServer engine;

    /** @param engine the engine receiving the requests */
    public PollingServlet(EngineServer engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        var options = engine.options();
        long timeout = options.pingInterval().plus(options.pingTimeout()).toMillis();
        AsyncPollingExchange exchange = new AsyncPollingExchange(async, timeout);
        engine.handlePolling(new ServletEngineRequest(request), exchange);
    }
}
