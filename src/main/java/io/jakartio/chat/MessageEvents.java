package io.jakartio.chat;

import io.jakartio.chat.store.ChatMessage;
import io.jakartio.chat.store.NewMessage;
import io.jakartio.chat.store.StoredMessage;
import io.jakartio.server.RemoteSocket;
import io.jakartio.server.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A socket's messages: {@code chat message} to a room it is in, {@code private message} to a
 * user who is online (or within its leave grace on this server). Each is stored once per client offset, then emitted (a retry is acked
 * with the id stored before and not emitted again), and acknowledged {@code { ok: true, id }}
 * or {@code { error }}. A message to {@code general} also reaches the seed's page on {@code /}.
 *
 * <pre>{@code
 * // client
 * socket.emit("chat message", { room: "general", text: "hi", clientOffset: "c-1" }, ack => ...);
 * socket.emit("private message", { to: "Bob", text: "psst", clientOffset: "c-2" }, ack => ...);
 * }</pre>
 */
final class MessageEvents {

    private final ChatContext context;
    private final Socket socket;
    private final ChatUser me;

    MessageEvents(ChatContext context, Socket socket, ChatUser me) {
        this.context = context;
        this.socket = socket;
        this.me = me;
    }

    void register() {
        socket.on("chat message", args -> EventArgs.of(args).run(this::roomMessage));
        socket.on("private message", args -> EventArgs.of(args).run(this::privateMessage));
    }

    private Map<String, Object> roomMessage(EventArgs event) {
        String room = RoomName.of(event.field("room"));
        String text = text(event);
        String clientOffset = event.string("clientOffset", ChatContext.MAX_CLIENT_OFFSET);
        if (!socket.rooms().contains(RoomName.socketRoom(room))) {
            throw new ChatException("you are not in #" + room);
        }
        StoredMessage stored = save(NewMessage.toRoom(room, me.nickname().display(), text, clientOffset));
        ChatMessage message = stored.message();
        if (!stored.duplicate()) {
            context.chat().to(RoomName.socketRoom(room)).emit("chat message", message.toJson());
            if (RoomName.GENERAL.equals(room)) {
                SeedBridge.toSeed(context, message);
            }
        }
        return EventArgs.ok("id", message.id());
    }

    private Map<String, Object> privateMessage(EventArgs event) {
        if (!(event.field("to") instanceof String to) || to.isBlank() || to.strip().length() > Nickname.MAX_LENGTH) {
            throw new ChatException(ChatException.INVALID_ARGUMENTS);
        }
        String text = text(event);
        String clientOffset = event.string("clientOffset", ChatContext.MAX_CLIENT_OFFSET);
        String toKey = Nickname.keyOf(to);
        if (toKey.equals(me.key())) {
            throw new ChatException("you cannot message yourself");
        }
        context.chat().in(ChatUser.room(toKey)).fetchSockets().whenComplete((sockets, error) ->
                event.run(later -> {
                    if (error != null) {
                        throw new IllegalStateException("could not find " + toKey, error);
                    }
                    return deliver(to, toKey, sockets, text, clientOffset);
                }));
        return null;
    }

    private Map<String, Object> deliver(String to, String toKey, List<RemoteSocket> sockets, String text,
            String clientOffset) {
        // a user within the leave grace is online still: its tab coming back gets the message as missed
        String toNickname = sockets.stream().flatMap(other -> ChatUser.of(other).stream()).findFirst()
                .or(() -> context.presence().lingering(toKey))
                .map(user -> user.nickname().display())
                .orElseThrow(() -> new ChatException(to.strip() + " is not online"));
        StoredMessage stored = save(NewMessage.toUser(toNickname, me.nickname().display(), text, clientOffset));
        if (!stored.duplicate()) {
            context.chat().to(ChatUser.room(toKey)).to(me.room()).emit("private message", stored.message().toJson());
        }
        return EventArgs.ok("id", stored.message().id());
    }

    /**
     * Stores a message within the user's rate limit. Over the limit, a retry of a message
     * stored before is still acknowledged (it costs nothing); a client offset another user
     * stored is refused.
     */
    private StoredMessage save(NewMessage message) {
        if (!context.limiter().tryAcquire(me.key())) {
            Optional<ChatMessage> before = context.store().findByClientOffset(message.clientOffset());
            if (before.isPresent() && mine(before.get())) {
                return new StoredMessage(before.get(), true);
            }
            throw new ChatException("too many messages");
        }
        StoredMessage stored = context.store().save(message);
        if (stored.duplicate() && !mine(stored.message())) {
            throw new ChatException("clientOffset already used");
        }
        return stored;
    }

    private boolean mine(ChatMessage message) {
        return Nickname.keyOf(message.from()).equals(me.key());
    }

    /** @return the event's text, trimmed: a string, not blank, at most 2,000 UTF-16 code units */
    static String text(EventArgs event) {
        if (!(event.field("text") instanceof String raw)) {
            throw new ChatException(ChatException.INVALID_ARGUMENTS);
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new ChatException("message empty");
        }
        if (text.length() > ChatContext.MAX_TEXT) {
            throw new ChatException("message too long");
        }
        return text;
    }
}
