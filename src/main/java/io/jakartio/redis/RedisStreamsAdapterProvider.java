package io.jakartio.redis;

import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.AdapterProvider;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@code jakartio.adapter=redis-streams}: a cluster on Redis Streams, wire-compatible with Node's
 * {@code @socket.io/redis-streams-adapter} 0.3.1 ({@link RedisStreamsAdapter}), with connection
 * state recovery across servers. Its keys (two shared with the {@code redis} adapter):
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code jakartio.redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td><td>where Redis is</td></tr>
 *   <tr><td>{@code jakartio.redis.requestsTimeout}</td><td>5000</td><td>ms a request to the other servers waits</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.streamName}</td><td>{@code socket.io}</td><td>the stream</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.channelPrefix}</td><td>{@code socket.io}</td><td>the PUB/SUB channels' prefix</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.maxLen}</td><td>10000</td><td>the stream's length kept</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.readCount}</td><td>100</td><td>entries per read</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.blockTimeInMs}</td><td>5000</td><td>ms a read waits</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.sessionKeyPrefix}</td><td>{@code sio:session:}</td><td>sessions' key prefix</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.heartbeatInterval}</td><td>5000</td><td>ms between heartbeats</td></tr>
 *   <tr><td>{@code jakartio.redis-streams.heartbeatTimeout}</td><td>10000</td><td>ms a silent server still counts</td></tr>
 * </table>
 *
 * <pre>{@code
 * // -Djakartio.adapter=redis-streams -Djakartio.redis.uri=redis://redis.internal:6379 -Djakartio.connectionStateRecovery=true
 * AdapterFactory factory = new RedisStreamsAdapterProvider().create(System::getProperty);
 * }</pre>
 */
public final class RedisStreamsAdapterProvider implements AdapterProvider {

    /** The name {@code jakartio.adapter} selects it by. */
    public static final String NAME = "redis-streams";
    private static final String KEYS = "jakartio.redis-streams.";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public RedisStreamsAdapterProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdapterFactory create(Function<String, String> settings) {
        RedisAdapterProvider.requireLibraries(NAME);
        RedisStreamsAdapterOptions.Builder options = RedisStreamsAdapterOptions.builder();
        String uri = settings.apply("jakartio.redis.uri");
        if (uri != null) {
            options.uri(RedisAdapterProvider.redisUri(uri));
        }
        String timeout = settings.apply("jakartio.redis.requestsTimeout");
        if (timeout != null) {
            options.requestsTimeout(Duration.ofMillis(RedisAdapterProvider.positiveMillis("jakartio.redis.requestsTimeout", timeout)));
        }
        text(settings, "streamName", options::streamName);
        text(settings, "channelPrefix", options::channelPrefix);
        text(settings, "sessionKeyPrefix", options::sessionKeyPrefix);
        number(settings, "maxLen", value -> options.maxLen(Math.toIntExact(value)));
        number(settings, "readCount", value -> options.readCount(Math.toIntExact(value)));
        number(settings, "blockTimeInMs", value -> options.blockTime(Duration.ofMillis(value)));
        number(settings, "heartbeatInterval", value -> options.heartbeatInterval(Duration.ofMillis(value)));
        number(settings, "heartbeatTimeout", value -> options.heartbeatTimeout(Duration.ofMillis(value)));
        return new RedisStreamsAdapterFactory(options.build());
    }

    private static void text(Function<String, String> settings, String name, java.util.function.Consumer<String> set) {
        String value = settings.apply(KEYS + name);
        if (value != null) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(KEYS + name + ": must not be empty");
            }
            set.accept(value);
        }
    }

    private static void number(Function<String, String> settings, String name, java.util.function.LongConsumer set) {
        String value = settings.apply(KEYS + name);
        if (value != null) {
            long parsed = RedisAdapterProvider.positiveMillis(KEYS + name, value);
            if (parsed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(KEYS + name + ": '" + value + "' is too large");
            }
            set.accept(parsed);
        }
    }
}
