package io.jakartio.engine;

/** The Engine.IO transports, named as in the {@code transport} query parameter. */
public enum TransportType {
    /** HTTP long-polling: GET to receive, POST to send. */
    POLLING("polling"),
    /** One WebSocket connection, one frame per packet. */
    WEBSOCKET("websocket");

    private final String wireName;

    TransportType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used on the wire, e.g. {@code "polling"} */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks up a transport by its wire name.
     *
     * @param name the {@code transport} query parameter, may be {@code null}
     * @return the transport, or {@code null} if unknown
     */
    public static TransportType fromWireName(String name) {
        for (TransportType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
