package io.jakartio.container;

import static io.jakartio.testing.TestUsers.ADMIN;
import static io.jakartio.testing.TestUsers.ALICE;
import static io.jakartio.testing.TestUsers.ALICE_PASSWORD;
import static io.jakartio.testing.TestUsers.READER;
import static io.jakartio.testing.TestUsers.ROOT;
import static io.jakartio.testing.TestUsers.ROOT_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.LoginClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who is connected, in a real container with a real login: the container's realm (the tests'
 * users of {@code src/test/container-realm}, installed in the test servers only), BASIC
 * authentication and a security constraint on the Socket.IO path ({@link LoginDeployment}), the
 * annotated handlers of {@code io.jakartio.container.login}, and the official Java client sending
 * {@code Authorization} on every transport. Runs where the test realm is set up (Tomcat 10.1 / 11,
 * WildFly, Payara Micro 6 / 7: see src/test/container-realm/README.md); skipped, saying so, in any
 * other container.
 *
 * <p>Both WebSocket modes pass here; the failsafe executions run the default one ({@code native}).
 * With {@code -Djakartio.websocket=jsr356} in each container's JVM options (arquillian.xml), the
 * JSR-356 endpoint's {@code HandshakeRequest} answers instead: Tomcat's, Undertow's, Tyrus's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIf(value = "realmIsSetUp", disabledReason = "the tests' realm (src/test/container-realm) is installed in "
        + "the test servers of Tomcat, WildFly and Payara Micro only, not in this container")
class LoginIT {

    /** The containers whose test servers have the tests' users (see the pom's prepare-container-tests). */
    private static final Set<TestedContainer> WITH_REALM = EnumSet.allOf(TestedContainer.class);
    private static final List<List<String>> EVERY_TRANSPORT =
            List.of(LoginClient.POLLING_ONLY, LoginClient.WEBSOCKET_ONLY, LoginClient.UPGRADE);

    @ArquillianResource
    private URL deployed;

    private URI origin;

    static boolean realmIsSetUp() {
        return WITH_REALM.contains(TestedContainer.current());
    }

    @Deployment(testable = false)
    static WebArchive login() {
        return LoginDeployment.war(TestedContainer.current().isTomcat());
    }

    @BeforeEach
    void originOnLoopback() {
        origin = ChatDeployment.loopback(deployed);
    }

    private LoginClient connect(String namespace, List<String> transports, String authorization, String cookie) {
        return LoginClient.open(origin, "/" + LoginDeployment.CONTEXT + "/socket.io/", namespace, transports,
                authorization, cookie);
    }

    @Test
    void aLoggedInUserSeesHisNameRolesAndHttpSessionOnEveryTransport() throws Exception {
        for (List<String> transports : EVERY_TRANSPORT) {
            String over = " over " + transports + " in " + ChatDeployment.container();
            LoginClient.PageSession session = LoginClient.startHttpSession(
                    origin.resolve(LoginDeployment.CONTEXT + "/session"), LoginClient.basic(ALICE, ALICE_PASSWORD));
            String aliceLogin = LoginClient.basic(ALICE, ALICE_PASSWORD);
            try (LoginClient alice = connect("/", transports, aliceLogin, session.cookie())) {
                assertNull(alice.awaitConnect(), "alice connects" + over);

                JSONObject me = (JSONObject) alice.ack("whoami");

                assertEquals(ALICE, me.getString("user"), "her name" + over);
                assertEquals("[\"" + READER + "\"]", me.getJSONArray("roles").toString(), "her declared roles" + over);
                assertTrue(me.getBoolean("reader"), over);
                assertFalse(me.getBoolean("admin"), over);
                assertEquals(session.id(), me.getString("session"), "the HTTP session of the page she logged in to" + over);
            }
            try (LoginClient root = connect("/", transports, LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
                assertNull(root.awaitConnect(), "root connects" + over);
                JSONObject me = (JSONObject) root.ack("whoami");
                assertEquals(ROOT, me.getString("user"), over);
                assertEquals("[\"" + ADMIN + "\",\"" + READER + "\"]", me.getJSONArray("roles").toString(), over);
                assertTrue(me.isNull("session"), "no HTTP session: Jakartio never creates one" + over);
            }
        }
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefusedTheAdminNamespaceAndEventWhileAnAdminPasses() throws Exception {
        for (List<String> transports : EVERY_TRANSPORT) {
            String over = " over " + transports + " in " + ChatDeployment.container();
            try (LoginClient alice = connect("/admin", transports, LoginClient.basic(ALICE, ALICE_PASSWORD), null)) {
                assertEquals("not authorized: role admin required", alice.awaitConnect(), "alice and /admin" + over);
            }
            try (LoginClient alice = connect("/", transports, LoginClient.basic(ALICE, ALICE_PASSWORD), null)) {
                assertNull(alice.awaitConnect(), over);
                JSONObject refused = (JSONObject) alice.ack("wipe");
                assertEquals("not authorized: role admin required", refused.getString("error"), "alice's wipe" + over);
            }
            try (LoginClient root = connect("/admin", transports, LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
                assertNull(root.awaitConnect(), "root and /admin" + over);
                assertEquals(ROOT, root.ack("whoami"), over);
            }
            try (LoginClient root = connect("/", transports, LoginClient.basic(ROOT, ROOT_PASSWORD), null)) {
                assertNull(root.awaitConnect(), over);
                assertEquals("wiped", root.ack("wipe"), "root's wipe" + over);
            }
        }
    }

    @Test
    void aWrongPasswordGetsTheContainers401AndNoConnection() throws Exception {
        HttpResponse<String> handshake = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                origin.resolve(LoginDeployment.CONTEXT + "/socket.io/?EIO=4&transport=polling"))
                .header("Authorization", LoginClient.basic(ALICE, "wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, handshake.statusCode(), ChatDeployment.container());
        assertTrue(handshake.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                handshake.headers().map().toString());

        for (List<String> transports : EVERY_TRANSPORT) {
            try (LoginClient intruder = connect("/", transports, LoginClient.basic(ALICE, "wrong"), null)) {
                assertNotNull(intruder.awaitConnect(), "no connection with a wrong password over " + transports);
            }
        }
    }
}
