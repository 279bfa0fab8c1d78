package io.jakartio.parser;

import java.lang.reflect.RecordComponent;

/**
 * The components of a record class, made accessible once per class and cached: how both writers
 * ({@link JsonWriter}, {@link MessagePack}) turn a record into a map of its components, in order.
 *
 * <pre>{@code
 * for (RecordComponent c : RecordComponents.of(point.getClass())) { c.getAccessor().invoke(point); }
 * }</pre>
 */
final class RecordComponents {

    private static final ClassValue<RecordComponent[]> CACHE = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private RecordComponents() {
    }

    /**
     * @param type a record class
     * @return its components, accessors accessible; the array is shared, never modify it
     */
    static RecordComponent[] of(Class<?> type) {
        return CACHE.get(type);
    }
}
