package io.jakartio.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis adapter, with the defaults and names of Node's
 * {@code @socket.io/redis-adapter} options.
 *
 * <pre>{@code
 * RedisAdapterOptions options = RedisAdapterOptions.builder()
 *     .uri("redis://redis.internal:6379")
 *     .key("chat")
 *     .requestsTimeout(Duration.ofSeconds(2))
 *     .build();
 * ServerOptions.builder().adapter(new RedisAdapterFactory(options));
 * }</pre>
 *
 * @param uri where Redis is; defaults to {@code redis://127.0.0.1:6379} (Lettuce's URI syntax:
 *     {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for TLS;
 *     pub/sub ignores the database)
 * @param key the prefix of every channel (Node's {@code key}); defaults to {@code socket.io}.
 *     Servers with the same Redis and key form one cluster
 * @param requestsTimeout how long a request to the other servers (fetchSockets,
 *     serverSideEmitWithAck) waits for every answer (Node's {@code requestsTimeout}); defaults
 *     to 5 s
 * @param publishOnSpecificResponseChannel whether answers go to the requesting server's own
 *     channel, {@code <key>-response#<nsp>#<uid>#}, instead of the channel every server reads
 *     (Node's option of the same name); defaults to false, as in Node 8.3
 */
public record RedisAdapterOptions(String uri, String key, Duration requestsTimeout, boolean publishOnSpecificResponseChannel) {

    /** Node's default prefix. */
    public static final String DEFAULT_KEY = "socket.io";
    /** A Redis on this machine's default port. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    /** Node's default request timeout. */
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Validates the settings.
     *
     * @param uri the Redis URI
     * @param key the channel prefix
     * @param requestsTimeout the request timeout
     * @param publishOnSpecificResponseChannel where answers go
     */
    public RedisAdapterOptions {
        Objects.requireNonNull(uri, "uri");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (requestsTimeout == null || requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout must be positive");
        }
    }

    /** @return the defaults: a Redis on 127.0.0.1:6379, key {@code socket.io}, 5 s */
    public static RedisAdapterOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder().uri(uri).key(key).requestsTimeout(requestsTimeout)
                .publishOnSpecificResponseChannel(publishOnSpecificResponseChannel);
    }

    /** Builds {@link RedisAdapterOptions}; every setter documents its default on the record. */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private String key = DEFAULT_KEY;
        private Duration requestsTimeout = DEFAULT_REQUESTS_TIMEOUT;
        private boolean publishOnSpecificResponseChannel;

        private Builder() {
        }

        /** @param value the Redis URI @return this builder */
        public Builder uri(String value) {
            this.uri = value;
            return this;
        }

        /** @param value the channel prefix @return this builder */
        public Builder key(String value) {
            this.key = value;
            return this;
        }

        /** @param value the request timeout @return this builder */
        public Builder requestsTimeout(Duration value) {
            this.requestsTimeout = value;
            return this;
        }

        /** @param value whether answers go to the requester's own channel @return this builder */
        public Builder publishOnSpecificResponseChannel(boolean value) {
            this.publishOnSpecificResponseChannel = value;
            return this;
        }

        /** @return the settings @throws IllegalArgumentException for an invalid one */
        public RedisAdapterOptions build() {
            return new RedisAdapterOptions(uri, key, requestsTimeout, publishOnSpecificResponseChannel);
        }
    }
}
