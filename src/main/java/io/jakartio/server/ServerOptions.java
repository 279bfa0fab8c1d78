package io.jakartio.server;

import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.InMemoryAdapterProvider;
import io.jakartio.engine.EngineOptions;
import io.jakartio.parser.Parser;
import io.jakartio.parser.SocketPacketDecoder;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings of the Socket.IO server. Defaults match the reference server.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .engine(EngineOptions.builder().pingInterval(Duration.ofSeconds(10)).build())
 *     .connectTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * @param engine the Engine.IO settings (heartbeat, limits, CORS, transports)
 * @param path the path of the Engine.IO endpoint; defaults to {@code "/socket.io/"}
 * @param connectTimeout how long a new connection may stay in no namespace before it is
 *     closed; defaults to 45 s
 * @param adapter creates each namespace's adapter; defaults to {@link InMemoryAdapterProvider#factory()}:
 *     rooms within this server, with the sessions and missed packets of connection state recovery
 *     when it is on ({@link io.jakartio.adapter.SessionAwareAdapter}), without otherwise
 *     ({@link io.jakartio.adapter.InMemoryAdapter})
 * @param jsonMapper converts application objects the built-in writer does not know (POJOs) to
 *     plain values or {@link io.jakartio.parser.RawJson}; {@code null} (the default) rejects
 *     them. The Jakarta binding installs a JSON-B mapper.
 * @param maxAttachments the most binary attachments an incoming packet may announce; defaults to 10
 * @param cleanupEmptyChildNamespaces whether a dynamic namespace is removed when its last
 *     socket leaves; defaults to false
 * @param connectionStateRecovery lets clients that lost their connection resume their socket
 *     (see {@link ConnectionStateRecovery}); {@code null} (the default) turns it off
 * @param parser how packets travel in Engine.IO messages (Node's {@code parser} option);
 *     defaults to {@link Parser#defaultParser()}, {@link Parser#msgpack()} for clients built with
 *     {@code socket.io-msgpack-parser}
 */
public record ServerOptions(
        EngineOptions engine,
        String path,
        Duration connectTimeout,
        AdapterFactory adapter,
        UnaryOperator<Object> jsonMapper,
        int maxAttachments,
        boolean cleanupEmptyChildNamespaces,
        ConnectionStateRecovery connectionStateRecovery,
        Parser parser) {

    /**
     * Validates the settings.
     *
     * @param engine engine settings
     * @param path endpoint path
     * @param connectTimeout namespace connect timeout
     * @param adapter adapter factory
     * @param jsonMapper object mapper or null
     * @param maxAttachments attachment limit
     * @param cleanupEmptyChildNamespaces dynamic namespace cleanup
     * @param connectionStateRecovery recovery settings, or null for none
     * @param parser packet parser
     */
    public ServerOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(parser, "parser");
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative");
        }
    }

    /** @return the defaults */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder().engine(engine).path(path).connectTimeout(connectTimeout).adapter(adapter)
                .jsonMapper(jsonMapper).maxAttachments(maxAttachments)
                .cleanupEmptyChildNamespaces(cleanupEmptyChildNamespaces)
                .connectionStateRecovery(connectionStateRecovery).parser(parser);
    }

    /** Builds {@link ServerOptions}; every setting starts at its default. */
    public static final class Builder {
        private EngineOptions engine = EngineOptions.defaults();
        private String path = "/socket.io/";
        private Duration connectTimeout = Duration.ofSeconds(45);
        private AdapterFactory adapter = InMemoryAdapterProvider.factory();
        private UnaryOperator<Object> jsonMapper;
        private int maxAttachments = SocketPacketDecoder.DEFAULT_MAX_ATTACHMENTS;
        private boolean cleanupEmptyChildNamespaces;
        private ConnectionStateRecovery connectionStateRecovery;
        private Parser parser = Parser.defaultParser();

        private Builder() {
        }

        /** @param value Engine.IO settings @return this builder */
        public Builder engine(EngineOptions value) {
            this.engine = value;
            return this;
        }

        /**
         * Changes some Engine.IO settings, keeping the others as they are in this builder.
         *
         * <pre>{@code
         * builder.engine(engine -> engine.pingInterval(Duration.ofSeconds(10)).maxHttpBufferSize(100_000));
         * }</pre>
         *
         * @param change receives a builder holding the current Engine.IO settings
         * @return this builder
         */
        public Builder engine(UnaryOperator<EngineOptions.Builder> change) {
            this.engine = change.apply(engine.toBuilder()).build();
            return this;
        }

        /** @param value endpoint path, e.g. {@code "/socket.io/"} @return this builder */
        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /** @param value namespace connect timeout @return this builder */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** @param value adapter factory @return this builder */
        public Builder adapter(AdapterFactory value) {
            this.adapter = value;
            return this;
        }

        /** @param value object mapper for application types, or null @return this builder */
        public Builder jsonMapper(UnaryOperator<Object> value) {
            this.jsonMapper = value;
            return this;
        }

        /** @param value attachment limit per packet @return this builder */
        public Builder maxAttachments(int value) {
            this.maxAttachments = value;
            return this;
        }

        /** @param value whether empty dynamic namespaces are removed @return this builder */
        public Builder cleanupEmptyChildNamespaces(boolean value) {
            this.cleanupEmptyChildNamespaces = value;
            return this;
        }

        /**
         * Turns connection state recovery on (or off with {@code null}).
         *
         * <pre>{@code
         * ServerOptions.builder().connectionStateRecovery(ConnectionStateRecovery.defaults()).build();
         * }</pre>
         *
         * @param value recovery settings, or {@code null} for none
         * @return this builder
         */
        public Builder connectionStateRecovery(ConnectionStateRecovery value) {
            this.connectionStateRecovery = value;
            return this;
        }

        /**
         * Picks the parser; the clients must use the same one.
         *
         * <pre>{@code
         * ServerOptions.builder().parser(Parser.msgpack()).build(); // socket.io-msgpack-parser clients
         * }</pre>
         *
         * @param value the parser
         * @return this builder
         */
        public Builder parser(Parser value) {
            this.parser = value;
            return this;
        }

        /** @return the options */
        public ServerOptions build() {
            return new ServerOptions(engine, path, connectTimeout, adapter, jsonMapper, maxAttachments,
                    cleanupEmptyChildNamespaces, connectionStateRecovery, parser);
        }
    }
}
