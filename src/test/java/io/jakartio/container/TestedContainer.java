package io.jakartio.container;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The server a failsafe execution of pom.xml runs the container tests in: the Arquillian
 * qualifier it launched ({@code arquillian.launch}, see {@code arquillian.xml}), and how
 * Jakartio's WebSocket transport runs there ({@code jakartio.it.websocket}: {@code native}, or
 * {@code jsr356} in the {@code *-jsr356} executions). Every execution passes the same other
 * system properties: the servers' versions and the files the tests deploy.
 *
 * <pre>{@code
 * TestedContainer container = TestedContainer.current();
 * if (!container.providesCdi()) { ... add Weld to the deployment ... }
 * }</pre>
 */
enum TestedContainer {

    /** Tomcat 10.1: Servlet and WebSocket, no CDI, no JSON-B. */
    TOMCAT10("tomcat10", "Tomcat", WebSocketImplementation.TOMCAT, false),
    /** Tomcat 11: the same, Jakarta EE 11 APIs. */
    TOMCAT11("tomcat11", "Tomcat", WebSocketImplementation.TOMCAT, false),
    /** Payara Micro 6: the Jakarta EE 10 Web Profile. */
    PAYARA("payara", "Payara Micro", WebSocketImplementation.TYRUS, true),
    /** Payara Micro 7: Jakarta EE 11, on a JDK 21+. */
    PAYARA7("payara7", "Payara Micro", WebSocketImplementation.TYRUS, true),
    /** WildFly 39: the full platform. */
    WILDFLY("wildfly", "WildFly", WebSocketImplementation.UNDERTOW, true);

    /** Whose Jakarta WebSocket implementation the container has: what the jsr356 mode runs on. */
    enum WebSocketImplementation {
        /** Tomcat's own. */
        TOMCAT,
        /** Tyrus, in Payara (and GlassFish). */
        TYRUS,
        /** Undertow's, in WildFly. */
        UNDERTOW
    }

    private final String qualifier;
    private final String product;
    private final WebSocketImplementation webSocket;
    private final boolean providesCdi;

    TestedContainer(String qualifier, String product, WebSocketImplementation webSocket, boolean providesCdi) {
        this.qualifier = qualifier;
        this.product = product;
        this.webSocket = webSocket;
        this.providesCdi = providesCdi;
    }

    /** @return the container this test JVM was launched for */
    static TestedContainer current() {
        String launched = System.getProperty("arquillian.launch");
        return Arrays.stream(values())
                .filter(container -> container.qualifier.equals(launched))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("arquillian.launch is " + launched + ", expected one of "
                        + Arrays.stream(values()).map(c -> c.qualifier).collect(Collectors.joining(", "))
                        + ": run the container tests with `mvn verify`, whose failsafe executions set it"));
    }

    /** @return whether the container is a Tomcat (10.1 or 11) */
    boolean isTomcat() {
        return product.equals("Tomcat");
    }

    /** @return the container's Jakarta WebSocket implementation */
    WebSocketImplementation webSocketImplementation() {
        return webSocket;
    }

    /** @return whether the container has CDI and JSON-B of its own (Tomcat has neither) */
    boolean providesCdi() {
        return providesCdi;
    }

    /** @return {@code "native"} or {@code "jsr356"}, the {@code jakartio.websocket} the server runs with */
    static String websocketMode() {
        return System.getProperty("jakartio.it.websocket", "native");
    }

    /**
     * @return the container's name and version, with the WebSocket mode when it is not the
     *         default, for messages and screenshots: {@code "Tomcat 10.1.59"},
     *         {@code "WildFly 39.0.1.Final (jsr356)"}
     */
    String description() {
        String version = System.getProperty("jakartio.it." + qualifier + ".version", "(unknown version)");
        String mode = websocketMode();
        return product + " " + version + ("native".equals(mode) ? "" : " (" + mode + ")");
    }

    /**
     * @return the chat WAR built by {@code package} for this container: {@code target/jakartio.war},
     *         or on Tomcat {@code target/jakartio-tomcat.war}, which bundles Weld and Yasson
     */
    File chatWar() {
        return existingFile(providesCdi ? "jakartio.it.war" : "jakartio.it.tomcat-war");
    }

    /**
     * @param property a system property the failsafe executions set to a path
     * @return that file, which must exist
     */
    static File existingFile(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException(property + " is not set: run the container tests with "
                    + "`mvn verify`, whose failsafe executions set it");
        }
        File file = new File(path);
        if (!file.exists()) {
            throw new IllegalStateException(file + " does not exist: `mvn package` builds it");
        }
        return file;
    }
}
