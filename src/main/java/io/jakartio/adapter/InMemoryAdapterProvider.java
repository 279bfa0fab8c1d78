package io.jakartio.adapter;

import java.util.function.Function;

/**
 * {@code jakartio.adapter=memory}: every namespace gets an {@link InMemoryAdapter} (rooms and
 * broadcasts within this server only). The default.
 *
 * <pre>{@code
 * AdapterFactory factory = new InMemoryAdapterProvider().create(key -> null);
 * }</pre>
 */
public final class InMemoryAdapterProvider implements AdapterProvider {

    /** The name this provider answers to. */
    public static final String NAME = "memory";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public InMemoryAdapterProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @param settings unused: the in-memory adapter has no settings @return {@code InMemoryAdapter::new} */
    @Override
    public AdapterFactory create(Function<String, String> settings) {
        return InMemoryAdapter::new;
    }
}
