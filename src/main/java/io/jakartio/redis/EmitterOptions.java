package io.jakartio.redis;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Settings of an {@link Emitter}, with the names and defaults of the options of Node's
 * {@code @socket.io/redis-emitter} where it has them.
 *
 * <pre>{@code
 * EmitterOptions options = EmitterOptions.builder()
 *     .key("chat")                                   // the servers' jakartio.redis.key
 *     .jsonMapper(value -> new RawJson(jsonb.toJson(value)))  // POJO arguments, as the server's
 *     .build();
 * try (Emitter emitter = Emitter.create("redis://redis.internal:6379", options)) {
 *     emitter.emit("news", new Item("Sale"));
 * }
 * }</pre>
 *
 * @param key the prefix of every channel (Node's {@code key}); defaults to {@code socket.io}. An
 *     emitter reaches the servers that use the same Redis and key
 * @param jsonMapper turns the arguments the emitter does not know (POJOs) into values it knows or
 *     {@link io.jakartio.parser.RawJson}, as the server's {@code jsonMapper} does (in Node, the
 *     {@code parser} option chooses the encoder; here the encoding is always the adapter's
 *     MessagePack, and this is its option); defaults to none: such arguments are refused
 * @param timeout how long {@link Emitter#create(String, EmitterOptions)} waits for Redis, a
 *     publication may wait for its answer, and {@link Emitter#close()} waits for the publications
 *     still under way; defaults to 5 s
 */
public record EmitterOptions(String key, UnaryOperator<Object> jsonMapper, Duration timeout) {

    /** Node's default prefix, the same as the servers'. */
    public static final String DEFAULT_KEY = RedisAdapterOptions.DEFAULT_KEY;
    /** The default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Validates the settings.
     *
     * @param key the channel prefix
     * @param jsonMapper the mapper of application objects, or {@code null}
     * @param timeout the timeout
     */
    public EmitterOptions {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** @return the defaults: key {@code socket.io}, no JSON mapper, 5 s */
    public static EmitterOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EmitterOptions}; every setter documents its default on the record. */
    public static final class Builder {
        private String key = DEFAULT_KEY;
        private UnaryOperator<Object> jsonMapper;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * @param value the channel prefix
         * @return this builder
         */
        public Builder key(String value) {
            this.key = value;
            return this;
        }

        /**
         * @param value the mapper of application objects, or {@code null}
         * @return this builder
         */
        public Builder jsonMapper(UnaryOperator<Object> value) {
            this.jsonMapper = value;
            return this;
        }

        /**
         * @param value the timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** @return the settings @throws IllegalArgumentException for an invalid one */
        public EmitterOptions build() {
            return new EmitterOptions(key, jsonMapper, timeout);
        }
    }
}
