package io.jakartio.servlet;

import io.jakartio.config.WebSocketMode;
import io.jakartio.engine.EngineServer;
import io.jakartio.engine.WebSocketHandshake;
import io.jakartio.jsr356.AcceptedHandshake;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;

/**
 * With {@link WebSocketMode#JSR356}, checks the WebSocket handshakes on the Engine.IO path
 * before the container's own WebSocket filter upgrades them (Tomcat's {@code WsFilter},
 * Undertow's, Tyrus's): what the engine refuses — a foreign {@code Origin}, an unknown session
 * id, a bad protocol version, {@code allowRequest} — is answered with a real HTTP error (403 or
 * 400, the protocol's JSON body), exactly as {@link WebSocketMode#NATIVE} answers it, instead of
 * a WebSocket opened only to be closed. An accepted handshake goes on to the container
 * with the engine's decision ({@link AcceptedHandshake}): the endpoint's configurator adds the
 * session cookie and the listeners' headers to the {@code 101}.
 *
 * <p>It is mapped to the endpoint's exact path and placed before the filters the container and
 * the application declared ({@code isMatchAfter = false}; the containers' WebSocket filters are
 * mapped after); other requests pass through untouched.
 *
 * <pre>{@code
 * WebSocketHandshakeFilter.register(servletContext, "/socket.io/", io.engine());
 * }</pre>
 */
public final class WebSocketHandshakeFilter implements Filter {

    private final EngineServer engine;

    /** @param engine the engine whose endpoint the container serves on the filtered path */
    public WebSocketHandshakeFilter(EngineServer engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Registers the filter in front of the container's WebSocket filter for an Engine.IO path.
     *
     * @param context the web application, while it starts
     * @param path the Engine.IO path the JSR-356 endpoint is deployed at, e.g. {@code /socket.io/}
     * @param engine the engine
     */
    public static void register(ServletContext context, String path, EngineServer engine) {
        FilterRegistration.Dynamic filter = context.addFilter("jakartio-websocket-handshake" + path,
                new WebSocketHandshakeFilter(engine));
        if (filter == null) {
            return; // registered already under that name
        }
        filter.setAsyncSupported(true); // polling requests on the same path go async
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, path);
    }

    /**
     * Registers the filter when WebSocket is the container's (JSR-356); with
     * {@link WebSocketMode#NATIVE} the polling servlet answers handshakes itself and this does
     * nothing.
     *
     * <pre>{@code
     * WebSocketHandshakeFilter.register(servletContext, "/socket.io/", io.engine(), SocketIoConfig.websocketMode());
     * }</pre>
     *
     * @param context the web application, while it starts
     * @param path the Engine.IO path
     * @param engine the engine
     * @param mode who serves WebSocket
     */
    public static void register(ServletContext context, String path, EngineServer engine, WebSocketMode mode) {
        if (mode == WebSocketMode.JSR356) {
            register(context, path, engine);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || !WebSocketUpgrade.isRequested(http)) {
            chain.doFilter(request, response);
            return;
        }
        WebSocketHandshake handshake = engine.handshakeWebSocket(ServletRequests.upgrade(http, engine.declaredRoles()));
        if (handshake instanceof WebSocketHandshake.Refused refused) {
            WebSocketUpgrade.write(httpResponse, refused.response());
            return;
        }
        AcceptedHandshake.during((WebSocketHandshake.Accepted) handshake, () -> chain.doFilter(request, response));
    }
}
