package io.jakartio.chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.EmbeddedTomcat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The full chat's page, its style sheet and its scripts as a browser fetches them from {@link ChatAppServlet}. */
class ChatAppServletTest {

    /** A script or module preload of the page by a relative URL. */
    private static final Pattern RELATIVE_SCRIPT = Pattern.compile("(?:src|href)=\"([a-z]+\\.js)\"");

    /** A module's static import of another of the page's modules (the import may span lines). */
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]*?\"\\./([a-z]+\\.js)\";");

    private static EmbeddedTomcat tomcat;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        tomcat = EmbeddedTomcat.start(0, (context, websocket) ->
                context.addServlet("chat-app", new ChatAppServlet()).addMapping("/chat", "/chat/*"));
    }

    @AfterAll
    static void stop() {
        tomcat.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chatWithoutItsSlashRedirectsSoThatThePagesRelativeLinksResolve() throws Exception {
        HttpResponse<String> response = get("/chat?x=1");
        assertEquals(301, response.statusCode());
        assertEquals("/chat/?x=1", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void thePageLoadsTheOfficialClientAndItsOwnAssetsUnderAPolicyThatAllowsNothingElse() throws Exception {
        HttpResponse<String> page = get("/chat/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=UTF-8", page.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertTrue(page.body().contains("<script src=\"/socket.io/socket.io.js\" defer></script>"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"chat.js\"></script>"),
                "its own scripts are modules, which run after the deferred official client");
        assertFalse(Pattern.compile("<script>|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page.body()).find(),
                "no inline script, which the policy would refuse");
        assertEquals(ChatAppServlet.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());

        HttpResponse<String> script = get("/chat/chat.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        HttpResponse<String> style = get("/chat/chat.css");
        assertEquals(200, style.statusCode());
        assertTrue(style.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    }

    @Test
    void everyModuleThePageLoadsOrImportsIsServedAsJavaScriptAndNothingElseIs() throws Exception {
        Set<String> loaded = new TreeSet<>();
        Deque<String> toFetch = new ArrayDeque<>(references(RELATIVE_SCRIPT, get("/chat/").body()));
        while (!toFetch.isEmpty()) {
            String module = toFetch.pop();
            if (!loaded.add(module)) {
                continue;
            }
            HttpResponse<String> script = get("/chat/" + module);
            assertEquals(200, script.statusCode(), module);
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"), module);
            toFetch.addAll(references(IMPORT, script.body()));
        }
        assertEquals(new TreeSet<>(ChatAppServlet.SCRIPTS), loaded);
    }

    private static List<String> references(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(match -> match.group(1)).toList();
    }

    @Test
    void aBrowserThatHasTheScriptAlreadyRevalidatesItForNothing() throws Exception {
        HttpResponse<String> first = get("/chat/chat.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("public, max-age=0, must-revalidate", first.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> again = get("/chat/chat.js", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void anythingElseUnderChatIsNotFound() throws Exception {
        assertEquals(404, get("/chat/index.html.bak").statusCode());
    }
}
