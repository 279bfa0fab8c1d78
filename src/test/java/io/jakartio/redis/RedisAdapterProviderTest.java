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
 * {@code jakartio.adapter=redis} and its keys: found by name, read with their documented
 * defaults, refused with the key's name when wrong. No Redis needed: a factory connects only
 * when its server makes its first namespace.
 */
class RedisAdapterProviderTest {

    private final Map<String, String> keys = new LinkedHashMap<>();

    private RedisAdapterOptions options() {
        return ((RedisAdapterFactory) new RedisAdapterProvider().create(keys::get)).options();
    }

    @Test
    void theProviderIsFoundByTheNameRedis() {
        AdapterProvider provider = AdapterProvider.find("redis", getClass().getClassLoader());

        assertInstanceOf(RedisAdapterProvider.class, provider);
    }

    @Test
    void withoutKeysTheDefaultsAreNodes() {
        assertEquals(RedisAdapterOptions.defaults(), options());
        assertEquals(new RedisAdapterOptions("redis://127.0.0.1:6379", "socket.io", Duration.ofSeconds(5), false), options());
    }

    @Test
    void everyKeyIsRead() {
        keys.put("jakartio.redis.uri", "rediss://:secret@redis.internal:6380");
        keys.put("jakartio.redis.key", "chat");
        keys.put("jakartio.redis.requestsTimeout", "1500");
        keys.put("jakartio.redis.publishOnSpecificResponseChannel", "true");

        assertEquals(new RedisAdapterOptions("rediss://:secret@redis.internal:6380", "chat", Duration.ofMillis(1500), true),
                options());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        for (String[] bad : new String[][] {
                {"jakartio.redis.uri", "http://redis:6379"},
                {"jakartio.redis.requestsTimeout", "soon"},
                {"jakartio.redis.requestsTimeout", "0"},
                {"jakartio.redis.publishOnSpecificResponseChannel", "yes"}}) {
            keys.clear();
            keys.put(bad[0], bad[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::options, bad[0]);
            assertTrue(e.getMessage().startsWith(bad[0] + ": '" + bad[1] + "'"), e.getMessage());
        }
    }

    @Test
    void theConfigurationKeysMakeAServerOnRedis() {
        Map<String, String> params = Map.of("jakartio.adapter", "redis", "jakartio.redis.key", "shop",
                "jakartio.redis.requestsTimeout", "2000");

        ServerOptions options = SocketIoConfig.of(params::get).over(ServerOptions.defaults()).build();

        RedisAdapterFactory factory = assertInstanceOf(RedisAdapterFactory.class, options.adapter());
        assertEquals(RedisAdapterOptions.builder().key("shop").requestsTimeout(Duration.ofSeconds(2)).build(), factory.options());
        factory.close(); // never opened a connection
        assertThrows(IllegalStateException.class, factory::link, "a closed factory opens nothing");
    }

    @Test
    void theReadmeDocumentsEveryRedisKeyWithItsDefault() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| `(jakartio\\.redis\\.[^`]+)` \\| ([^|]+) \\|").matcher(Files.readString(Path.of("README.md")));
        Map<String, String> documented = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }

        assertEquals(Map.of("jakartio.redis.uri", "redis://127.0.0.1:6379", "jakartio.redis.key", "socket.io",
                "jakartio.redis.requestsTimeout", "5000", "jakartio.redis.publishOnSpecificResponseChannel", "false"), documented);
        keys.putAll(documented);
        assertEquals(RedisAdapterOptions.defaults(), options(), "each documented default is the default");
    }
}
