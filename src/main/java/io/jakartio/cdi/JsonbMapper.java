package io.jakartio.cdi;

import io.jakartio.parser.JsonWriter;
import io.jakartio.parser.RawJson;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Converts between application objects and Socket.IO payload values with JSON-B: outgoing
 * POJOs become JSON (installed as the server's {@code jsonMapper}), incoming arguments become
 * the types handler methods declare.
 *
 * <pre>{@code
 * JsonbMapper mapper = new JsonbMapper(JsonbBuilder.create());
 * ServerOptions.builder().jsonMapper(mapper).build();
 * Move move = (Move) mapper.convert(Map.of("x", 1, "y", 2), Move.class);
 * }</pre>
 */
public final class JsonbMapper implements UnaryOperator<Object> {

    private final Jsonb jsonb;

    /**
     * @param jsonb the JSON-B instance to use, or {@code null} when no JSON-B provider is
     *     available: plain values still convert, POJOs are refused with a clear error
     */
    public JsonbMapper(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * Serializes an application object for an outgoing packet.
     *
     * @param value an object the built-in writer does not know
     * @return its JSON, spliced verbatim into the packet
     */
    @Override
    public Object apply(Object value) {
        if (jsonb == null) {
            throw new IllegalArgumentException("no JSON-B provider to serialize a " + value.getClass().getName());
        }
        return new RawJson(jsonb.toJson(value));
    }

    /**
     * Converts an incoming argument to a declared type.
     *
     * @param value the argument as decoded (String, Number, Boolean, null, List, Map, byte[])
     * @param type the declared parameter type
     * @return the converted value
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public Object convert(Object value, Type type) {
        Class<?> raw = rawClass(type);
        if (value == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("null cannot be bound to " + raw);
            }
            return null;
        }
        if (raw == Object.class || (raw.isInstance(value) && isPlain(value, type))) {
            return value;
        }
        if (value instanceof Number number) {
            Object converted = Numbers.convert(number, raw);
            if (converted != null) {
                return converted;
            }
        }
        if (raw == String.class && !(value instanceof Map) && !(value instanceof List)) {
            return String.valueOf(value);
        }
        if (jsonb == null) {
            throw new IllegalArgumentException("no JSON-B provider to bind " + describe(value) + " to " + type.getTypeName());
        }
        try {
            return jsonb.fromJson(JsonWriter.toJson(value), type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot bind " + describe(value) + " to " + type.getTypeName(), e);
        }
    }

    /** A value usable as is: not a collection whose element type the parameter constrains. */
    private static boolean isPlain(Object value, Type type) {
        return !(type instanceof ParameterizedType) || !(value instanceof Map || value instanceof List);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** @return the JSON kind of a value, for error messages ("a JSON array") */
    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a JSON object";
        }
        if (value instanceof List) {
            return "a JSON array";
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        if (value instanceof Number) {
            return "a JSON number";
        }
        return value instanceof Boolean ? "a JSON boolean" : "a JSON string";
    }

    /** Numeric conversions JSON numbers allow without going through JSON-B. */
    private static final class Numbers {
        private Numbers() {
        }

        static Object convert(Number n, Class<?> target) {
            if (target == int.class || target == Integer.class) {
                return n.intValue();
            }
            if (target == long.class || target == Long.class) {
                return n.longValue();
            }
            if (target == double.class || target == Double.class) {
                return n.doubleValue();
            }
            if (target == float.class || target == Float.class) {
                return n.floatValue();
            }
            if (target == short.class || target == Short.class) {
                return n.shortValue();
            }
            if (target == byte.class || target == Byte.class) {
                return n.byteValue();
            }
            return null;
        }
    }
}
