package io.jakartio.it;

import static io.jakartio.testing.TestUsers.ADMIN;
import static io.jakartio.testing.TestUsers.ALICE;
import static io.jakartio.testing.TestUsers.ALICE_PASSWORD;
import static io.jakartio.testing.TestUsers.READER;
import static io.jakartio.testing.TestUsers.ROOT;
import static io.jakartio.testing.TestUsers.ROOT_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.config.WebSocketMode;
import io.jakartio.server.Ack;
import io.jakartio.server.EventListener;
import io.jakartio.server.Handshake;
import io.jakartio.server.Roles;
import io.jakartio.server.Server;
import io.jakartio.server.ServerOptions;
import io.jakartio.server.Socket;
import io.jakartio.servlet.SocketIoRegistration;
import io.jakartio.testing.EmbeddedTomcat;
import io.jakartio.testing.LoginClient;
import io.jakartio.testing.TestUsers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.realm.MemoryRealm;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who is connected, with a real container login: an embedded Tomcat with a realm
 * ({@code MemoryRealm} on the tests' users file), BASIC authentication and a security
 * constraint on the Socket.IO path, in both WebSocket modes (Jakartio's own over the servlet
 * upgrade, and Tomcat's JSR-356 endpoint, whose {@code HandshakeRequest} then answers), and the
 * official Java client on every transport sending the {@code Authorization} header. The handlers
 * use the code API ({@link Roles}); {@code LoginIT} does the same with the annotations in real
 * servers.
 */
class BasicLoginTest {

    /** How the client reaches the server. */
    enum Way {
        POLLING(WebSocketMode.NATIVE, LoginClient.POLLING_ONLY),
        WEBSOCKET(WebSocketMode.NATIVE, LoginClient.WEBSOCKET_ONLY),
        UPGRADE(WebSocketMode.NATIVE, LoginClient.UPGRADE),
        JSR356_WEBSOCKET(WebSocketMode.JSR356, LoginClient.WEBSOCKET_ONLY),
        JSR356_UPGRADE(WebSocketMode.JSR356, LoginClient.UPGRADE);

        final WebSocketMode mode;
        final List<String> transports;

        Way(WebSocketMode mode, List<String> transports) {
            this.mode = mode;
            this.transports = transports;
        }
    }

    private static Deployed nativeWebSocket;
    private static Deployed jsr356;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A Tomcat and the Socket.IO server it serves. */
    private record Deployed(EmbeddedTomcat tomcat, Server io) {
        URI origin() {
            return URI.create(tomcat.url() + "/");
        }

        void close() {
            try {
                io.close();
            } finally {
                tomcat.close();
            }
        }
    }

    @BeforeAll
    static void start() {
        nativeWebSocket = deploy(WebSocketMode.NATIVE);
        jsr356 = deploy(WebSocketMode.JSR356);
    }

    @AfterAll
    static void stop() {
        try {
            if (nativeWebSocket != null) {
                nativeWebSocket.close();
            }
        } finally {
            if (jsr356 != null) {
                jsr356.close();
            }
        }
    }

    private static Deployed deploy(WebSocketMode mode) {
        Server io = new Server(ServerOptions.defaults());
        io.declareRoles(READER);
        Roles admins = Roles.allowed(io, ADMIN);
        io.on("connection", socket -> {
            socket.on("whoami", whoami(socket));
            socket.on("wipe", admins.guard(socket, "wipe", args -> ack(args, "wiped")));
        });
        io.of("/admin").use(admins).on("connection", socket -> socket.on("whoami", whoami(socket)));
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, BasicLoginTest::secure,
                (context, container) -> SocketIoRegistration.register(context, io, mode));
        return new Deployed(tomcat, io);
    }

    /** What a web.xml with a realm, BASIC login and a constraint on the Socket.IO path says. */
    private static void secure(Context context) {
        MemoryRealm realm = new MemoryRealm();
        realm.setPathname(TestUsers.TOMCAT_USERS.toAbsolutePath().toString());
        context.setRealm(realm);
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName("jakartio-tests");
        context.setLoginConfig(login);
        context.getPipeline().addValve(new BasicAuthenticator());
        context.addSecurityRole(READER);
        context.addSecurityRole(ADMIN);
        SecurityCollection paths = new SecurityCollection();
        paths.addPatternDecoded("/socket.io/*");
        paths.addPatternDecoded("/session");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(READER);
        constraint.addCollection(paths);
        context.addConstraint(constraint);
        Tomcat.addServlet(context, "session", new SessionPage());
        context.addServletMappingDecoded("/session", "session");
    }

    /** The application's page a user logs in to: it starts an HTTP session and shows its id. */
    private static final class SessionPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write(request.getSession(true).getId());
        }
    }

    /** Acknowledges who the handshake says is connected. */
    private static EventListener whoami(Socket socket) {
        return args -> {
            Handshake handshake = socket.handshake();
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("user", handshake.principal() == null ? null : handshake.principal().getName());
            me.put("roles", List.copyOf(new TreeSet<>(handshake.roles())));
            me.put("reader", handshake.isUserInRole(READER));
            me.put("admin", handshake.isUserInRole(ADMIN));
            me.put("session", handshake.httpSessionId());
            ack(args, me);
        };
    }

    private static void ack(Object[] args, Object reply) {
        if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
            ack.call(reply);
        }
    }

    private static Deployed server(Way way) {
        return way.mode == WebSocketMode.NATIVE ? nativeWebSocket : jsr356;
    }

    private static LoginClient connect(Way way, String namespace, String authorization, String cookie) {
        return LoginClient.open(server(way).origin(), "/socket.io/", namespace, way.transports, authorization, cookie);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aLoggedInUserSeesHisNameRolesAndHttpSessionInTheHandshake(Way way) throws Exception {
        LoginClient.PageSession session = LoginClient.startHttpSession(server(way).origin().resolve("session"),
                LoginClient.basic(ALICE, ALICE_PASSWORD));
        try (LoginClient alice = connect(way, "/", LoginClient.basic(ALICE, ALICE_PASSWORD), session.cookie())) {
            assertNull(alice.awaitConnect());

            JSONObject me = (JSONObject) alice.ack("whoami");

            assertEquals(ALICE, me.getString("user"));
            assertEquals("[\"" + READER + "\"]", me.getJSONArray("roles").toString(), "the declared roles she is in");
            assertTrue(me.getBoolean("reader"));
            assertEquals(false, me.getBoolean("admin"));
            assertEquals(session.id(), me.getString("session"), "the HTTP session of the page she logged in to");
        }
        try (LoginClient root = connect(way, "/", LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
            assertNull(root.awaitConnect());
            JSONObject me = (JSONObject) root.ack("whoami");
            assertEquals(ROOT, me.getString("user"));
            assertEquals("[\"" + ADMIN + "\",\"" + READER + "\"]", me.getJSONArray("roles").toString());
            assertTrue(me.isNull("session"), "no HTTP session: Jakartio never creates one");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aUserWithoutTheRoleIsRefusedTheNamespaceAndTheEventWithTheReason(Way way) throws Exception {
        try (LoginClient alice = connect(way, "/admin", LoginClient.basic(ALICE, ALICE_PASSWORD), null)) {
            assertEquals("not authorized: role admin required", alice.awaitConnect());
        }
        try (LoginClient alice = connect(way, "/", LoginClient.basic(ALICE, ALICE_PASSWORD), null)) {
            assertNull(alice.awaitConnect());
            JSONObject refused = (JSONObject) alice.ack("wipe");
            assertEquals("not authorized: role admin required", refused.getString("error"));
        }
        try (LoginClient root = connect(way, "/admin", LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
            assertNull(root.awaitConnect(), "the admin gets in");
            assertEquals(ROOT, ((JSONObject) root.ack("whoami")).getString("user"));
        }
        try (LoginClient root = connect(way, "/", LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
            assertNull(root.awaitConnect());
            assertEquals("wiped", root.ack("wipe"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aWrongPasswordGetsTheContainers401AndNoConnection(Way way) throws Exception {
        HttpResponse<String> handshake = HTTP.send(HttpRequest.newBuilder(
                server(way).origin().resolve("socket.io/?EIO=4&transport=polling"))
                .header("Authorization", LoginClient.basic(ALICE, "wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, handshake.statusCode());
        assertTrue(handshake.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                handshake.headers().map().toString());

        try (LoginClient intruder = connect(way, "/", LoginClient.basic(ALICE, "wrong"), null)) {
            assertNotNull(intruder.awaitConnect(), "the client cannot connect");
        }
    }
}
