package io.jakartio.redis;

import io.jakartio.adapter.AdapterFactory;
import io.jakartio.adapter.AdapterProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code jakartio.adapter=redis}: a cluster on Redis pub/sub, wire-compatible with Node's
 * {@code @socket.io/redis-adapter} 8.3 ({@link RedisAdapter}). Its keys:
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code jakartio.redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td><td>where Redis is</td></tr>
 *   <tr><td>{@code jakartio.redis.key}</td><td>{@code socket.io}</td><td>the channel prefix: servers
 *       with the same Redis and key form one cluster</td></tr>
 *   <tr><td>{@code jakartio.redis.requestsTimeout}</td><td>5000</td><td>how long, in ms, a request
 *       to the other servers waits for every answer</td></tr>
 *   <tr><td>{@code jakartio.redis.publishOnSpecificResponseChannel}</td><td>false</td><td>answers to
 *       the requesting server's own channel</td></tr>
 * </table>
 *
 * <pre>{@code
 * // -Djakartio.adapter=redis -Djakartio.redis.uri=redis://redis.internal:6379
 * AdapterFactory factory = new RedisAdapterProvider().create(System::getProperty);
 * }</pre>
 *
 * <p>The application must bring {@code io.lettuce:lettuce-core} (Jakartio's optional dependency);
 * without it the deployment fails and says so.
 */
public final class RedisAdapterProvider implements AdapterProvider {

    /** The name {@code jakartio.adapter} selects it by. */
    public static final String NAME = "redis";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public RedisAdapterProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdapterFactory create(Function<String, String> settings) {
        requireLibraries(NAME);
        RedisAdapterOptions.Builder options = RedisAdapterOptions.builder();
        String uri = settings.apply("jakartio.redis.uri");
        if (uri != null) {
            options.uri(redisUri(uri));
        }
        String key = settings.apply("jakartio.redis.key");
        if (key != null) {
            if (key.isEmpty()) {
                throw new IllegalArgumentException("jakartio.redis.key: must not be empty");
            }
            options.key(key);
        }
        String timeout = settings.apply("jakartio.redis.requestsTimeout");
        if (timeout != null) {
            options.requestsTimeout(Duration.ofMillis(positiveMillis("jakartio.redis.requestsTimeout", timeout)));
        }
        String specific = settings.apply("jakartio.redis.publishOnSpecificResponseChannel");
        if (specific != null) {
            options.publishOnSpecificResponseChannel(flag("jakartio.redis.publishOnSpecificResponseChannel", specific));
        }
        return new RedisAdapterFactory(options.build());
    }

    /** @return the URI @throws IllegalArgumentException if it is not a redis:// or rediss:// one */
    static String redisUri(String uri) {
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new IllegalArgumentException("jakartio.redis.uri: '" + uri + "' is not a redis:// or rediss:// URI");
        }
        return uri;
    }

    /** @param adapter the adapter's name, for the message @throws IllegalArgumentException if a library is missing */
    static void requireLibraries(String adapter) {
        for (String[] library : new String[][] {{"io.lettuce.core.RedisClient", "io.lettuce:lettuce-core"}}) {
            try {
                Class.forName(library[0], false, RedisAdapterProvider.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("jakartio.adapter=" + adapter + " needs " + library[1]
                        + " in the application (WEB-INF/lib): add the dependency io.lettuce:lettuce-core");
            }
        }
    }

    static long positiveMillis(String key, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": '" + text + "' is not a positive number of milliseconds");
    }

    private static boolean flag(String key, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + text + "' is not true or false");
        };
    }
}
