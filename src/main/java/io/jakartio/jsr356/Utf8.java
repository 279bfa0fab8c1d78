package io.jakartio.jsr356;

/**
 * The UTF-8 length of text as the container hands it over: a JSR-356 container decodes the
 * client's bytes into strings, and {@code maxHttpBufferSize} limits bytes, as on every other
 * path. A surrogate pair is four bytes; a lone surrogate three (what the client's encoder sent
 * for it is not known, and no valid frame holds one).
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether the UTF-8 encoding of {@code text} is longer than {@code limit} bytes; answers at
     * once for text too short to exceed it with three-byte characters only.
     */
    static boolean lengthExceeds(CharSequence text, long limit) {
        int chars = text.length();
        if (chars > limit) {
            return true;
        }
        if ((long) chars * 3 <= limit) {
            return false;
        }
        return length(text) > limit;
    }

    /**
     * The bytes {@code part} adds to the UTF-8 encoding of {@code before}: a surrogate pair split
     * between the two counts four bytes, not twice three.
     */
    static long lengthAfter(CharSequence before, CharSequence part) {
        long bytes = length(part);
        if (before.length() > 0 && part.length() > 0
                && Character.isHighSurrogate(before.charAt(before.length() - 1))
                && Character.isLowSurrogate(part.charAt(0))) {
            bytes -= 2;
        }
        return bytes;
    }

    /** The length of the UTF-8 encoding of {@code text}. */
    static long length(CharSequence text) {
        int chars = text.length();
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
