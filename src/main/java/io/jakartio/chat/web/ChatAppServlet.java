package io.jakartio.chat.web;

import io.jakartio.servlet.StaticResource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the full chat's page at {@code /chat/}: {@code index.html}, {@code chat.css} and the
 * page's JavaScript modules ({@code chat.js} and the modules it imports) from
 * {@code io/jakartio/chat/web/app/}, each with a strong ETag and revalidation
 * ({@link StaticResource}); {@code /chat} redirects to {@code /chat/} so that the page's
 * relative links resolve. The page loads the official client from {@code /socket.io/socket.io.js}
 * and talks to namespace {@code /chat} ({@link io.jakartio.chat.FullChat}).
 *
 * <p>Everything the page shows that users wrote is set as text, never as HTML; the
 * Content-Security-Policy below backs that up by allowing only the page's own scripts and styles.
 *
 * <pre>{@code
 * // registered by the annotation in the WAR; by hand in an embedded container:
 * context.addServlet("chat-app", new ChatAppServlet()).addMapping("/chat", "/chat/*");
 * }</pre>
 */
@WebServlet(name = "chat-app", urlPatterns = {"/chat", "/chat/*"})
public class ChatAppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Own scripts, styles and connections only: no inline script, nothing from elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The page's JavaScript modules, served as {@code text/javascript} (a browser runs a module
     * only with a JavaScript content type): {@code chat.js} is the page's entry, the others its imports.
     */
    static final List<String> SCRIPTS = List.of("chat.js", "connection.js", "messages.js", "view.js", "session.js",
            "store.js");

    private final transient Map<String, StaticResource> files = files();

    private static Map<String, StaticResource> files() {
        Map<String, StaticResource> files = new HashMap<>();
        files.put("/", load("index.html", "text/html; charset=UTF-8"));
        files.put("/chat.css", load("chat.css", "text/css; charset=UTF-8"));
        for (String script : SCRIPTS) {
            files.put("/" + script, load(script, "text/javascript; charset=UTF-8"));
        }
        return Map.copyOf(files);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // "/chat": the page's relative URLs (chat.css, chat.js, ...) need the trailing slash
            String query = request.getQueryString();
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/chat/" + (query == null ? "" : "?" + query));
            return;
        }
        StaticResource file = files.get(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.equals("/")) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        file.serve(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    private static StaticResource load(String name, String contentType) {
        return StaticResource.load(ChatAppServlet.class, "app/" + name, contentType)
                .orElseThrow(() -> new IllegalStateException("app/" + name + " is missing from the WAR"));
    }
}
