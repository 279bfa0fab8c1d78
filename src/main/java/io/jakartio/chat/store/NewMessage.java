package io.jakartio.chat.store;

/**
 * A message to store: to a room or to a user.
 *
 * <pre>{@code
 * store.save(NewMessage.toRoom("general", "Alice", "hi", "c-1"));
 * store.save(NewMessage.toUser("Bob", "Alice", "psst", "c-2"));
 * }</pre>
 *
 * @param room the room's name, or {@code null} for a direct message
 * @param to the recipient's nickname, or {@code null} for a room message
 * @param from the sender's nickname
 * @param text the text (at most 2,000 UTF-16 code units)
 * @param clientOffset the sender's id of the message (at most 64 characters)
 */
public record NewMessage(String room, String to, String from, String text, String clientOffset) {

    /**
     * @param room the room
     * @param from the sender's nickname
     * @param text the text
     * @param clientOffset the sender's id of the message
     * @return a room message
     */
    public static NewMessage toRoom(String room, String from, String text, String clientOffset) {
        return new NewMessage(room, null, from, text, clientOffset);
    }

    /**
     * @param to the recipient's nickname
     * @param from the sender's nickname
     * @param text the text
     * @param clientOffset the sender's id of the message
     * @return a direct message
     */
    public static NewMessage toUser(String to, String from, String text, String clientOffset) {
        return new NewMessage(null, to, from, text, clientOffset);
    }
}
