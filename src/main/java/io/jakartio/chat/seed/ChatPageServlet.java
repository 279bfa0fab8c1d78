package io.jakartio.chat.seed;

import io.jakartio.servlet.StaticResource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the chat page at the application's root: the tutorial's {@code index.html}, byte for
 * byte as its author wrote it. It loads {@code /socket.io/socket.io.js} and calls {@code io()}.
 */
@WebServlet(name = "chat-page", urlPatterns = "")
public class ChatPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient StaticResource page = StaticResource
            .load(ChatPageServlet.class, "index.html", "text/html; charset=UTF-8")
            .orElseThrow(() -> new IllegalStateException("index.html is missing from the WAR"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page.serve(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page.serve(request, response);
    }
}
