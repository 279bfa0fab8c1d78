package io.jakartio.adapter;

/**
 * Creates the adapter of each namespace.
 *
 * <pre>{@code
 * AdapterFactory factory = InMemoryAdapter::new;
 * }</pre>
 */
@FunctionalInterface
public interface AdapterFactory {

    /**
     * @param host the namespace the adapter serves
     * @return its adapter
     */
    Adapter create(AdapterHost host);
}
