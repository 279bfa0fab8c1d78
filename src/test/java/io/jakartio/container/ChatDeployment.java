package io.jakartio.container;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR under test and where it answers: the chat WAR that {@code package} built for the
 * container of this failsafe execution ({@link TestedContainer#chatWar()}), with WebSocket
 * compression turned on as a user does, by a context parameter.
 */
final class ChatDeployment {

    /**
     * The chat WAR has no web.xml of its own: this one turns permessage-deflate on, so that the
     * chat's tests (and its browsers) run compressed, in both WebSocket modes, where the container
     * negotiates it (the other deployments leave it off, as it is by default), and shortens the
     * close handshake's timeout to 1 s ({@code ChatIT} waits for it in every container).
     */
    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param><param-name>jakartio.perMessageDeflate</param-name><param-value>true</param-value></context-param>
              <context-param><param-name>jakartio.closeTimeout</param-name><param-value>1000</param-value></context-param>
            </web-app>
            """;

    private ChatDeployment() {
    }

    /**
     * @return the WAR built by {@code package}, named {@code ROOT.war} (the seed's page loads
     *         {@code /socket.io/socket.io.js} and connects to {@code /socket.io/}, so the chat
     *         must be the root application, as the run commands deploy it), with a web.xml
     *         setting {@code jakartio.perMessageDeflate=true}
     */
    static WebArchive builtWar() {
        File war = TestedContainer.current().chatWar();
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class)
                .setWebXML(new StringAsset(WEB_XML));
    }

    /**
     * @return the container's name, e.g. {@code "Tomcat 10.1.59"} (with {@code " (jsr356)"} in
     *         the jsr356 executions), for messages and screenshots
     */
    static String container() {
        return TestedContainer.current().description();
    }

    /**
     * The application's root on the loopback address. Payara Micro reports the machine's
     * external address to Arquillian although it listens on 127.0.0.1 only (see
     * server-config/payara/README.md), so the host is always replaced.
     *
     * @param deployed the URL Arquillian injected
     * @return {@code http://127.0.0.1:<port>/}
     */
    static URI loopback(URL deployed) {
        try {
            return new URI("http", null, "127.0.0.1", deployed.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(deployed.toString(), e);
        }
    }
}
