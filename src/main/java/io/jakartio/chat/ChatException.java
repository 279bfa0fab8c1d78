package io.jakartio.chat;

/**
 * A request of a chat user that the server refuses, with the text the user is shown: the
 * {@code error} of an error acknowledgement ({@code { error: "message too long" }}) or the
 * {@code message} of a {@code connect_error}.
 *
 * <pre>{@code
 * try {
 *     Nickname nickname = Nickname.of(auth.get("nickname"));
 * } catch (ChatException e) {
 *     next.fail(new ConnectError(e.getMessage())); // "nickname too long"
 * }
 * }</pre>
 */
public class ChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The text of an event whose arguments have the wrong type or shape. */
    public static final String INVALID_ARGUMENTS = "invalid arguments";

    /** @param message what the user is told, e.g. {@code "message too long"} */
    public ChatException(String message) {
        super(message, null, false, false);
    }
}
