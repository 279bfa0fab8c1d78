package io.jakartio.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Names with their values, in the order they came, as an immutable
 * {@code Map<String, List<String>>}: a request's headers or query parameters.
 *
 * <p>A session keeps its handshake request for its whole life, thousands of sessions at a time,
 * so the whole map is one array of alternating names and values, a value being the
 * {@code String} itself while its name has one (the list is made when asked for), else an
 * immutable list. Look-ups scan the array: a request has a few dozen names at most.
 *
 * <pre>{@code
 * NamedValues query = NamedValues.builder().add("EIO", "4").add("tag", "a").add("tag", "b").build();
 * query.get("tag");   // [a, b]
 * query.get("EIO");   // [4]
 * }</pre>
 */
final class NamedValues extends AbstractMap<String, List<String>> {

    /** The map without names. */
    static final NamedValues EMPTY = new NamedValues(new Object[0]);

    /** Name, value (a String or a List of them), name, value... */
    private final Object[] entries;

    private NamedValues(Object[] entries) {
        this.entries = entries;
    }

    /**
     * @param entries entries as {@link #entries()} gave them
     * @return a map of them (a view: the array is never changed)
     */
    static NamedValues of(Object[] entries) {
        return entries.length == 0 ? EMPTY : new NamedValues(entries);
    }

    /** @return the entries, {@code [name, value(s), name, ...]}: never to be changed */
    Object[] entries() {
        return entries;
    }

    /** @return a builder of a new map */
    static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return entries.length >> 1;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public List<String> get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : valuesAt(i + 1);
    }

    /**
     * The first value of a name, as {@link io.jakartio.engine.EngineRequest#query} answers.
     *
     * @param name the name
     * @return its first value, or {@code null}
     */
    String first(String name) {
        int i = indexOf(name);
        return i < 0 ? null : firstValue(entries[i + 1]);
    }

    /**
     * The first value of a name, ignoring its case, as {@link io.jakartio.engine.EngineRequest#header}
     * answers: a name without values does not count.
     *
     * @param name the name, any case
     * @return its first value, or {@code null}
     */
    String firstIgnoringCase(String name) {
        return firstIgnoringCase(entries, name);
    }

    /**
     * @param entries the entries of a {@code NamedValues}, as {@link #entries()} gave them
     * @param name a name, any case
     * @return the first value of the first entry with that name, or {@code null}
     */
    static String firstIgnoringCase(Object[] entries, String name) {
        for (int i = 0; i < entries.length; i += 2) {
            if (((String) entries[i]).equalsIgnoreCase(name)) {
                String value = firstValue(entries[i + 1]);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String firstValue(Object value) {
        if (value instanceof String single) {
            return single;
        }
        List<?> values = (List<?>) value;
        return values.isEmpty() ? null : (String) values.get(0);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return NamedValues.this.size();
            }

            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < entries.length;
                    }

                    @Override
                    public Entry<String, List<String>> next() {
                        if (next >= entries.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, List<String>> entry =
                                new SimpleImmutableEntry<>((String) entries[next], valuesAt(next + 1));
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }

    private int indexOf(Object name) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private List<String> valuesAt(int i) {
        Object value = entries[i];
        return value instanceof String single ? List.of(single) : (List<String>) value;
    }

    /** Collects names and values; not thread-safe. */
    static final class Builder {

        private final List<Object> entries = new ArrayList<>();
        /** Where each name is in {@link #entries}: a long query string is not scanned per name. */
        private final Map<String, Integer> positions = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds a value to a name, after the values it already has (a repeated query parameter).
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        Builder add(String name, String value) {
            Objects.requireNonNull(value);
            Integer i = positions.putIfAbsent(name, entries.size());
            if (i == null) {
                entries.add(name);
                entries.add(List.of(value));
            } else {
                List<String> values = (List<String>) entries.get(i + 1);
                List<String> grown = new ArrayList<>(values.size() + 1);
                grown.addAll(values);
                grown.add(value);
                entries.set(i + 1, grown);
            }
            return this;
        }

        /**
         * Sets the values of a name, replacing those it had.
         *
         * @param name the name
         * @param values its values
         * @return this builder
         */
        Builder put(String name, List<String> values) {
            values.forEach(Objects::requireNonNull);
            Integer i = positions.putIfAbsent(name, entries.size());
            if (i == null) {
                entries.add(name);
                entries.add(values);
            } else {
                entries.set(i + 1, values);
            }
            return this;
        }

        /** @return the map; a name with one value keeps the bare string */
        NamedValues build() {
            if (entries.isEmpty()) {
                return EMPTY;
            }
            Object[] array = entries.toArray();
            for (int i = 1; i < array.length; i += 2) {
                List<?> values = (List<?>) array[i];
                array[i] = values.size() == 1 ? (String) values.get(0) : List.copyOf(values);
            }
            return new NamedValues(array);
        }
    }
}
