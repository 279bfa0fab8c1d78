package io.jakartio.parser;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The MessagePack formats, written into a growing byte array: each method picks the smallest
 * format for its value, as notepack.io does (MessagePack specification, "Formats").
 *
 * <p>Not thread-safe: one per encoding.
 */
final class MessagePackOutput {

    private byte[] bytes;
    private int size;

    MessagePackOutput(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** @return the bytes written so far */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void nil() {
        put(0xc0);
    }

    void bool(boolean value) {
        put(value ? 0xc3 : 0xc2);
    }

    /** The smallest integer format: fixint, uint 8/16/32/64 for positives, else negative fixint, int 8/16/32/64. */
    void integer(long v) {
        if (v >= 0) {
            if (v < 0x80) {
                put((int) v);
            } else if (v < 0x100) {
                put(0xcc);
                put((int) v);
            } else if (v < 0x10000) {
                put(0xcd);
                bigEndian(v, 2);
            } else if (v < 0x100000000L) {
                put(0xce);
                bigEndian(v, 4);
            } else {
                put(0xcf);
                bigEndian(v, 8);
            }
        } else if (v >= -0x20) {
            put((int) v & 0xff);
        } else if (v >= -0x80) {
            put(0xd0);
            put((int) v & 0xff);
        } else if (v >= -0x8000) {
            put(0xd1);
            bigEndian(v, 2);
        } else if (v >= -0x80000000L) {
            put(0xd2);
            bigEndian(v, 4);
        } else {
            put(0xd3);
            bigEndian(v, 8);
        }
    }

    /** Always float 64, as notepack writes every non-integral number. */
    void float64(double value) {
        put(0xcb);
        bigEndian(Double.doubleToLongBits(value), 8);
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        header(utf8.length, 0xa0, 0x20, 0xd9, true);
        raw(utf8, 0, utf8.length);
    }

    void binary(byte[] value, int offset, int length) {
        header(length, -1, 0, 0xc4, true);
        raw(value, offset, length);
    }

    void arrayHeader(int length) {
        header(length, 0x90, 0x10, 0xdc, false);
    }

    void mapHeader(int length) {
        header(length, 0x80, 0x10, 0xde, false);
    }

    /** The timestamp extension (type -1): 32 bits, 64 bits or 96 bits, the smallest that holds it. */
    void timestamp(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds >>> 34 == 0) {
            long data = ((long) nanos << 34) | seconds;
            if ((data & 0xffffffff00000000L) == 0) {
                put(0xd6);
                put(0xff);
                bigEndian(data, 4);
            } else {
                put(0xd7);
                put(0xff);
                bigEndian(data, 8);
            }
        } else {
            put(0xc7);
            put(12);
            put(0xff);
            bigEndian(nanos, 4);
            bigEndian(seconds, 8);
        }
    }

    /**
     * A length header: the fix format when {@code fix >= 0} and the length is under {@code fixLimit},
     * else the 8-bit (strings and binaries only), 16-bit and 32-bit formats that follow {@code first}.
     */
    private void header(int length, int fix, int fixLimit, int first, boolean hasEight) {
        if (fix >= 0 && length < fixLimit) {
            put(fix | length);
        } else if (hasEight && length < 0x100) {
            put(first);
            put(length);
        } else if (length < 0x10000) {
            put(hasEight ? first + 1 : first);
            bigEndian(length, 2);
        } else {
            put(hasEight ? first + 2 : first + 1);
            bigEndian(length, 4);
        }
    }

    private void bigEndian(long value, int count) {
        ensure(count);
        for (int shift = (count - 1) * 8; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    private void raw(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    private void put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
