package io.jakartio.chat.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored chat message: to a room, or a direct message to a user.
 *
 * <pre>{@code
 * socket.emit("chat message", message.toJson());
 * // { id: 42, room: "general", from: "Alice", text: "hi", sentAt: "2026-12-03T18:00:00.120Z", clientOffset: "c-1" }
 * }</pre>
 *
 * @param id the server-assigned id (the database identity): increasing
 * @param room the room's name for a room message, else {@code null}
 * @param to the recipient's nickname for a direct message, else {@code null}
 * @param from the sender's nickname
 * @param text the text
 * @param sentAt when the server stored it, to the millisecond
 * @param clientOffset the sender's id of the message, unique
 */
public record ChatMessage(long id, String room, String to, String from, String text, Instant sentAt,
        String clientOffset) {

    /**
     * @return the message as the chat's clients receive it: {@code room} or {@code to}, never
     *     both; {@code sentAt} in ISO-8601, UTC
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        if (room != null) {
            json.put("room", room);
        }
        if (to != null) {
            json.put("to", to);
        }
        json.put("from", from);
        json.put("text", text);
        json.put("sentAt", sentAt.toString());
        json.put("clientOffset", clientOffset);
        return json;
    }
}
