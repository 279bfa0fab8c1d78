package io.jakartio.adapter;

/**
 * Creates the adapter of each namespace of one server.
 *
 * <pre>{@code
 * AdapterFactory factory = InMemoryAdapter::new;
 * }</pre>
 *
 * <p>A factory may hold what the adapters of its namespaces share (a cluster adapter's
 * connections to Redis, say): the server closes it with {@link #close()} when the server
 * closes, after every adapter. Such a factory serves one server.
 */
@FunctionalInterface
public interface AdapterFactory extends AutoCloseable {

    /**
     * @param host the namespace the adapter serves
     * @return its adapter
     */
    Adapter create(AdapterHost host);

    /**
     * Releases what the adapters shared, once the server closed them all. Does nothing by
     * default; must not throw.
     */
    @Override
    default void close() {
    }
}
