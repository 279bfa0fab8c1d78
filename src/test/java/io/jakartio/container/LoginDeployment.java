package io.jakartio.container;

import io.jakartio.container.login.AdminHandlers;
import io.jakartio.container.login.LobbyHandlers;
import io.jakartio.container.login.SessionPage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR of {@link LoginIT}: Jakartio as built ({@code target/classes} without the chat), the
 * login handlers of {@code io.jakartio.container.login}, and a {@code web.xml} that puts the
 * Socket.IO path and the session page behind BASIC login in role {@code reader}. For Tomcat, the
 * Tomcat flavour's Weld and JSON-B jars and its {@code META-INF/context.xml}, as the pom builds
 * {@code jakartio-tomcat.war}.
 */
final class LoginDeployment {

    /** The WAR's name, hence its context path. */
    static final String CONTEXT = "login";

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path CHAT = CLASSES.resolve("io/jakartio/chat");
    private static final Path TOMCAT_LIBS = Path.of("target/tomcat-flavour/WEB-INF/lib");
    private static final Path TOMCAT_CONTEXT = Path.of("src/main/tomcat/META-INF/context.xml");
    private static final Path BEANS = Path.of("src/main/webapp/WEB-INF/beans.xml");

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>Socket.IO and the page that starts a session</web-resource-name>
                  <url-pattern>/socket.io/*</url-pattern>
                  <url-pattern>/session</url-pattern>
                </web-resource-collection>
                <auth-constraint>
                  <role-name>reader</role-name>
                </auth-constraint>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
              </login-config>
              <security-role>
                <role-name>reader</role-name>
              </security-role>
              <security-role>
                <role-name>admin</role-name>
              </security-role>
            </web-app>
            """;

    private LoginDeployment() {
    }

    /**
     * @param tomcat whether the container is Tomcat (no CDI nor JSON-B of its own)
     * @return {@code login.war}
     */
    static WebArchive war(boolean tomcat) {
        if (!Files.isDirectory(CLASSES)) {
            throw new IllegalStateException(CLASSES + " does not exist: `mvn package` builds it");
        }
        WebArchive war = ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
                .addClasses(LobbyHandlers.class, AdminHandlers.class, SessionPage.class)
                .addAsWebInfResource(BEANS.toFile(), "beans.xml")
                .setWebXML(new StringAsset(WEB_XML));
        for (Path file : files(CLASSES)) {
            if (!file.startsWith(CHAT)) {
                String name = CLASSES.relativize(file).toString().replace(File.separatorChar, '/');
                war.addAsWebInfResource(file.toFile(), "classes/" + name);
            }
        }
        if (tomcat) {
            if (!Files.isDirectory(TOMCAT_LIBS)) {
                throw new IllegalStateException(TOMCAT_LIBS
                        + " does not exist: `mvn package` fetches the Tomcat flavour's jars");
            }
            files(TOMCAT_LIBS).forEach(jar -> war.addAsLibrary(jar.toFile()));
            war.addAsManifestResource(TOMCAT_CONTEXT.toFile(), "context.xml");
        }
        return war;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
