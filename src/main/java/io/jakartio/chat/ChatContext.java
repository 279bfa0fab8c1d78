package io.jakartio.chat;

import io.jakartio.chat.store.ChatMessage;
import io.jakartio.chat.store.ChatStore;
import io.jakartio.server.Namespace;
import io.jakartio.server.Server;
import java.util.List;

/**
 * What the handlers of one installed full chat share: the server, its {@code /chat} namespace,
 * the store, the rate limit and the presence count. {@link FullChat#install} makes one and hands
 * it down to {@link ChatAuth}, {@link ChatConnection}, {@link MessageEvents}, {@link RoomEvents}
 * and {@link SeedBridge}, which depend on it and never on {@link FullChat}.
 *
 * <pre>{@code
 * ChatContext context = new ChatContext(io, io.of(FullChat.NAMESPACE), store, limiter, presence);
 * chat.on("connection", socket -> new ChatConnection(context, socket).start());
 * }</pre>
 *
 * @param io the server (the seed's chat is its namespace {@code /})
 * @param chat the full chat's namespace
 * @param store where messages and rooms are kept
 * @param limiter how many messages a user may send
 * @param presence which users are online on this server
 */
record ChatContext(Server io, Namespace chat, ChatStore store, RateLimiter limiter, Presence presence) {

    /** How many messages the history of a room, or of a new connection, holds. */
    static final int HISTORY = 50;

    /** The most missed messages sent to a reconnecting client at once. */
    static final int MAX_MISSED = 1000;

    /** The longest message text, in UTF-16 code units (as JavaScript counts). */
    static final int MAX_TEXT = 2000;

    /** The longest client offset. */
    static final int MAX_CLIENT_OFFSET = 64;

    /** @return the messages as clients receive them */
    static List<Object> json(List<ChatMessage> messages) {
        return messages.stream().<Object>map(ChatMessage::toJson).toList();
    }
}
