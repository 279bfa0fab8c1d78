package io.jakartio.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the Engine.IO server. Defaults match the reference server.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *     .pingInterval(Duration.ofSeconds(10))
 *     .maxHttpBufferSize(100_000)
 *     .cors(CorsOptions.allowOrigins("https://chat.example.com"))
 *     .build();
 * }</pre>
 *
 * @param pingInterval time between server PINGs; defaults to 25 s
 * @param pingTimeout how long to wait for the PONG before closing; defaults to 20 s
 * @param upgradeTimeout how long an upgrade may take before the WebSocket is dropped; defaults to 10 s
 * @param maxHttpBufferSize largest accepted message or POST body, in bytes; defaults to 1e6
 *     (larger POSTs get HTTP 413, larger WebSocket messages close the connection with 1009)
 * @param transports enabled transports; defaults to polling and websocket
 * @param allowUpgrades whether polling sessions may upgrade to WebSocket; defaults to true
 * @param cors cross-origin settings, or {@code null} for none (the default)
 * @param allowRequest handshake hook; defaults to allowing everything
 * @param maxBufferedPackets the bound of each session's outbound queue; defaults to 10,000. A
 *     client that falls this far behind is disconnected ("transport error") rather than letting
 *     the server's memory grow
 * @param pollingCloseTimeout how long a closing polling session waits for a GET to deliver its
 *     last packets; defaults to 30 s
 * @param closeTimeout how long a WebSocket the server closes waits for the client's close frame
 *     before it drops the TCP connection (a dead or misbehaving peer never answers: {@code ws}'s
 *     {@code closeTimeout}); defaults to 5 s. Jakartio's own WebSocket and Tomcat's JSR-356 one
 *     honour it; Undertow and Grizzly drop such connections themselves
 * @param writeLanes how many threads may write sessions' queued packets at once; defaults to the
 *     number of processors. Packets that other threads queue for a session while its lane is being
 *     written leave with the ones waiting, in one write. A broadcast's sessions are written by
 *     up to this many threads at once: the broadcasting thread and writer threads started for
 *     it (see {@code Flusher}). {@code 1}: the broadcasting thread writes them all. {@code 0}:
 *     every thread writes the sessions it queues for itself, one write per packet (no joining)
 * @param cookie the cookie set on the handshake response, for load balancers' sticky sessions
 *     (the reference server's {@code cookie} option); {@code null} (the default) sets none
 * @param generateId makes the id of each new session (Node's {@code generateId}); {@code null}
 *     (the default) draws 120 random bits. Code only: no configuration key
 * @param initialPacket a text MESSAGE sent to every new session right after its OPEN packet
 *     (Node's {@code initialPacket}); {@code null} (the default) sends none. Under Socket.IO it is
 *     read as a Socket.IO packet, e.g. {@code 2["welcome"]} (an event the client's main
 *     namespace receives once connected)
 * @param allowEIO3 whether Engine.IO v3 clients ({@code EIO=3}: the Socket.IO 2.x clients) may
 *     connect, as with the reference server's {@code allowEIO3}; defaults to false (they are
 *     refused with "Unsupported protocol version")
 * @param perMessageDeflate permessage-deflate (RFC 7692) on the native WebSockets (the reference
 *     server's {@code perMessageDeflate} option); {@code null} (the default) negotiates none. The
 *     JSR-356 mode uses its container's own extension, if any
 * @param httpCompression compression of polling responses (the reference server's
 *     {@code httpCompression} option); defaults to {@link HttpCompressionOptions#defaults()} (on,
 *     1,024-byte threshold); {@code null} turns it off
 */
public record EngineOptions(
        Duration pingInterval,
        Duration pingTimeout,
        Duration upgradeTimeout,
        long maxHttpBufferSize,
        Set<TransportType> transports,
        boolean allowUpgrades,
        CorsOptions cors,
        AllowRequest allowRequest,
        int maxBufferedPackets,
        Duration pollingCloseTimeout,
        Duration closeTimeout,
        int writeLanes,
        CookieOptions cookie,
        SessionIdGenerator generateId,
        String initialPacket,
        boolean allowEIO3,
        PerMessageDeflateOptions perMessageDeflate,
        HttpCompressionOptions httpCompression) {

    /**
     * Validates the settings.
     *
     * @param pingInterval ping interval
     * @param pingTimeout ping timeout
     * @param upgradeTimeout upgrade timeout
     * @param maxHttpBufferSize size limit
     * @param transports enabled transports
     * @param allowUpgrades whether upgrades are allowed
     * @param cors CORS settings or null
     * @param allowRequest handshake hook
     * @param maxBufferedPackets outbound queue bound
     * @param pollingCloseTimeout polling close timeout
     * @param closeTimeout WebSocket close handshake timeout
     * @param writeLanes threads that may write at once, or 0
     * @param cookie the handshake cookie, or null for none
     * @param generateId the session id generator, or null for random ids
     * @param initialPacket the MESSAGE sent after OPEN, or null for none
     * @param allowEIO3 whether Engine.IO v3 clients may connect
     * @param perMessageDeflate permessage-deflate settings, or null for none
     * @param httpCompression polling response compression, or null for none
     */
    public EngineOptions {
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(upgradeTimeout, "upgradeTimeout");
        requirePositive(pollingCloseTimeout, "pollingCloseTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        if (maxHttpBufferSize <= 0) {
            throw new IllegalArgumentException("maxHttpBufferSize must be positive");
        }
        if (maxBufferedPackets <= 0) {
            throw new IllegalArgumentException("maxBufferedPackets must be positive");
        }
        if (writeLanes < 0) {
            throw new IllegalArgumentException("writeLanes must be 0 or more");
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("enable at least one transport");
        }
        transports = Set.copyOf(transports);
        Objects.requireNonNull(allowRequest, "allowRequest");
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** @return the defaults of the reference server */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.transports = EnumSet.copyOf(transports);
        b.allowUpgrades = allowUpgrades;
        b.cors = cors;
        b.allowRequest = allowRequest;
        b.maxBufferedPackets = maxBufferedPackets;
        b.pollingCloseTimeout = pollingCloseTimeout;
        b.closeTimeout = closeTimeout;
        b.writeLanes = writeLanes;
        b.cookie = cookie;
        b.generateId = generateId;
        b.initialPacket = initialPacket;
        b.allowEIO3 = allowEIO3;
        b.perMessageDeflate = perMessageDeflate;
        b.httpCompression = httpCompression;
        return b;
    }

    /** @param transport a transport @return whether it is enabled */
    public boolean allows(TransportType transport) {
        return transport != null && transports.contains(transport);
    }

    /** Builds {@link EngineOptions}; every setting starts at its default. */
    public static final class Builder {
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private long maxHttpBufferSize = 1_000_000;
        private Set<TransportType> transports = EnumSet.allOf(TransportType.class);
        private boolean allowUpgrades = true;
        private CorsOptions cors;
        private AllowRequest allowRequest = AllowRequest.ALLOW_ALL;
        private int maxBufferedPackets = 10_000;
        private Duration pollingCloseTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private int writeLanes = Runtime.getRuntime().availableProcessors();
        private CookieOptions cookie;
        private SessionIdGenerator generateId;
        private String initialPacket;
        private boolean allowEIO3;
        private PerMessageDeflateOptions perMessageDeflate;
        private HttpCompressionOptions httpCompression = HttpCompressionOptions.defaults();

        private Builder() {
        }

        /** @param value time between PINGs @return this builder */
        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        /** @param value time to wait for a PONG @return this builder */
        public Builder pingTimeout(Duration value) {
            this.pingTimeout = value;
            return this;
        }

        /** @param value time allowed for an upgrade @return this builder */
        public Builder upgradeTimeout(Duration value) {
            this.upgradeTimeout = value;
            return this;
        }

        /** @param bytes largest message or POST body @return this builder */
        public Builder maxHttpBufferSize(long bytes) {
            this.maxHttpBufferSize = bytes;
            return this;
        }

        /** @param value enabled transports @return this builder */
        public Builder transports(Set<TransportType> value) {
            this.transports = EnumSet.copyOf(value);
            return this;
        }

        /** @param value whether upgrades are allowed @return this builder */
        public Builder allowUpgrades(boolean value) {
            this.allowUpgrades = value;
            return this;
        }

        /** @param value CORS settings, or {@code null} for none @return this builder */
        public Builder cors(CorsOptions value) {
            this.cors = value;
            return this;
        }

        /** @param value the handshake hook @return this builder */
        public Builder allowRequest(AllowRequest value) {
            this.allowRequest = value;
            return this;
        }

        /** @param value outbound queue bound per session @return this builder */
        public Builder maxBufferedPackets(int value) {
            this.maxBufferedPackets = value;
            return this;
        }

        /** @param value polling close timeout @return this builder */
        public Builder pollingCloseTimeout(Duration value) {
            this.pollingCloseTimeout = value;
            return this;
        }

        /**
         * @param value how long a WebSocket the server closes waits for the client's close frame
         *     (default 5 s)
         * @return this builder
         */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = value;
            return this;
        }

        /**
         * @param value how many threads may write at once (default: one per processor); 0 for
         *     none: each thread writes the sessions it queues for, a write per packet
         * @return this builder
         */
        public Builder writeLanes(int value) {
            this.writeLanes = value;
            return this;
        }

        /**
         * Sets a cookie on handshake responses, which sticky load balancers route by.
         *
         * <pre>{@code
         * EngineOptions.builder().cookie(CookieOptions.defaults()).build(); // io=<sid>; Path=/; HttpOnly; SameSite=Lax
         * }</pre>
         *
         * @param value the cookie, or {@code null} for none
         * @return this builder
         */
        public Builder cookie(CookieOptions value) {
            this.cookie = value;
            return this;
        }

        /**
         * Makes session ids with the application's generator (Node's {@code generateId}); see
         * {@link SessionIdGenerator} for what an id must be.
         *
         * <pre>{@code
         * SessionIds random = new SessionIds();
         * EngineOptions.builder().generateId(request -> "node1-" + random.next()).build();
         * }</pre>
         *
         * @param value the generator, or {@code null} for random ids (the default)
         * @return this builder
         */
        public Builder generateId(SessionIdGenerator value) {
            this.generateId = value;
            return this;
        }

        /**
         * Negotiates permessage-deflate on native WebSockets.
         *
         * <pre>{@code
         * EngineOptions.builder().perMessageDeflate(PerMessageDeflateOptions.defaults()).build();
         * }</pre>
         *
         * @param value the settings, or {@code null} (the default) for none
         * @return this builder
         */
        public Builder perMessageDeflate(PerMessageDeflateOptions value) {
            this.perMessageDeflate = value;
            return this;
        }

        /**
         * Sends a text MESSAGE to every new session right after its OPEN packet (Node's
         * {@code initialPacket}).
         *
         * <pre>{@code
         * EngineOptions.builder().initialPacket("2[\"welcome\",\"v1.4\"]").build(); // a Socket.IO event
         * }</pre>
         *
         * @param value the message, or {@code null} for none (the default)
         * @return this builder
         */
        public Builder initialPacket(String value) {
            this.initialPacket = value;
            return this;
        }

        /**
         * Lets Engine.IO v3 clients connect: the Socket.IO 2.x clients still shipped in older
         * apps. Their sessions use the v3 framing and heartbeat, and the Socket.IO layer speaks
         * protocol v4 to them (the reference server's {@code allowEIO3}).
         *
         * <pre>{@code
         * EngineOptions.builder().allowEIO3(true).build();
         * }</pre>
         *
         * @param value whether {@code EIO=3} is accepted; defaults to false
         * @return this builder
         */
        public Builder allowEIO3(boolean value) {
            this.allowEIO3 = value;
            return this;
        }

        /**
         * @param value compression of polling responses, or {@code null} for none (default: on,
         *     threshold 1,024 bytes)
         * @return this builder
         */
        public Builder httpCompression(HttpCompressionOptions value) {
            this.httpCompression = value;
            return this;
        }

        /** @return the options */
        public EngineOptions build() {
            return new EngineOptions(pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize,
                    transports, allowUpgrades, cors, allowRequest, maxBufferedPackets, pollingCloseTimeout,
                    closeTimeout, writeLanes, cookie, generateId, initialPacket, allowEIO3, perMessageDeflate, httpCompression);
        }
    }
}
