package io.jakartio.chat;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rules of chat room names: 1 to {@value #MAX_LENGTH} letters, digits, {@code -} or
 * {@code _}, stored in lower case (NFC); shown as {@code #name}. The Socket.IO room of a chat
 * room is {@code "room:" + name}.
 *
 * <pre>{@code
 * String name = RoomName.of("Random");     // "random"
 * socket.join(RoomName.socketRoom(name));  // "room:random"
 * RoomName.of("no spaces");                // throws ChatException("invalid room name")
 * }</pre>
 */
public final class RoomName {

    /** The room every user is in, which cannot be left. */
    public static final String GENERAL = "general";

    /** The longest name, in UTF-16 code units (it fits {@code VARCHAR(32)} on H2 and PostgreSQL). */
    public static final int MAX_LENGTH = 32;

    private static final String PREFIX = "room:";

    private RoomName() {
    }

    /**
     * @param raw a room name a client sent (any JSON value)
     * @return the name, in lower case
     * @throws ChatException {@code "invalid arguments"} if it is not a string,
     *     {@code "invalid room name"} if it breaks the rules
     */
    public static String of(Object raw) {
        if (!(raw instanceof String text)) {
            throw new ChatException(ChatException.INVALID_ARGUMENTS);
        }
        String name = Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (!valid(name)) {
            throw new ChatException("invalid room name");
        }
        return name;
    }

    /**
     * @param name a name, already in lower case
     * @return whether it follows the rules
     */
    public static boolean valid(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (!Character.isLetterOrDigit(codePoint) && codePoint != '-' && codePoint != '_') {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /**
     * @param name a room name
     * @return its Socket.IO room, {@code "room:" + name}
     */
    public static String socketRoom(String name) {
        return PREFIX + name;
    }

    /**
     * @param socketRoom a Socket.IO room
     * @return the chat room's name if it is one ({@code "room:general"} gives {@code "general"}), else {@code null}
     */
    public static String fromSocketRoom(String socketRoom) {
        return socketRoom.startsWith(PREFIX) ? socketRoom.substring(PREFIX.length()) : null;
    }
}
