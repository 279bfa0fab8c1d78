package io.jakartio.chat;

import io.jakartio.chat.store.ChatMessage;
import io.jakartio.chat.store.NewMessage;
import io.jakartio.chat.store.StoredMessage;
import io.jakartio.server.Socket;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * The bridge between the seed's chat (namespace {@code /}, a {@code chat message} with a
 * string) and the full chat's {@code #general}. The seed's own handler keeps doing what it
 * does ({@code io.emit("chat message", msg)} on {@code /}); this adds:
 * <ul>
 *   <li>a seed message (a string, not blank, at most 2,000 UTF-16 code units) is stored as a
 *       {@code general} message from {@value #GUEST} and emitted on {@code /chat} to
 *       {@code room:general};</li>
 *   <li>a full-chat message to {@code general} is emitted on {@code /} as
 *       {@code "<nickname>: <text>"} ({@link #toSeed}).</li>
 * </ul>
 * Each seed socket may bridge 20 messages per 10 s, as a full-chat user may send; more still
 * reach the seed's page but not the full chat.
 *
 * <pre>{@code
 * SeedBridge.install(context); // once, by FullChat.install
 * }</pre>
 */
final class SeedBridge {

    private static final System.Logger LOG = System.getLogger(SeedBridge.class.getName());

    /** The full chat's name for whoever writes in the seed's page. */
    static final String GUEST = "guest";

    private SeedBridge() {
    }

    static void install(ChatContext context) {
        context.io().on("connection", socket -> {
            socket.on("chat message", args -> fromSeed(context, socket, args));
            socket.on("disconnect", args -> context.limiter().forget(guestKey(socket)));
        });
    }

    private static void fromSeed(ChatContext context, Socket socket, Object[] args) {
        try {
            bridge(context, socket, args);
        } catch (RuntimeException e) {
            // the seed's page got its message all the same; only the full chat misses it
            LOG.log(Level.WARNING, "chat: a seed message did not reach #general", e);
        }
    }

    private static void bridge(ChatContext context, Socket socket, Object[] args) {
        if (args.length == 0 || !(args[0] instanceof String raw)) {
            return;
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > ChatContext.MAX_TEXT || !context.limiter().tryAcquire(guestKey(socket))) {
            return;
        }
        StoredMessage stored = context.store().save(
                NewMessage.toRoom(RoomName.GENERAL, GUEST, text, "seed-" + UUID.randomUUID()));
        context.chat().to(RoomName.socketRoom(RoomName.GENERAL)).emit("chat message", stored.message().toJson());
    }

    /**
     * @param context the chat
     * @param message a message to {@code general} from a full-chat user
     */
    static void toSeed(ChatContext context, ChatMessage message) {
        context.io().emit("chat message", message.from() + ": " + message.text());
    }

    /** Never a nickname key: longer than any nickname. */
    private static String guestKey(Socket socket) {
        return "seed socket " + socket.id();
    }
}
