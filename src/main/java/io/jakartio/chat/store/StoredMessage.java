package io.jakartio.chat.store;

/**
 * What {@link ChatStore#save} did with a message.
 *
 * <pre>{@code
 * StoredMessage stored = store.save(NewMessage.toRoom("general", "Alice", "hi", "c-1"));
 * if (!stored.duplicate()) {
 *     io.of("/chat").to("room:general").emit("chat message", stored.message().toJson());
 * }
 * }</pre>
 *
 * @param message the stored message: the new one, or for a duplicate the one stored before
 *     under the same client offset
 * @param duplicate whether its client offset was stored before (a retry), so nothing was stored now
 */
public record StoredMessage(ChatMessage message, boolean duplicate) {
}
