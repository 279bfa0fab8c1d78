package io.jakartio.parser;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one MessagePack value the way notepack.io decodes it (see {@link MessagePack}). Every
 * length is checked against the bytes left before anything is allocated, so a hostile header
 * announcing gigabytes costs nothing.
 */
final class MessagePackReader {

    /** notepack's {@code undefined}: no entry in a map, {@code null} elsewhere. */
    private static final Object UNDEFINED = new Object();
    /** The timestamp extension of the MessagePack specification. */
    private static final int TIMESTAMP = -1;
    /** notepack's own extension (type 0): undefined, an old-style date, or an ArrayBuffer. */
    private static final int NOTEPACK = 0;
    /** JavaScript's dates: at most 8.64e15 ms either side of 1970 (ECMA-262, Time Values). */
    private static final double MAX_TIME = 8.64e15;

    private final byte[] bytes;
    private int position;

    MessagePackReader(byte[] bytes) {
        this.bytes = bytes;
    }

    Object readWhole() throws PacketParseException {
        Object value = read(0);
        if (position != bytes.length) {
            throw new PacketParseException("malformed MessagePack: " + (bytes.length - position) + " trailing bytes");
        }
        return value == UNDEFINED ? null : value;
    }

    private Object read(int depth) throws PacketParseException {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new PacketParseException("MessagePack nested more than " + JsonReader.MAX_DEPTH + " levels deep");
        }
        int b = next();
        if (b <= 0x7f) {
            return b; // positive fixint
        }
        if (b >= 0xe0) {
            return b - 0x100; // negative fixint
        }
        if (b <= 0x8f) {
            return readMap(b & 0x0f, depth);
        }
        if (b <= 0x9f) {
            return readArray(b & 0x0f, depth);
        }
        if (b <= 0xbf) {
            return string(b & 0x1f);
        }
        return switch (b) {
            case 0xc0 -> null;
            case 0xc2 -> Boolean.FALSE;
            case 0xc3 -> Boolean.TRUE;
            case 0xc4 -> payload(length(1));
            case 0xc5 -> payload(length(2));
            case 0xc6 -> payload(length(4));
            case 0xc7 -> readExtension(length(1), false);
            case 0xc8 -> readExtension(length(2), false);
            case 0xc9 -> readExtension(length(4), false);
            case 0xca -> number((double) Float.intBitsToFloat((int) bigEndian(4)));
            case 0xcb -> number(Double.longBitsToDouble(bigEndian(8)));
            case 0xcc -> (int) bigEndian(1);
            case 0xcd -> (int) bigEndian(2);
            case 0xce -> number(bigEndian(4));
            case 0xcf -> unsigned64(bigEndian(8));
            case 0xd0 -> (int) (byte) bigEndian(1);
            case 0xd1 -> (int) (short) bigEndian(2);
            case 0xd2 -> (int) bigEndian(4);
            case 0xd3 -> number(bigEndian(8));
            case 0xd4 -> readExtension(1, true);
            case 0xd5 -> readExtension(2, true);
            case 0xd6 -> readExtension(4, true);
            case 0xd7 -> readExtension(8, true);
            case 0xd8 -> readExtension(16, true);
            case 0xd9 -> string(length(1));
            case 0xda -> string(length(2));
            case 0xdb -> string(length(4));
            case 0xdc -> readArray(length(2), depth);
            case 0xdd -> readArray(length(4), depth);
            case 0xde -> readMap(length(2), depth);
            case 0xdf -> readMap(length(4), depth);
            default -> throw new PacketParseException("malformed MessagePack: unknown format byte 0xc1");
        };
    }

    /** A uint 64 beyond {@code Long.MAX_VALUE} reads as the double JavaScript makes of it. */
    private static Object unsigned64(long value) {
        return value >= 0 ? number(value) : (Object) new BigInteger(Long.toUnsignedString(value)).doubleValue();
    }

    private List<Object> readArray(int length, int depth) throws PacketParseException {
        checkCount(length);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Object element = read(depth + 1);
            list.add(element == UNDEFINED ? null : element);
        }
        return list;
    }

    private Map<String, Object> readMap(int length, int depth) throws PacketParseException {
        checkCount(length);
        Map<String, Object> map = new LinkedHashMap<>(length);
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

    private Object readExtension(int length, boolean fixed) throws PacketParseException {
        int type = (byte) next();
        if (type == NOTEPACK) {
            if (fixed && length == 1) {
                payload(length);
                return UNDEFINED;
            }
            if (fixed && length == 8) { // notepack 2's dates: milliseconds as an int 64
                return dateJson(bigEndian(8));
            }
            if (!fixed) {
                return payload(length); // notepack 2's ArrayBuffers
            }
        }
        if (type == TIMESTAMP && (length == 4 || length == 8 || length == 12)) {
            checkRemaining(length);
            // JavaScript's Date keeps milliseconds (notepack: seconds * 1e3 + nanoseconds / 1e6, truncated)
            return dateJson(timestampMillis(length));
        }
        return List.of(type, payload(length));
    }

    /** The time of a timestamp extension, in milliseconds as a double: any seconds, even beyond {@code Instant}. */
    private double timestampMillis(int length) throws PacketParseException {
        if (length == 4) {
            return bigEndian(4) * 1000.0;
        }
        if (length == 8) {
            long data = bigEndian(8);
            return (data & 0x3ffffffffL) * 1000.0 + (data >>> 34) / 1e6;
        }
        long nanos = bigEndian(4);
        return bigEndian(8) * 1000.0 + nanos / 1e6;
    }

    private String string(int length) throws PacketParseException {
        checkRemaining(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8); // invalid UTF-8 replaced
        position += length;
        return value;
    }

    private byte[] payload(int length) throws PacketParseException {
        checkRemaining(length);
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    /** A length of 1, 2 or 4 bytes; one of 2^31 or more cannot fit in what is left anyway. */
    private int length(int size) throws PacketParseException {
        long length = bigEndian(size);
        return length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    private long bigEndian(int size) throws PacketParseException {
        checkRemaining(size);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        return value;
    }

    private int next() throws PacketParseException {
        checkRemaining(1);
        return bytes[position++] & 0xff;
    }

    private void checkRemaining(int length) throws PacketParseException {
        if (length < 0 || length > remaining()) {
            throw new PacketParseException("malformed MessagePack: a length of "
                    + (length < 0 ? "2^31 or more" : Integer.toString(length)) + " bytes with " + remaining() + " left");
        }
    }

    /** Each element of an array or map takes a byte at least: more than the bytes left is a lie. */
    private void checkCount(int count) throws PacketParseException {
        if (count < 0 || count > remaining()) {
            throw new PacketParseException("malformed MessagePack: "
                    + (count < 0 ? "2^31 or more" : Integer.toString(count)) + " elements with " + remaining() + " bytes left");
        }
    }

    private int remaining() {
        return bytes.length - position;
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
