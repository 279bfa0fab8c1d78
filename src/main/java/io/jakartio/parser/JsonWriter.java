package io.jakartio.parser;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a tree of plain Java values as JSON text, the way JavaScript's {@code JSON.stringify}
 * would, and extracts binary values as Socket.IO attachments.
 *
 * <p>Supported values: {@code null}, {@link Boolean}, {@link CharSequence}, {@link Character},
 * any {@link Number} (doubles are formatted like JavaScript numbers; NaN and infinities become
 * {@code null}), {@link Map} (keys via {@code toString()}), {@link Iterable}, {@code Object[]},
 * records (components in declaration order), enums (by name), {@link RawJson} (spliced verbatim)
 * and binary values ({@code byte[]}, {@link ByteBuffer}). Binary values are replaced by the
 * placeholder {@code {"_placeholder":true,"num":N}} and collected in the attachment list, which
 * is how the Socket.IO protocol carries them (never by searching the JSON text).
 *
 * <p>Any other type is passed to the {@code fallback} (for example a JSON-B mapper), whose result
 * is written instead; without a fallback such a value is an {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * List<byte[]> attachments = new ArrayList<>();
 * StringBuilder out = new StringBuilder();
 * new JsonWriter(out, attachments, null).write(List.of("file", new byte[] {1, 2}));
 * // out -> ["file",{"_placeholder":true,"num":0}], attachments -> [[1, 2]]
 * }</pre>
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final List<byte[]> attachments;
    private final UnaryOperator<Object> fallback;
    private int depth;

    /**
     * Creates a writer appending to {@code out}.
     *
     * @param out where the JSON text goes
     * @param attachments where binary values go, or {@code null} to reject binary values
     * @param fallback converts unsupported objects into supported values, or {@code null}
     */
    public JsonWriter(StringBuilder out, List<byte[]> attachments, UnaryOperator<Object> fallback) {
        this.out = out;
        this.attachments = attachments;
        this.fallback = fallback;
    }

    /**
     * Serializes a value that holds no binary data.
     *
     * <pre>{@code
     * JsonWriter.toJson(Map.of("sid", "abc")); // {"sid":"abc"}
     * }</pre>
     *
     * @param value the value tree
     * @return its JSON text
     * @throws IllegalArgumentException if the tree holds an unsupported or binary value
     */
    public static String toJson(Object value) {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb, null, null).write(value);
        return sb.toString();
    }

    /**
     * Appends the JSON text of a value.
     *
     * @param value the value tree
     * @throws IllegalArgumentException if the tree holds an unsupported value
     */
    public void write(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(n);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map);
        } else if (value instanceof List<?> list) {
            writeList(list);
        } else if (value instanceof byte[] bytes) {
            writeBinary(bytes);
        } else if (value instanceof RawJson raw) {
            out.append(raw.json());
        } else {
            writeOther(value);
        }
    }

    private void writeOther(Object value) {
        if (value instanceof Object[] array) {
            writeList(Arrays.asList(array));
        } else if (value instanceof Iterable<?> iterable) {
            enter();
            out.append('[');
            boolean first = true;
            for (Object element : iterable) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element);
            }
            out.append(']');
            depth--;
        } else if (value instanceof CharSequence || value instanceof Character) {
            writeString(value.toString());
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            writeBinary(bytes);
        } else if (value instanceof Enum<?> e) {
            writeString(e.name());
        } else if (value instanceof Record record) {
            writeRecord(record);
        } else if (fallback != null) {
            Object converted = fallback.apply(value);
            if (converted != null && converted.getClass() == value.getClass()) {
                throw unsupported(value);
            }
            write(converted);
        } else {
            throw unsupported(value);
        }
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("cannot serialize a " + value.getClass().getName()
                + " to JSON: use maps, lists, strings, numbers, booleans, records or byte[]"
                + " (or install a JSON-B mapper)");
    }

    private void writeMap(Map<?, ?> map) {
        enter();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(String.valueOf(entry.getKey()));
            out.append(':');
            write(entry.getValue());
        }
        out.append('}');
        depth--;
    }

    private void writeList(List<?> list) {
        enter();
        out.append('[');
        for (int i = 0, n = list.size(); i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            write(list.get(i));
        }
        out.append(']');
        depth--;
    }

    /** Guards against cyclic or absurdly deep values, which would otherwise overflow the stack. */
    private void enter() {
        if (++depth > JsonReader.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + JsonReader.MAX_DEPTH
                    + " levels (does it contain itself?)");
        }
    }

    private void writeRecord(Record record) {
        enter();
        out.append('{');
        boolean first = true;
        for (RecordComponent component : RecordComponents.of(record.getClass())) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(component.getName());
            out.append(':');
            write(read(component.getAccessor(), record));
        }
        out.append('}');
        depth--;
    }

    private static Object read(Method accessor, Record record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read record component " + accessor.getName(), e);
        }
    }

    private void writeBinary(byte[] bytes) {
        if (attachments == null) {
            throw new IllegalArgumentException("binary data is not allowed here");
        }
        out.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
        attachments.add(bytes);
    }

    private void writeNumber(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            out.append(n.toString());
        } else if (n instanceof Float f) {
            writeDouble(Double.parseDouble(Float.toString(f)));
        } else if (n instanceof BigDecimal bd) {
            out.append(bd.toString());
        } else {
            writeDouble(n.doubleValue());
        }
    }

    private void writeDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(JsNumberFormat.format(d));
        }
    }

    private void writeString(String s) {
        out.append('"');
        int length = s.length();
        int flushed = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c < 0x20 || c == '"' || c == '\\') {
                escape = escapeOf(c);
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    escape = unicodeEscape(c); // well-formed JSON.stringify (ES2019)
                }
            }
            if (escape != null) {
                out.append(s, flushed, i).append(escape);
                flushed = i + 1;
            }
        }
        out.append(s, flushed, length).append('"');
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> unicodeEscape(c);
        };
    }

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[(c >> 12) & 15], HEX[(c >> 8) & 15],
            HEX[(c >> 4) & 15], HEX[c & 15]});
    }
}
