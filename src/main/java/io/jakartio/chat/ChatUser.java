package io.jakartio.chat;

import io.jakartio.server.RemoteSocket;
import io.jakartio.server.Socket;
import java.util.Map;
import java.util.Optional;

/**
 * Who a socket of the full chat belongs to, as its connection middleware found it and kept it
 * in {@code socket.data}: {@code {nickname, key, userId}}. All the tabs of one browser share a
 * userId (the page keeps it in localStorage); all the sockets of a user are in the Socket.IO
 * room {@code "user:" + key}.
 *
 * <pre>{@code
 * ChatUser user = ChatUser.of(socket);
 * io.of("/chat").to(ChatUser.room(user.nickname().key())).emit("private message", message);
 * }</pre>
 *
 * @param nickname the user's nickname
 * @param userId the browser's id
 */
public record ChatUser(Nickname nickname, String userId) {

    /** The longest userId. */
    public static final int MAX_USER_ID = 64;

    static final String NICKNAME = "nickname";
    static final String KEY = "key";
    static final String USER_ID = "userId";

    /**
     * @param key a nickname key
     * @return the Socket.IO room of that user's sockets, {@code "user:" + key}
     */
    public static String room(String key) {
        return "user:" + key;
    }

    /**
     * @param auth a CONNECT packet's {@code auth} payload
     * @return the user it names
     * @throws ChatException with the {@code connect_error} message: {@code "nickname required"},
     *     {@code "nickname too long"}, {@code "nickname invalid"}, {@code "userId required"}
     */
    public static ChatUser fromAuth(Map<String, Object> auth) {
        Nickname nickname = Nickname.of(auth.get(NICKNAME));
        if (!(auth.get(USER_ID) instanceof String userId) || userId.isBlank() || userId.length() > MAX_USER_ID) {
            throw new ChatException("userId required");
        }
        return new ChatUser(nickname, userId);
    }

    /**
     * @param socket a socket of the full chat, past its middleware
     * @return its user
     * @throws IllegalStateException if the socket has no user (it skipped the middleware)
     */
    public static ChatUser of(Socket socket) {
        return of(socket.data()).orElseThrow(() -> new IllegalStateException("socket " + socket.id() + " has no chat user"));
    }

    /**
     * @param socket a socket, possibly on another server
     * @return its user, if it has one
     */
    static Optional<ChatUser> of(RemoteSocket socket) {
        return of(socket.data());
    }

    private static Optional<ChatUser> of(Map<String, Object> data) {
        if (data.get(NICKNAME) instanceof String display && data.get(KEY) instanceof String key
                && data.get(USER_ID) instanceof String userId) {
            return Optional.of(new ChatUser(new Nickname(display, key), userId));
        }
        return Optional.empty();
    }

    /**
     * @param spelling the nickname as the user is already online (another tab's), the same key
     * @return this user (this browser) under that spelling
     */
    ChatUser spelled(Nickname spelling) {
        return new ChatUser(spelling, userId);
    }

    /**
     * @param socket a socket, possibly on another server
     * @return its nickname key, or {@code null} if it has no chat user
     */
    static String keyOf(RemoteSocket socket) {
        return socket.data().get(KEY) instanceof String key ? key : null;
    }

    /** @param socket the socket this user connects: its {@code data} gets the user */
    void attachTo(Socket socket) {
        socket.data().put(NICKNAME, nickname.display());
        socket.data().put(KEY, nickname.key());
        socket.data().put(USER_ID, userId);
    }

    /** @return the user's key, {@code nickname().key()} */
    public String key() {
        return nickname.key();
    }

    /** @return the user's Socket.IO room */
    public String room() {
        return room(nickname.key());
    }
}
