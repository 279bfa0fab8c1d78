package io.jakartio.container;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR under test and where it answers. Each failsafe execution of pom.xml names the WAR its
 * container takes ({@code target/jakartio.war}, or {@code target/jakartio-tomcat.war} with Weld
 * for Tomcat) in {@code jakartio.it.war}, and the container in {@code jakartio.it.container}.
 */
final class ChatDeployment {

    private ChatDeployment() {
    }

    /**
     * @return the WAR built by {@code package}, unchanged, named {@code ROOT.war}: the seed's page
     *         loads {@code /socket.io/socket.io.js} and connects to {@code /socket.io/}, so the
     *         chat must be the root application, as the run commands deploy it
     */
    static WebArchive builtWar() {
        String path = System.getProperty("jakartio.it.war");
        if (path == null) {
            throw new IllegalStateException("jakartio.it.war is not set: run the container tests with "
                    + "`mvn verify`, whose failsafe executions set it for each container");
        }
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException(war + " does not exist: `mvn package` builds it");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /** @return the container's name, e.g. {@code "Tomcat 10.1.59"}, for messages and screenshots */
    static String container() {
        return System.getProperty("jakartio.it.container", "an unnamed container");
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
