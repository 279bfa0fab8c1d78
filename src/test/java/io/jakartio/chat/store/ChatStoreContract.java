package io.jakartio.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link ChatStore} must do on every database the chat supports: each subclass runs these
 * tests on one (its own database or schema, dropped after the class).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatStoreContract {

    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00.123456789Z");

    private TestDatabase database;
    private ChatStore store;

    /** @return a new database for this class */
    abstract TestDatabase openDatabase();

    @BeforeAll
    void open() {
        database = openDatabase();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void freshTables() {
        database.execute("DROP TABLE IF EXISTS chat_message", "DROP TABLE IF EXISTS chat_room");
        store = new ChatStore(database.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
        store.createSchema();
    }

    @Test
    void theSchemaIsCreatedOnceWithTheRoomGeneral() {
        store.createSchema();

        assertEquals(List.of("general"), store.rooms());
    }

    @Test
    void aMessageGetsAnIncreasingIdAndTheTimeToTheMillisecond() {
        ChatMessage first = store.save(NewMessage.toRoom("general", "Alice", "hi", "c-1")).message();
        ChatMessage second = store.save(NewMessage.toUser("Bob", "Alice", "psst", "c-2")).message();

        assertTrue(second.id() > first.id(), first.id() + " then " + second.id());
        assertEquals(new ChatMessage(first.id(), "general", null, "Alice", "hi", Instant.parse("2026-12-03T18:00:00.123Z"), "c-1"),
                first);
        assertEquals(Map.of("id", second.id(), "to", "Bob", "from", "Alice", "text", "psst",
                "sentAt", "2026-12-03T18:00:00.123Z", "clientOffset", "c-2"), second.toJson());
        assertEquals(List.of(first), store.roomHistory("general", 50), "what is read back is what was returned");
    }

    @Test
    void aClientOffsetIsStoredOnceAndARetryGetsTheMessageStoredBefore() {
        StoredMessage first = store.save(NewMessage.toRoom("general", "Alice", "hi", "c-1"));
        StoredMessage retry = store.save(NewMessage.toRoom("general", "Alice", "hi", "c-1"));

        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.message(), retry.message());
        assertEquals(1, store.roomHistory("general", 50).size());
        assertEquals(first.message(), store.findByClientOffset("c-1").orElseThrow());
        assertTrue(store.findByClientOffset("c-2").isEmpty());
    }

    @Test
    void aRoomIsCreatedOnceAndRoomsAreListedSorted() {
        assertTrue(store.createRoom("random"));
        assertFalse(store.createRoom("random"));
        assertTrue(store.createRoom("dev"));

        assertEquals(List.of("dev", "general", "random"), store.rooms());
    }

    @Test
    void aRoomsHistoryIsItsLastMessagesOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            store.save(NewMessage.toRoom("general", "Alice", "g" + i, "g-" + i));
            store.save(NewMessage.toRoom("random", "Alice", "r" + i, "r-" + i));
        }
        store.save(NewMessage.toUser("Bob", "Alice", "dm", "d-1"));

        assertEquals(List.of("g3", "g4", "g5"), texts(store.roomHistory("general", 3)));
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), texts(store.roomHistory("random", 50)));
        assertEquals(List.of(), store.roomHistory("empty", 50));
    }

    @Test
    void aUserSeesTheMessagesOfItsRoomsAndItsOwnDirectMessagesWhateverTheCaseOfTheNicknames() {
        store.save(NewMessage.toRoom("general", "Alice", "in general", "1"));
        store.save(NewMessage.toRoom("secret", "Carol", "in secret", "2"));
        store.save(NewMessage.toUser("BOB", "Alice", "alice to bob", "3"));
        store.save(NewMessage.toUser("alice", "Bob", "bob to alice", "4"));
        store.save(NewMessage.toUser("Alice", "Carol", "carol to alice", "5"));
        store.save(NewMessage.toRoom("random", "Bob", "in random", "6"));

        assertEquals(List.of("in general", "alice to bob", "bob to alice", "in random"),
                texts(store.lastVisible(List.of("general", "random"), "bob", 50)));
        assertEquals(List.of("alice to bob", "bob to alice", "in random"),
                texts(store.lastVisible(List.of("general", "random"), "bob", 3)), "the last three");
        assertEquals(List.of("alice to bob", "bob to alice", "carol to alice"),
                texts(store.lastVisible(List.of(), "alice", 50)));
    }

    @Test
    void sinceGivesExactlyTheVisibleMessagesAfterTheOffset() {
        long seen = store.save(NewMessage.toRoom("general", "Alice", "seen", "1")).message().id();
        store.save(NewMessage.toRoom("general", "Alice", "missed 1", "2"));
        store.save(NewMessage.toRoom("secret", "Carol", "not mine", "3"));
        store.save(NewMessage.toUser("Bob", "Alice", "missed dm", "4"));
        store.save(NewMessage.toUser("Carol", "Alice", "not my dm", "5"));
        store.save(NewMessage.toRoom("general", "Carol", "missed 2", "6"));

        assertEquals(List.of("missed 1", "missed dm", "missed 2"), texts(store.since(seen, List.of("general"), "bob", 1000)));
        assertEquals(List.of("missed 1", "missed dm"), texts(store.since(seen, List.of("general"), "bob", 2)), "the oldest two");
        assertEquals(List.of(), store.since(Long.MAX_VALUE, List.of("general"), "bob", 1000));
    }

    @Test
    void nonAsciiNicknamesMatchTheirKeysInDirectMessages() {
        store.save(NewMessage.toUser("\u00C9milie", "Zo\u00EB", "bonjour", "1"));

        assertEquals(List.of("bonjour"), texts(store.lastVisible(List.of(), "\u00E9milie", 50)));
        assertEquals(List.of("bonjour"), texts(store.lastVisible(List.of(), "zo\u00EB", 50)));
        assertEquals(List.of(), store.lastVisible(List.of(), "emilie", 50));
    }

    @Test
    void theLongestNicknameRoomTextAndClientOffsetTheRulesAllowFit() {
        String nickname = "\uD83D\uDE00".repeat(12); // 24 UTF-16 code units, as the nickname rule counts
        String text = "\uD83D\uDE00".repeat(1000);   // 2,000
        ChatMessage stored = store.save(new NewMessage("r".repeat(32), null, nickname, text, "o".repeat(64))).message();

        assertEquals(List.of(stored), store.roomHistory("r".repeat(32), 1));
        assertTrue(store.createRoom("\u00E9".repeat(32)));
    }

    @Test
    void aDatabaseErrorIsAChatStoreException() {
        ChatStoreException error = assertThrows(ChatStoreException.class,
                () -> store.save(NewMessage.toRoom("general", "Alice", "x".repeat(2001), "too-long")));

        assertTrue(error.getMessage().startsWith("could not store a message"), error.getMessage());
        assertThrows(ChatStoreException.class, () -> store.createRoom("r".repeat(33)), "never cut short");
        assertEquals(List.of("general"), store.rooms());
    }

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }
}
