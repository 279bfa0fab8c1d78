package io.jakartio.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.DeflateWebSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configuration reaching a deployed server in each real container: web.xml context parameters,
 * {@code META-INF/microprofile-config.properties} where the container has MicroProfile Config
 * (Payara, WildFly; Tomcat has none, and must start all the same), over options a bean
 * produces, under an observer of the configuration, with a handshake check and a middleware as
 * beans, and WebSocket compression left off. The application is the built WAR without the chat,
 * plus {@link ConfiguredApplication}. It runs in the JSR-356 mode too on Tomcat and WildFly, whose
 * containers have a permessage-deflate of their own that Jakartio must keep out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfigurationIT {

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param><param-name>jakartio.pingInterval</param-name><param-value>12345</param-value></context-param>
              <context-param><param-name>jakartio.pingTimeout</param-name><param-value>34567</param-value></context-param>
              <context-param><param-name>jakartio.maxHttpBufferSize</param-name><param-value>45678</param-value></context-param>
              <context-param><param-name>jakartio.cors.origins</param-name><param-value>https://*.example.com</param-value></context-param>
              <context-param><param-name>jakartio.cors.credentials</param-name><param-value>true</param-value></context-param>
            </web-app>
            """;

    /** Over the context parameters where MicroProfile Config exists. */
    private static final String MICROPROFILE_CONFIG = """
            jakartio.pingTimeout=23456
            jakartio.maxHttpBufferSize=56789
            """;

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    private URL deployed;

    private URI socketIo;

    @Deployment(testable = false)
    static WebArchive application() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "configured.war").importFrom(TestedContainer.current().chatWar())
                .as(WebArchive.class);
        List<ArchivePath> chat = new ArrayList<>();
        for (ArchivePath entry : war.getContent().keySet()) {
            if (entry.get().startsWith("/WEB-INF/classes/io/jakartio/chat/")) {
                chat.add(entry);
            }
        }
        chat.forEach(war::delete);
        return war.addClasses(ConfiguredApplication.class, ConfiguredApplication.Options.class,
                        ConfiguredApplication.NoUpgrades.class, ConfiguredApplication.RefuseMarked.class,
                        ConfiguredApplication.Guard.class)
                .setWebXML(new StringAsset(WEB_XML))
                .addAsResource(new StringAsset(MICROPROFILE_CONFIG), "META-INF/microprofile-config.properties");
    }

    /** Tomcat has no MicroProfile Config; Payara and WildFly do. */
    private static boolean hasMicroProfileConfig() {
        return !TestedContainer.current().isTomcat();
    }

    @BeforeEach
    void socketIoOnLoopback() throws URISyntaxException {
        // Payara Micro reports the machine's external address; every server listens on 127.0.0.1
        socketIo = new URI("http", null, "127.0.0.1", deployed.getPort(), deployed.getPath(), null, null)
                .resolve("socket.io/");
    }

    private HttpResponse<String> get(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(socketIo.resolve("?EIO=4&transport=polling" + query))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sid(HttpResponse<String> handshake) {
        assertEquals(200, handshake.statusCode(), handshake.body());
        Matcher sid = SID.matcher(handshake.body());
        assertTrue(sid.find(), handshake.body());
        return sid.group(1);
    }

    @Test
    void contextParametersAndMicroProfileConfigWinOverTheProducedOptionsAndTheObserverHasTheLastWord() throws Exception {
        String open = get("").body();
        assertTrue(open.contains("\"pingInterval\":12345"), "the context parameter over the produced 11111: " + open);
        if (hasMicroProfileConfig()) {
            assertTrue(open.contains("\"pingTimeout\":23456"), "MicroProfile Config over the context parameter: " + open);
            assertTrue(open.contains("\"maxPayload\":56789"), "MicroProfile Config over the context parameter: " + open);
        } else {
            assertTrue(open.contains("\"pingTimeout\":34567"), "no MicroProfile Config: the context parameter: " + open);
            assertTrue(open.contains("\"maxPayload\":45678"), "no MicroProfile Config: the context parameter: " + open);
        }
        assertTrue(open.contains("\"upgrades\":[]"), "the observer turned upgrades off: " + open);
    }

    @Test
    void corsOriginPatternsFromAContextParameterAnswerMatchingOriginsOnly() throws Exception {
        HttpResponse<String> allowed = get("", "Origin", "https://chat.example.com");
        assertEquals("https://chat.example.com", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));

        HttpResponse<String> refused = get("", "Origin", "https://example.com.evil.com");
        assertNull(refused.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void anAllowRequestBeanRefusesTheHandshakesItChecks() throws Exception {
        HttpResponse<String> refused = get("", "X-Refuse", "please");
        assertEquals(403, refused.statusCode());
        assertEquals("{\"code\":4,\"message\":\"refused by a bean\"}", refused.body());
        sid(get(""));
    }

    @Test
    void aMiddlewareBeanGuardsItsNamespaceOnly() throws Exception {
        String sid = sid(get(""));
        HttpResponse<String> connect = http.send(HttpRequest.newBuilder(socketIo.resolve("?EIO=4&transport=polling&sid=" + sid))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("40/guarded,\u001e40")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, connect.statusCode(), connect.body());

        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 3 && !(answers.toString().contains("44/guarded,") && answers.toString().contains("40{")); i++) {
            answers.append(get("&sid=" + sid).body()).append('\u001e');
        }
        assertTrue(answers.toString().contains("44/guarded,{\"message\":\"guarded by a bean\"}"), answers.toString());
        assertTrue(answers.toString().contains("40{\"sid\":"), "the main namespace lets it in: " + answers);
    }

    /**
     * perMessageDeflate is off by default: a browser's offer is declined, in the native mode by
     * Jakartio, in the JSR-356 mode by Jakartio keeping the container's own extension out of the
     * negotiation (Tomcat installs it for every endpoint, the tests' WildFly has it turned on, as
     * server-config/wildfly does; ChatIT sees both answer it when the option is on).
     */
    @Test
    void aWebSocketOfferOfPermessageDeflateIsDeclinedWhenTheOptionIsOff() throws Exception {
        URI websocket = socketIo.resolve("?EIO=4&transport=websocket");
        try (DeflateWebSocket ws = DeflateWebSocket.open(websocket.getPort(), websocket.getRawPath() + "?" + websocket.getRawQuery())) {
            assertNull(ws.extensions(), TestedContainer.current().description());
            assertTrue(ws.next().text().startsWith("0{"), "the Engine.IO OPEN packet");
        }
    }
}
