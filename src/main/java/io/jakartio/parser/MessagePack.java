package io.jakartio.parser;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Java values to MessagePack and back, byte for byte as Node's Socket.IO adapters do it with
 * {@code notepack.io} 3: the payload format of the Redis adapter, the Redis Streams adapter and the
 * emitters, and of the MessagePack parser ({@link MessagePackPacketEncoder}; notepack 2's formats
 * are the same but for dates). Encoding picks the formats notepack picks for the JavaScript value a
 * Java value stands for; decoding gives the tree {@link JsonReader} gives for the same JavaScript
 * value, so that a value reads the same whether it came from a client (JSON or MessagePack) or
 * from another server. Written on the JDK alone ({@link MessagePackOutput}, {@link MessagePackReader}).
 *
 * <table>
 *   <caption>Encoding</caption>
 *   <tr><th>Java</th><th>MessagePack (as notepack encodes the JavaScript value)</th></tr>
 *   <tr><td>{@code null}</td><td>nil (notepack writes {@code undefined} as nil too)</td></tr>
 *   <tr><td>{@code Boolean}</td><td>true / false</td></tr>
 *   <tr><td>{@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}</td><td>the
 *       smallest integer format: positive fixint, uint 8/16/32/64, negative fixint, int 8/16/32/64</td></tr>
 *   <tr><td>{@code Double}, {@code Float}, {@code BigDecimal}</td><td>an integral value within
 *       the range of {@code long} as an integer (JavaScript has one number type: {@code 2.0} is
 *       {@code 2}, {@code -0.0} is {@code 0}); any other value, NaN and infinities as float 64.
 *       A {@code Float} is first read as its decimal ({@code 0.1f} is {@code 0.1}), as JSON does</td></tr>
 *   <tr><td>{@code CharSequence}, {@code Character}, enum (by name)</td><td>str (fixstr, str 8/16/32)</td></tr>
 *   <tr><td>{@code byte[]}, {@code ByteBuffer} (its remaining bytes)</td><td>bin 8/16/32 (a
 *       {@code Buffer} for Node)</td></tr>
 *   <tr><td>{@code List}, any {@code Iterable}, {@code Object[]}</td><td>array</td></tr>
 *   <tr><td>{@code Map} (keys by {@code String.valueOf}), record (its components)</td><td>map</td></tr>
 *   <tr><td>{@code Instant}, {@code java.util.Date}</td><td>the timestamp extension (type -1),
 *       32, 64 or 96 bits as notepack writes a {@code Date}</td></tr>
 *   <tr><td>{@link RawJson}</td><td>the value its JSON text stands for</td></tr>
 *   <tr><td>anything else</td><td>what the fallback (the server's JSON mapper) turns it into;
 *       without one, an {@link IllegalArgumentException}</td></tr>
 * </table>
 *
 * <p>Decoding: nil to {@code null}; integers to {@code Integer} when they fit, else {@code Long}
 * (a uint 64 beyond {@code Long.MAX_VALUE} to {@code Double}, as JavaScript reads it); floats to
 * {@code Double}, or to {@code Integer}/{@code Long} when integral (as {@code JSON.stringify}
 * would write them); str to {@code String} (invalid UTF-8 replaced); bin to {@code byte[]};
 * array to a {@code List}; map to a {@code LinkedHashMap} with string keys (a non-string key by
 * its text, a repeated key keeping its last value); notepack's {@code undefined} (fixext 1 of
 * type 0) to {@code null} in an array and to no entry in a map, as {@code JSON.stringify} leaves
 * it; a timestamp, or notepack's old date extension, to the string a client receives for a
 * JavaScript {@code Date} ({@code Date.prototype.toJSON}: {@code "2024-05-01T12:00:00.000Z"},
 * {@code null} beyond JavaScript's dates); notepack's old {@code ArrayBuffer} extension to
 * {@code byte[]}; any other extension to {@code [type, byte[]]}, as notepack gives it.
 *
 * <pre>{@code
 * MessagePack msgpack = new MessagePack(null);
 * byte[] bytes = msgpack.encode(List.of("Xk1Ab2", Map.of("type", 2, "data", List.of("hi"), "nsp", "/")));
 * Object back = msgpack.decode(bytes); // [Xk1Ab2, {type=2, data=[hi], nsp=/}]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Nesting deeper than {@link JsonReader#MAX_DEPTH}
 * levels is refused both ways (a cyclic structure, hostile input).
 */
public final class MessagePack {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** 2^63: the first double beyond {@code long}. */
    private static final double TWO_TO_63 = 9.223372036854775808E18;

    private final UnaryOperator<Object> fallback;
    private final boolean timestamps;

    /**
     * @param fallback turns application objects this class does not know (POJOs) into values it
     *     knows or {@link RawJson}: the server's JSON mapper; {@code null} to refuse them
     */
    public MessagePack(UnaryOperator<Object> fallback) {
        this(fallback, true);
    }

    /**
     * @param fallback as in {@link #MessagePack(UnaryOperator)}
     * @param timestamps whether {@code Instant} and {@code Date} are written as the timestamp
     *     extension (notepack 3, the Redis adapters); {@code false} leaves them to the fallback, as
     *     JSON does (the MessagePack parser: its clients' notepack 2 has no timestamp extension)
     */
    MessagePack(UnaryOperator<Object> fallback, boolean timestamps) {
        this.fallback = fallback;
        this.timestamps = timestamps;
    }

    /**
     * Encodes a value as notepack encodes the JavaScript value it stands for.
     *
     * @param value the value tree (see the class documentation)
     * @return its MessagePack bytes
     * @throws IllegalArgumentException for a value that cannot be encoded, or nesting too deep
     */
    public byte[] encode(Object value) {
        MessagePackOutput out = new MessagePackOutput(64);
        write(out, value, 0);
        return out.toByteArray();
    }

    /**
     * Decodes one MessagePack value, as notepack decodes it into a JavaScript value.
     *
     * @param bytes exactly one MessagePack value
     * @return the value tree (see the class documentation)
     * @throws IllegalArgumentException if the bytes are not exactly one valid value
     */
    public Object decode(byte[] bytes) {
        try {
            return read(bytes);
        } catch (PacketParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Decodes one MessagePack value from a peer, as {@link #decode(byte[])} does.
     *
     * @param bytes exactly one MessagePack value
     * @return the value tree
     * @throws PacketParseException if the bytes are not exactly one valid value
     */
    public static Object read(byte[] bytes) throws PacketParseException {
        return new MessagePackReader(bytes).readWhole();
    }

    private void write(MessagePackOutput out, Object value, int depth) {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new IllegalArgumentException("nested more than " + JsonReader.MAX_DEPTH + " levels deep (a cycle?)");
        }
        if (value == null) {
            out.nil();
        } else if (value instanceof String s) {
            out.string(s);
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else if (value instanceof Number n) {
            writeNumber(out, n);
        } else if (value instanceof Map<?, ?> map) {
            out.mapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.string(String.valueOf(entry.getKey()));
                write(out, entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection<?> list) {
            out.arrayHeader(list.size());
            for (Object element : list) {
                write(out, element, depth + 1);
            }
        } else if (value instanceof byte[] bytes) {
            out.binary(bytes, 0, bytes.length);
        } else {
            writeOther(out, value, depth);
        }
    }

    private void writeOther(MessagePackOutput out, Object value, int depth) {
        if (value instanceof Object[] array) {
            out.arrayHeader(array.length);
            for (Object element : array) {
                write(out, element, depth + 1);
            }
        } else if (value instanceof Iterable<?> iterable) {
            List<Object> elements = new ArrayList<>();
            iterable.forEach(elements::add);
            write(out, elements, depth);
        } else if (value instanceof CharSequence || value instanceof Character) {
            out.string(value.toString());
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            write(out, bytes, depth);
        } else if (value instanceof Enum<?> e) {
            out.string(e.name());
        } else if (value instanceof RawJson raw) { // a record too: before records
            write(out, parse(raw), depth);
        } else if (value instanceof Record record) {
            RecordComponent[] components = RecordComponents.of(record.getClass());
            out.mapHeader(components.length);
            for (RecordComponent component : components) {
                out.string(component.getName());
                write(out, accessor(record, component), depth + 1);
            }
        } else if (timestamps && value instanceof Instant instant) {
            out.timestamp(instant);
        } else if (timestamps && value instanceof Date date) {
            out.timestamp(date.toInstant());
        } else if (fallback != null) {
            Object converted = fallback.apply(value);
            if (converted != null && converted.getClass() == value.getClass()) {
                throw unsupported(value);
            }
            write(out, converted, depth + 1);
        } else {
            throw unsupported(value);
        }
    }

    private static void writeNumber(MessagePackOutput out, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            out.integer(n.longValue()); // the smallest format, as notepack
        } else if (n instanceof BigInteger big) {
            if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
                out.integer(big.longValue());
            } else {
                writeDouble(out, big.doubleValue());
            }
        } else if (n instanceof Float f) {
            writeDouble(out, Double.parseDouble(Float.toString(f)));
        } else if (n instanceof BigDecimal decimal) {
            writeDouble(out, decimal.doubleValue());
        } else {
            writeDouble(out, n.doubleValue());
        }
    }

    /**
     * notepack writes a number as an integer when {@code Math.floor(v) === v} and it is finite:
     * the same here within {@code long}; beyond it notepack's uint 64 wraps, so a float 64 is
     * the only faithful choice.
     */
    private static void writeDouble(MessagePackOutput out, double d) {
        if (d == Math.floor(d) && !Double.isInfinite(d) && d >= -TWO_TO_63 && d < TWO_TO_63) {
            out.integer((long) d);
        } else {
            out.float64(d);
        }
    }

    private static Object accessor(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    private static Object parse(RawJson raw) {
        try {
            return JsonReader.parse(raw.json());
        } catch (PacketParseException e) {
            throw new IllegalArgumentException("RawJson is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("cannot encode a " + value.getClass().getName()
                + " as MessagePack: use maps, lists, strings, numbers, booleans, records or byte[]"
                + " (or install a JSON mapper)");
    }
}
