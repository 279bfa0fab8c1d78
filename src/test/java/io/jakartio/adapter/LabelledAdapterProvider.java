package io.jakartio.adapter;

import java.util.function.Function;

/**
 * An adapter provider found as a third-party one would be, by the test classpath's
 * {@code META-INF/services}: {@code jakartio.adapter=labelled} with its own required key
 * {@code jakartio.labelled.label}.
 */
public final class LabelledAdapterProvider implements AdapterProvider {

    /** The factory it creates: in-memory adapters, remembering the label it was given. */
    public record LabelledFactory(String label) implements AdapterFactory {
        @Override
        public Adapter create(AdapterHost host) {
            return new InMemoryAdapter(host);
        }
    }

    @Override
    public String name() {
        return "labelled";
    }

    @Override
    public AdapterFactory create(Function<String, String> settings) {
        String label = settings.apply("jakartio.labelled.label");
        if (label == null) {
            throw new IllegalArgumentException("jakartio.labelled.label: required with jakartio.adapter=labelled");
        }
        return new LabelledFactory(label);
    }
}
