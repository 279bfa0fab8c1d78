package io.jakartio.adapter;

import java.util.function.Function;

/** A second provider named {@code labelled}, listed only where a test wants a clash. */
public final class ImpostorAdapterProvider implements AdapterProvider {

    @Override
    public String name() {
        return "labelled";
    }

    @Override
    public AdapterFactory create(Function<String, String> settings) {
        return InMemoryAdapter::new;
    }
}
