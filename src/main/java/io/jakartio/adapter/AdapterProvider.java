package io.jakartio.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Makes an adapter selectable by name with the {@code jakartio.adapter} key, found by
 * {@link ServiceLoader}: a jar lists its provider in
 * {@code META-INF/services/io.jakartio.adapter.AdapterProvider}, and {@code jakartio.adapter=redis}
 * picks it. The provider reads its own keys through the settings it is given, with the
 * precedence of every {@code jakartio.*} key; {@code memory} ({@link InMemoryAdapter}, the
 * default) is always there.
 *
 * <pre>{@code
 * public final class RedisAdapterProvider implements AdapterProvider {
 *     public String name() {
 *         return "redis";
 *     }
 *
 *     public AdapterFactory create(Function<String, String> settings) {
 *         String uri = settings.apply("jakartio.redis.uri"); // null when not set
 *         if (uri == null) {
 *             throw new IllegalArgumentException("jakartio.redis.uri: required with jakartio.adapter=redis");
 *         }
 *         RedisClient client = RedisClient.create(uri);
 *         return host -> new RedisAdapter(host, client);
 *     }
 * }
 * }</pre>
 */
public interface AdapterProvider {

    /** @return the name {@code jakartio.adapter} selects this provider by, e.g. {@code "redis"} */
    String name();

    /**
     * Creates the adapter factory of a server, once, while the server is configured.
     *
     * @param settings reads a key by its full name ({@code "jakartio.redis.uri"}) from system
     *     properties, the environment, MicroProfile Config and context parameters, in that
     *     order; {@code null} when it is set nowhere
     * @return the factory of each namespace's adapter
     * @throws IllegalArgumentException for a missing or invalid setting, naming its key
     */
    AdapterFactory create(Function<String, String> settings);

    /**
     * Finds the provider of a name among the built-in {@code memory} and those the loader's
     * {@code META-INF/services} list.
     *
     * <pre>{@code
     * AdapterFactory factory = AdapterProvider.find("memory", getClass().getClassLoader()).create(key -> null);
     * }</pre>
     *
     * @param name the name, as {@code jakartio.adapter} holds it (case-sensitive)
     * @param loader where to look for providers
     * @return the provider
     * @throws IllegalArgumentException when no provider, or more than one, has that name; the
     *     message lists the names known
     */
    static AdapterProvider find(String name, ClassLoader loader) {
        TreeMap<String, List<AdapterProvider>> byName = new TreeMap<>();
        InMemoryAdapterProvider memory = new InMemoryAdapterProvider();
        byName.computeIfAbsent(memory.name(), n -> new ArrayList<>()).add(memory);
        for (AdapterProvider provider : ServiceLoader.load(AdapterProvider.class, loader)) {
            if (!(provider instanceof InMemoryAdapterProvider)) {
                byName.computeIfAbsent(provider.name(), n -> new ArrayList<>()).add(provider);
            }
        }
        List<AdapterProvider> found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException("jakartio.adapter: unknown adapter '" + name + "'; known: "
                    + String.join(", ", byName.keySet())
                    + " (an adapter's jar lists its provider in META-INF/services/" + AdapterProvider.class.getName() + ")");
        }
        if (found.size() > 1) {
            List<String> classes = found.stream().map(p -> p.getClass().getName()).toList();
            throw new IllegalArgumentException("jakartio.adapter: several providers are named '" + name + "': " + classes);
        }
        return found.get(0);
    }
}
