package io.jakartio.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the official Socket.IO JavaScript client, as Node's server does with
 * {@code serveClient}: {@code <path>socket.io.js}, {@code socket.io.min.js}, the ESM and msgpack
 * builds, and their source maps. The files come from the npm package {@code socket.io-client},
 * fetched at build time (pinned by src/main/client/package-lock.json) and packaged under
 * {@code io/jakartio/servlet/client/}.
 *
 * <pre>{@code
 * <script src="/socket.io/socket.io.js"></script>
 * }</pre>
 */
public final class ClientScriptServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ClientScriptServlet.class.getName());

    /** The files served, as in the npm package's {@code dist/} folder. */
    public static final List<String> FILES = List.of(
            "socket.io.js", "socket.io.js.map",
            "socket.io.min.js", "socket.io.min.js.map",
            "socket.io.esm.min.js", "socket.io.esm.min.js.map",
            "socket.io.msgpack.min.js", "socket.io.msgpack.min.js.map");

    private final transient Map<String, StaticResource> files = new LinkedHashMap<>();

    /** Loads the files from the classpath; missing ones are logged and answered 404. */
    public ClientScriptServlet() {
        for (String name : FILES) {
            String type = name.endsWith(".map") ? "application/json; charset=UTF-8" : "application/javascript; charset=UTF-8";
            StaticResource.load(ClientScriptServlet.class, "client/" + name, type)
                    .ifPresentOrElse(resource -> files.put(name, resource),
                            () -> LOG.log(Level.WARNING, "client file {0} is not packaged (was npm ci skipped?)", name));
        }
    }

    /**
     * Maps the servlet to every client file under a path.
     *
     * @param context the web application, while it starts
     * @param path the Socket.IO path, e.g. {@code "/socket.io/"}
     */
    public static void register(ServletContext context, String path) {
        ServletRegistration.Dynamic registration = context.addServlet("jakartio-client" + path, new ClientScriptServlet());
        for (String name : FILES) {
            registration.addMapping(path + name);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        StaticResource file = files.get(uri.substring(uri.lastIndexOf('/') + 1));
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        file.serve(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
