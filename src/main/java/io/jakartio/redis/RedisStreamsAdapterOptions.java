package io.jakartio.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis Streams adapter, with the names and defaults of Node's
 * {@code @socket.io/redis-streams-adapter} 0.3.1 options.
 *
 * <pre>{@code
 * RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder()
 *     .uri("redis://redis.internal:6379")
 *     .streamName("chat")
 *     .channelPrefix("chat")
 *     .build();
 * ServerOptions.builder().adapter(new RedisStreamsAdapterFactory(options));
 * }</pre>
 *
 * @param uri where Redis is; defaults to {@code redis://127.0.0.1:6379}
 * @param streamName the stream every server appends to and reads; defaults to {@code socket.io}
 * @param channelPrefix the prefix of the PUB/SUB channels beside the stream
 *     ({@code <prefix>#<nsp>#} and {@code <prefix>#<nsp>#<uid>#}); defaults to {@code socket.io}
 * @param maxLen the stream's length kept ({@code XADD MAXLEN ~}); defaults to 10,000
 * @param readCount the most entries one {@code XREAD} returns; defaults to 100
 * @param blockTime how long one {@code XREAD} waits for entries; defaults to 5 s (shortened
 *     to stay within the command timeout, {@code requestsTimeout})
 * @param sessionKeyPrefix the prefix of the keys of sessions kept for connection state
 *     recovery; defaults to {@code sio:session:}
 * @param requestsTimeout how long a request to the other servers waits; also the Redis command
 *     timeout; defaults to 5 s
 * @param heartbeatInterval how often a server says it is alive; defaults to 5 s
 * @param heartbeatTimeout how long a silent server still counts; defaults to 10 s
 */
public record RedisStreamsAdapterOptions(String uri, String streamName, String channelPrefix, int maxLen, int readCount,
        Duration blockTime, String sessionKeyPrefix, Duration requestsTimeout, Duration heartbeatInterval,
        Duration heartbeatTimeout) {

    /** Node's stream name and channel prefix. */
    public static final String DEFAULT_NAME = "socket.io";
    /** Node's session key prefix. */
    public static final String DEFAULT_SESSION_KEY_PREFIX = "sio:session:";

    /**
     * Validates the settings.
     *
     * @param uri Redis URI
     * @param streamName stream
     * @param channelPrefix channel prefix
     * @param maxLen stream length
     * @param readCount entries per read
     * @param blockTime read wait
     * @param sessionKeyPrefix session key prefix
     * @param requestsTimeout request timeout
     * @param heartbeatInterval heartbeat interval
     * @param heartbeatTimeout heartbeat timeout
     */
    public RedisStreamsAdapterOptions {
        Objects.requireNonNull(uri, "uri");
        requireText(streamName, "streamName");
        requireText(channelPrefix, "channelPrefix");
        requireText(sessionKeyPrefix, "sessionKeyPrefix");
        if (maxLen < 1 || readCount < 1) {
            throw new IllegalArgumentException("maxLen and readCount must be positive");
        }
        for (Duration d : new Duration[] {blockTime, requestsTimeout, heartbeatInterval, heartbeatTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("blockTime, requestsTimeout and the heartbeat durations must be positive");
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** @return the defaults */
    public static RedisStreamsAdapterOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RedisStreamsAdapterOptions}; the record documents each default. */
    public static final class Builder {
        private String uri = RedisAdapterOptions.DEFAULT_URI;
        private String streamName = DEFAULT_NAME;
        private String channelPrefix = DEFAULT_NAME;
        private int maxLen = 10_000;
        private int readCount = 100;
        private Duration blockTime = Duration.ofSeconds(5);
        private String sessionKeyPrefix = DEFAULT_SESSION_KEY_PREFIX;
        private Duration requestsTimeout = Duration.ofSeconds(5);
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** @param value the Redis URI @return this builder */
        public Builder uri(String value) {
            uri = value;
            return this;
        }

        /** @param value the stream name @return this builder */
        public Builder streamName(String value) {
            streamName = value;
            return this;
        }

        /** @param value the channel prefix @return this builder */
        public Builder channelPrefix(String value) {
            channelPrefix = value;
            return this;
        }

        /** @param value the stream length kept @return this builder */
        public Builder maxLen(int value) {
            maxLen = value;
            return this;
        }

        /** @param value the entries per read @return this builder */
        public Builder readCount(int value) {
            readCount = value;
            return this;
        }

        /** @param value how long a read waits @return this builder */
        public Builder blockTime(Duration value) {
            blockTime = value;
            return this;
        }

        /** @param value the session key prefix @return this builder */
        public Builder sessionKeyPrefix(String value) {
            sessionKeyPrefix = value;
            return this;
        }

        /** @param value the request timeout @return this builder */
        public Builder requestsTimeout(Duration value) {
            requestsTimeout = value;
            return this;
        }

        /** @param value the heartbeat interval @return this builder */
        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        /** @param value the heartbeat timeout @return this builder */
        public Builder heartbeatTimeout(Duration value) {
            heartbeatTimeout = value;
            return this;
        }

        /** @return the settings @throws IllegalArgumentException for an invalid one */
        public RedisStreamsAdapterOptions build() {
            return new RedisStreamsAdapterOptions(uri, streamName, channelPrefix, maxLen, readCount, blockTime,
                    sessionKeyPrefix, requestsTimeout, heartbeatInterval, heartbeatTimeout);
        }
    }
}
