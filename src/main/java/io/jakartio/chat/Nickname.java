package io.jakartio.chat;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A chat user's nickname, as typed (trimmed, Unicode NFC) and as compared: its {@link #key()}
 * is the lower-case form, so {@code "Alice"} and {@code "alice"} are the same user.
 *
 * <pre>{@code
 * Nickname nickname = Nickname.of("  Ålice ");  // throws ChatException("nickname required") etc.
 * nickname.display();                         // "Ålice"
 * nickname.key();                             // "ålice"
 * }</pre>
 *
 * <p>Rules: 1 to {@value #MAX_LENGTH} characters, counted as JavaScript and HTML's
 * {@code maxlength} count them (UTF-16 code units), so that the page's limit and the server's
 * agree and the name fits the database's {@code VARCHAR(24)} on H2 as on PostgreSQL; no
 * control characters, line or paragraph separators, or lone surrogates.
 *
 * @param display the nickname shown to others: trimmed, NFC
 * @param key the nickname compared: {@code display} in lower case ({@link Locale#ROOT})
 */
public record Nickname(String display, String key) {

    /** The longest nickname, in UTF-16 code units. */
    public static final int MAX_LENGTH = 24;

    /**
     * @param raw the nickname a client sent (any JSON value)
     * @return the nickname, normalised
     * @throws ChatException {@code "nickname required"} (not a string, or blank),
     *     {@code "nickname too long"}, {@code "nickname invalid"}
     */
    public static Nickname of(Object raw) {
        if (!(raw instanceof String text)) {
            throw new ChatException("nickname required");
        }
        String display = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        if (display.isEmpty()) {
            throw new ChatException("nickname required");
        }
        if (display.length() > MAX_LENGTH) {
            throw new ChatException("nickname too long");
        }
        if (!printable(display)) {
            throw new ChatException("nickname invalid");
        }
        return new Nickname(display, keyOf(display));
    }

    /**
     * The key of a nickname as another user typed it (a DM's {@code to}): trimmed, NFC, lower case.
     *
     * @param nickname a nickname
     * @return its key
     */
    public static String keyOf(String nickname) {
        return Normalizer.normalize(nickname.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    @Override
    public String toString() {
        return display;
    }
}
