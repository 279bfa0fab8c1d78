package io.jakartio.it;

import java.util.List;

/**
 * One way of running the scenarios: a container serving the fixture, and the transports the
 * official Java client may use against it.
 */
enum Setup {

    /** Embedded Tyrus (Grizzly), which only serves WebSocket. */
    TYRUS_WEBSOCKET("Tyrus, websocket only", Container.TYRUS, List.of("websocket"), "websocket", false),

    /** Embedded Tomcat (Jakartio's own WebSocket), WebSocket from the start. */
    TOMCAT_WEBSOCKET("Tomcat, websocket only", Container.TOMCAT, List.of("websocket"), "websocket", false),

    /** Embedded Tomcat, HTTP long-polling only. */
    TOMCAT_POLLING("Tomcat, polling only", Container.TOMCAT, List.of("polling"), "polling", false),

    /** Embedded Tomcat, the client's defaults: long-polling first, then the upgrade to WebSocket. */
    TOMCAT_DEFAULT("Tomcat, polling then upgrade", Container.TOMCAT, null, "websocket", true),

    /** Embedded Tomcat with its JSR-356 WebSocket instead of ours, WebSocket from the start. */
    TOMCAT_JSR356_WEBSOCKET("Tomcat JSR-356, websocket only", Container.TOMCAT_JSR356, List.of("websocket"), "websocket", false),

    /** Embedded Tomcat with its JSR-356 WebSocket, polling then the upgrade. */
    TOMCAT_JSR356_DEFAULT("Tomcat JSR-356, polling then upgrade", Container.TOMCAT_JSR356, null, "websocket", true);

    /**
     * The containers the fixture runs in: Tyrus (JSR-356 only), Tomcat with Jakartio's own
     * WebSocket over the servlet upgrade (the default), Tomcat with its JSR-356 endpoint.
     */
    enum Container { TYRUS, TOMCAT, TOMCAT_JSR356 }

    private final String label;
    private final Container container;
    private final List<String> transports;
    private final String transport;
    private final boolean upgrades;

    Setup(String label, Container container, List<String> transports, String transport, boolean upgrades) {
        this.label = label;
        this.container = container;
        this.transports = transports;
        this.transport = transport;
        this.upgrades = upgrades;
    }

    Container container() {
        return container;
    }

    /** @return the client's {@code transports} option, or {@code null} for its default */
    String[] transports() {
        return transports == null ? null : transports.toArray(String[]::new);
    }

    /** @return the transport a connected client ends up on (after the upgrade, if any) */
    String transport() {
        return transport;
    }

    /** @return whether the client starts on polling and upgrades */
    boolean upgrades() {
        return upgrades;
    }

    @Override
    public String toString() {
        return label;
    }
}
