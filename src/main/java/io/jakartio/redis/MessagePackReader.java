package io.jakartio.redis;

import io.jakartio.parser.JsonReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads one MessagePack value the way notepack.io 3 decodes it (see {@link MessagePack}). Every
 * length is checked against the bytes left before anything is allocated, so a hostile header
 * announcing gigabytes costs nothing.
 */
final class MessagePackReader {

    /** notepack's {@code undefined}: no entry in a map, {@code null} elsewhere. */
    private static final Object UNDEFINED = new Object();
    /** The timestamp extension of the MessagePack specification. */
    private static final byte TIMESTAMP = -1;
    /** notepack's own extension (type 0): undefined, an old-style date, or an ArrayBuffer. */
    private static final byte NOTEPACK = 0;
    /** JavaScript's dates: at most 8.64e15 ms either side of 1970 (ECMA-262, Time Values). */
    private static final double MAX_TIME = 8.64e15;

    private final byte[] bytes;
    private final MessageUnpacker in;

    MessagePackReader(byte[] bytes) {
        this.bytes = bytes;
        this.in = org.msgpack.core.MessagePack.newDefaultUnpacker(bytes);
    }

    Object readWhole() {
        try {
            Object value = read(0);
            if (in.getTotalReadBytes() != bytes.length) {
                throw new IllegalArgumentException((bytes.length - in.getTotalReadBytes()) + " trailing bytes");
            }
            return value == UNDEFINED ? null : value;
        } catch (IOException | MessagePackException e) {
            throw new IllegalArgumentException("malformed MessagePack: " + e.getMessage(), e);
        }
    }

    private Object read(int depth) throws IOException {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new IllegalArgumentException("nested more than " + JsonReader.MAX_DEPTH + " levels deep");
        }
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                return readInteger(format);
            case FLOAT:
                return number(in.unpackDouble());
            case STRING:
                return new String(payload(in.unpackRawStringHeader()), StandardCharsets.UTF_8);
            case BINARY:
                return payload(in.unpackBinaryHeader());
            case ARRAY:
                return readArray(in.unpackArrayHeader(), depth);
            case MAP:
                return readMap(in.unpackMapHeader(), depth);
            case EXTENSION:
                return readExtension(format);
            default:
                throw new IllegalArgumentException("unknown format byte " + format);
        }
    }

    private Object readInteger(MessageFormat format) throws IOException {
        if (format == MessageFormat.UINT64) {
            BigInteger value = in.unpackBigInteger();
            return value.bitLength() < 64 ? number(value.longValue()) : (Object) value.doubleValue();
        }
        return number(in.unpackLong());
    }

    private List<Object> readArray(int length, int depth) throws IOException {
        List<Object> list = new ArrayList<>(Math.min(length, remaining())); // each element takes a byte at least
        for (int i = 0; i < length; i++) {
            Object element = read(depth + 1);
            list.add(element == UNDEFINED ? null : element);
        }
        return list;
    }

    private Map<String, Object> readMap(int length, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>(Math.min(length, remaining()));
        for (int i = 0; i < length; i++) {
            String key = key(read(depth + 1));
            Object value = read(depth + 1);
            if (value == UNDEFINED) { // a JavaScript object's undefined property: JSON and notepack drop it
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }
        return map;
    }

    private Object readExtension(MessageFormat format) throws IOException {
        ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
        byte type = header.getType();
        int length = header.getLength();
        if (type == NOTEPACK) {
            if (format == MessageFormat.FIXEXT1) {
                payload(length);
                return UNDEFINED;
            }
            if (format == MessageFormat.FIXEXT8) { // notepack 2's dates: milliseconds as an int 64
                return dateJson(ByteBuffer.wrap(payload(length)).getLong());
            }
            if (format == MessageFormat.EXT8 || format == MessageFormat.EXT16 || format == MessageFormat.EXT32) {
                return payload(length); // notepack 2's ArrayBuffers
            }
        }
        if (type == TIMESTAMP && (length == 4 || length == 8 || length == 12)) {
            checkRemaining(length);
            Instant instant = in.unpackTimestamp(header);
            // JavaScript's Date keeps milliseconds (notepack: seconds * 1e3 + nanoseconds / 1e6, truncated)
            return dateJson(instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6);
        }
        return List.of((int) type, payload(length));
    }

    private byte[] payload(int length) throws IOException {
        checkRemaining(length);
        return in.readPayload(length);
    }

    private void checkRemaining(int length) {
        if (length < 0 || length > remaining()) {
            throw new IllegalArgumentException("a length of " + Integer.toUnsignedString(length)
                    + " bytes with " + remaining() + " left");
        }
    }

    private int remaining() {
        return (int) (bytes.length - in.getTotalReadBytes());
    }

    /** The key a JavaScript object gets for a decoded value: its string form. */
    private static String key(Object key) {
        if (key == UNDEFINED) {
            return "undefined";
        }
        return String.valueOf(key);
    }

    private static Object number(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    /** A float whose value is integral reads as the integer {@code JSON.stringify} would write. */
    private static Object number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
            return number((long) value);
        }
        return value;
    }

    /** {@code Date.prototype.toJSON} of a time value; {@code null} for an invalid date. */
    static String dateJson(double millis) {
        if (Double.isNaN(millis) || Math.abs(millis) > MAX_TIME) {
            return null;
        }
        Instant instant = Instant.ofEpochMilli((long) millis); // TimeClip truncates toward zero
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        int year = utc.getYear();
        String yearText = year >= 0 && year <= 9999 ? String.format("%04d", year)
                : (year < 0 ? "-" : "+") + String.format("%06d", Math.abs(year));
        return String.format("%s-%02d-%02dT%02d:%02d:%02d.%03dZ", yearText, utc.getMonthValue(), utc.getDayOfMonth(),
                utc.getHour(), utc.getMinute(), utc.getSecond(), utc.getNano() / 1_000_000);
    }
}
