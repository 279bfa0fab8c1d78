package io.jakartio.chat.store;

import java.sql.SQLException;

/**
 * The database failed (down, full, a bad schema): the chat answers the event with an error.
 *
 * <pre>{@code
 * try {
 *     store.save(message);
 * } catch (ChatStoreException e) {
 *     ack.call(Map.of("error", "server error"));
 * }
 * }</pre>
 */
public class ChatStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what what the store was doing
     * @param cause the driver's error
     */
    public ChatStoreException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }
}
