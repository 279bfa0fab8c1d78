package io.jakartio.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259, the grammar of JavaScript's {@code JSON.parse}) producing a
 * tree of plain Java values.
 *
 * <p>The tree uses: {@code null}, {@link Boolean}, {@link String}, {@link Integer} (integers that
 * fit), {@link Long} (larger integers), {@link Double} (fractions, exponents and integers beyond
 * {@code long}), {@link List} (arrays, as {@link ArrayList}) and {@link Map} (objects, as
 * {@link LinkedHashMap}, keeping key order; a repeated key keeps its last value, as in
 * JavaScript).
 *
 * <pre>{@code
 * Object tree = JsonReader.parse("[\"chat message\",{\"n\":1}]");
 * // tree -> List.of("chat message", Map.of("n", 1))
 * }</pre>
 *
 * <p>Nesting deeper than {@value #MAX_DEPTH} levels is rejected, so hostile input cannot exhaust
 * the stack.
 */
public final class JsonReader {

    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private final int end;
    private int pos;
    private int depth;

    private JsonReader(String text, int start, int end) {
        this.text = text;
        this.pos = start;
        this.end = end;
    }

    /**
     * Parses a whole string as one JSON value.
     *
     * @param text the JSON text
     * @return the value tree
     * @throws PacketParseException if the text is not exactly one valid JSON value
     */
    public static Object parse(String text) throws PacketParseException {
        return parse(text, 0, text.length());
    }

    /**
     * Parses {@code text[start, end)} as one JSON value (used to parse the tail of a packet
     * without copying it).
     *
     * @param text the string holding the JSON text
     * @param start index of the first character
     * @param end index after the last character
     * @return the value tree
     * @throws PacketParseException if the range is not exactly one valid JSON value
     */
    public static Object parse(String text, int start, int end) throws PacketParseException {
        JsonReader reader = new JsonReader(text, start, end);
        reader.skipWhitespace();
        Object value = reader.readValue();
        reader.skipWhitespace();
        if (reader.pos != end) {
            throw reader.error("unexpected trailing characters");
        }
        return value;
    }

    private Object readValue() throws PacketParseException {
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                expectWord("true");
                return Boolean.TRUE;
            case 'f':
                expectWord("false");
                return Boolean.FALSE;
            case 'n':
                expectWord("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> readObject() throws PacketParseException {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = readString();
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWhitespace();
            map.put(key, readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray() throws PacketParseException {
        enter();
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String readString() throws PacketParseException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes, the common case for event names and chat text.
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < end) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= end) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readUnicodeEscape());
                default -> throw error("invalid escape '\\" + e + "'");
            }
        }
        throw error("unterminated string");
    }

    private char readUnicodeEscape() throws PacketParseException {
        if (pos + 4 > end) {
            throw error("truncated unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(text.charAt(pos++));
            if (digit < 0) {
                throw error("invalid unicode escape");
            }
            value = (value << 4) | digit;
        }
        return (char) value;
    }

    /** ASCII hex digits only: {@link Character#digit} would also take fullwidth forms like U+FF11. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object readNumber() throws PacketParseException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            skipDigits();
        }
        char c = peek();
        if (c == 'e' || c == 'E') {
            integral = false;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            skipDigits();
        }
        String literal = text.substring(start, pos);
        if (integral && literal.length() <= 18) {
            long value = Long.parseLong(literal);
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
            return value;
        }
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // Beyond long: JavaScript would hold it as a double too.
            }
        }
        return Double.parseDouble(literal);
    }

    private void skipDigits() {
        while (pos < end && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectWord(String word) throws PacketParseException {
        if (!text.startsWith(word, pos) || pos + word.length() > end) {
            throw error("invalid literal");
        }
        pos += word.length();
    }

    private void enter() throws PacketParseException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private char peek() {
        return pos < end ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private PacketParseException error(String what) {
        return new PacketParseException("invalid JSON at offset " + pos + ": " + what);
    }
}
