package io.jakartio.chat;

import io.jakartio.server.Ack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of one client event of the chat, checked: one JSON object, then an optional
 * acknowledgement. Reading a field of the wrong type throws a {@link ChatException}
 * ({@code "invalid arguments"} unless said otherwise), which {@link #run} turns into an error
 * acknowledgement: a bad event never throws out of a handler.
 *
 * <pre>{@code
 * socket.on("join room", args -> EventArgs.of(args).run(event -> {
 *     String room = RoomName.of(event.field("room"));
 *     return Map.of("ok", true, "room", room);       // acked as is
 * }));
 * // a client emitting ("join room", 42, ack) gets { error: "invalid arguments" }
 * }</pre>
 */
public final class EventArgs {

    private static final System.Logger LOG = System.getLogger(EventArgs.class.getName());

    private final Map<?, ?> payload;
    private final Ack ack;

    private EventArgs(Map<?, ?> payload, Ack ack) {
        this.payload = payload;
        this.ack = ack;
    }

    /**
     * @param args a listener's arguments: an object, then an {@link Ack} if the client asked for one
     * @return them; {@link #field} fails if the first is not an object or there are more
     */
    public static EventArgs of(Object[] args) {
        Ack ack = args.length > 0 && args[args.length - 1] instanceof Ack last ? last : null;
        int count = ack == null ? args.length : args.length - 1;
        Map<?, ?> payload = count == 1 && args[0] instanceof Map<?, ?> map ? map : null;
        return new EventArgs(payload, ack);
    }

    /** @return whether the client asked for an acknowledgement */
    public boolean hasAck() {
        return ack != null;
    }

    /**
     * @param name a field of the event's object
     * @return its value, {@code null} if absent
     * @throws ChatException {@code "invalid arguments"} if the event has no object (or more than one argument)
     */
    public Object field(String name) {
        if (payload == null) {
            throw new ChatException(ChatException.INVALID_ARGUMENTS);
        }
        return payload.get(name);
    }

    /**
     * @param name a field
     * @param maxLength its longest value, in UTF-16 code units
     * @return its value: a non-blank string
     * @throws ChatException {@code "invalid arguments"} if absent, not a string, blank or too long
     */
    public String string(String name, int maxLength) {
        if (field(name) instanceof String text && !text.isBlank() && text.length() <= maxLength) {
            return text;
        }
        throw new ChatException(ChatException.INVALID_ARGUMENTS);
    }

    /**
     * Runs a handler and acknowledges its result, or {@code { error }} for a {@link ChatException}
     * it throws; any other exception is logged and answered {@code { error: "server error" }}.
     *
     * @param handler computes the acknowledgement, or {@code null} to send none (yet)
     */
    public void run(Handler handler) {
        Map<String, Object> reply;
        try {
            reply = handler.handle(this);
        } catch (ChatException e) {
            reply = error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "chat event failed", e);
            reply = error("server error");
        }
        if (reply != null) {
            reply(reply);
        }
    }

    /** @param reply the acknowledgement, sent if the client asked for one */
    public void reply(Map<String, Object> reply) {
        if (ack != null) {
            ack.call(reply);
        }
    }

    /**
     * @param text why the event was refused
     * @return {@code { error: text }}
     */
    public static Map<String, Object> error(String text) {
        return Map.of("error", text);
    }

    /**
     * @param keysAndValues more fields, alternating keys and values
     * @return {@code { ok: true, ... }}, in that order
     */
    public static Map<String, Object> ok(Object... keysAndValues) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            reply.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return reply;
    }

    /** The work of one event. */
    @FunctionalInterface
    public interface Handler {

        /**
         * @param event the event's arguments
         * @return the acknowledgement, or {@code null} when it is sent later ({@link #reply})
         * @throws ChatException to refuse the event with its message
         */
        Map<String, Object> handle(EventArgs event);
    }
}
