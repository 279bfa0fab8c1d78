package io.jakartio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.adapter.AdapterProvider;
import io.jakartio.config.SocketIoConfig;
import io.jakartio.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code jakartio.adapter=redis-streams} and its keys: found by name, read with their documented
 * defaults, refused with the key's name when wrong. No Redis needed.
 */
class RedisStreamsAdapterProviderTest {

    private final Map<String, String> keys = new LinkedHashMap<>();

    private RedisStreamsAdapterOptions options() {
        return ((RedisStreamsAdapterFactory) new RedisStreamsAdapterProvider().create(keys::get)).options();
    }

    @Test
    void theProviderIsFoundByTheNameRedisStreams() {
        assertInstanceOf(RedisStreamsAdapterProvider.class, AdapterProvider.find("redis-streams", getClass().getClassLoader()));
    }

    @Test
    void withoutKeysTheDefaultsAreNodes() {
        assertEquals(new RedisStreamsAdapterOptions("redis://127.0.0.1:6379", "socket.io", "socket.io", 10_000, 100,
                Duration.ofSeconds(5), "sio:session:", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                options());
    }

    @Test
    void everyKeyIsReadWithTheSharedRedisOnes() {
        keys.put("jakartio.redis.uri", "redis://redis.internal:6380");
        keys.put("jakartio.redis.requestsTimeout", "1500");
        keys.put("jakartio.redis-streams.streamName", "K");
        keys.put("jakartio.redis-streams.channelPrefix", "K");
        keys.put("jakartio.redis-streams.maxLen", "500");
        keys.put("jakartio.redis-streams.readCount", "10");
        keys.put("jakartio.redis-streams.blockTimeInMs", "1000");
        keys.put("jakartio.redis-streams.sessionKeyPrefix", "K:session:");
        keys.put("jakartio.redis-streams.heartbeatInterval", "2000");
        keys.put("jakartio.redis-streams.heartbeatTimeout", "4000");

        assertEquals(new RedisStreamsAdapterOptions("redis://redis.internal:6380", "K", "K", 500, 10, Duration.ofSeconds(1),
                "K:session:", Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(4)), options());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        for (String[] bad : new String[][] {
                {"jakartio.redis.uri", "http://redis:6379"},
                {"jakartio.redis-streams.maxLen", "many"},
                {"jakartio.redis-streams.heartbeatTimeout", "0"},
                {"jakartio.redis-streams.streamName", ""}}) {
            keys.clear();
            keys.put(bad[0], bad[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::options, bad[0]);
            assertTrue(e.getMessage().startsWith(bad[0] + ":"), e.getMessage());
        }
    }

    @Test
    void theConfigurationKeysMakeAServerOnRedisStreamsWithoutUnknownKeyWarnings() {
        Map<String, String> params = Map.of("jakartio.adapter", "redis-streams", "jakartio.redis.uri", "redis://127.0.0.1:6379",
                "jakartio.redis-streams.streamName", "K", "jakartio.redis-streams.channelPrefix", "K",
                "jakartio.redis-streams.sessionKeyPrefix", "K:session:");

        ServerOptions options = SocketIoConfig.of(params::get).over(ServerOptions.defaults()).build();

        RedisStreamsAdapterFactory factory = assertInstanceOf(RedisStreamsAdapterFactory.class, options.adapter());
        assertEquals(RedisStreamsAdapterOptions.builder().streamName("K").channelPrefix("K").sessionKeyPrefix("K:session:").build(),
                factory.options());
        factory.close();
    }

    @Test
    void theReadmeDocumentsEveryRedisStreamsKeyWithItsDefault() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| `(jakartio\\.redis-streams\\.[^`]+)` \\| ([^|]+) \\|")
                .matcher(Files.readString(Path.of("README.md")));
        Map<String, String> documented = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }

        assertEquals(8, documented.size(), documented.toString());
        keys.putAll(documented);
        assertEquals(RedisStreamsAdapterOptions.defaults(), options(), "each documented default is the default");
    }
}
