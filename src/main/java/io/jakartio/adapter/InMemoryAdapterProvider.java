package io.jakartio.adapter;

import java.util.function.Function;

/**
 * {@code jakartio.adapter=memory}, the default: rooms and broadcasts within this server only.
 * Every namespace gets a {@link SessionAwareAdapter} when connection state recovery is on, an
 * {@link InMemoryAdapter} otherwise, as the reference server chooses between its
 * {@code SessionAwareAdapter} and {@code Adapter}.
 *
 * <pre>{@code
 * AdapterFactory factory = new InMemoryAdapterProvider().create(key -> null); // InMemoryAdapterProvider.factory()
 * }</pre>
 */
public final class InMemoryAdapterProvider implements AdapterProvider {

    /** The name this provider answers to. */
    public static final String NAME = "memory";

    /** Immutable: every server may share it. */
    private static final AdapterFactory FACTORY = host -> host.maxDisconnectionDuration().isPresent()
            ? new SessionAwareAdapter(host)
            : new InMemoryAdapter(host);

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public InMemoryAdapterProvider() {
    }

    /**
     * The factory of the {@code memory} adapter, and the server's default: a
     * {@link SessionAwareAdapter} for a namespace of a server with connection state recovery on,
     * an {@link InMemoryAdapter} otherwise.
     *
     * <pre>{@code
     * ServerOptions.builder().adapter(InMemoryAdapterProvider.factory()); // the default
     * }</pre>
     *
     * @return the factory, the same instance each time
     */
    public static AdapterFactory factory() {
        return FACTORY;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @param settings unused: the in-memory adapters have no settings of their own @return {@link #factory()} */
    @Override
    public AdapterFactory create(Function<String, String> settings) {
        return FACTORY;
    }
}
