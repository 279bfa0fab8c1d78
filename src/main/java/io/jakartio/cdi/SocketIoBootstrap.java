package io.jakartio.cdi;

import io.jakartio.config.SocketIoConfig;
import io.jakartio.servlet.ClientScriptServlet;
import io.jakartio.servlet.PollingServlet;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.servlet.WebSocketHandshakeFilter;
import io.jakartio.config.WebSocketMode;
import io.jakartio.jsr356.EngineEndpoint;
import io.jakartio.jsr356.SocketIoEndpoint;
import io.jakartio.jsr356.CloseTimeout;
import io.jakartio.jsr356.WebSocketBuffers;
import io.jakartio.server.Server;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;

/**
 * Starts Socket.IO when the web application starts: creates the {@link Server} (so that
 * configuration errors fail the deployment, not the first client; see {@link SocketIoProducer}
 * for where its settings come from) and registers the polling
 * servlet and the client script at its path. The WebSocket transport is served by that servlet
 * ({@link WebSocketMode#NATIVE}, the default) or by the container-deployed {@link SocketIoEndpoint}
 * ({@code jakartio.websocket=jsr356}).
 */
@WebListener
public class SocketIoBootstrap implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(SocketIoBootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.ERROR, "Socket.IO not started: no CDI container. On Tomcat deploy the Tomcat "
                    + "flavour (with Weld), or build a Server yourself and call SocketIoRegistration.register", e);
            return;
        }
        // a configuration error (a bad jakartio.* value, two ServerOptions producers) fails the deployment
        Server io = cdi.select(Server.class).get();
        String path = io.options().path();
        WebSocketMode websocket = SocketIoConfig.websocketMode();
        int bufferSize = SocketIoConfig.websocketBufferSize(context::getInitParameter);
        WebSocketBuffers.lower(context, bufferSize);
        if (websocket == WebSocketMode.JSR356) {
            CloseTimeout.checkEverySecond(context);
        }
        if (websocket == WebSocketMode.JSR356 && !path.equals(SocketIoConfig.path())) {
            // The options a bean produced (or an observer changed) name another path than the
            // one SocketIoApplicationConfig deployed the endpoint at, before CDI ran: add one there.
            EngineEndpoint.deploy(context, path, io.engine(), bufferSize);
        }
        ServletRegistration.Dynamic polling = context.addServlet("jakartio-polling", new PollingServlet(io.engine(), websocket));
        polling.setAsyncSupported(true);
        polling.addMapping(path + "*");
        ClientScriptServlet.register(context, path);
        WebSocketHandshakeFilter.register(context, path, io.engine(), websocket);
        LOG.log(Level.INFO, "Socket.IO listening at {0}{1} (WebSocket: {2})", context.getContextPath(), path, websocket);
    }
}
