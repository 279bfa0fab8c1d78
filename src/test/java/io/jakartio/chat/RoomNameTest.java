package io.jakartio.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoomNameTest {

    @Test
    void aRoomNameIsStoredInLowerCaseAndTrimmed() {
        assertEquals("random", RoomName.of(" Random "));
        assertEquals("dev-ops_2", RoomName.of("Dev-Ops_2"));
        assertEquals("caf\u00E9", RoomName.of("Cafe\u0301"));
    }

    @Test
    void oneToThirtyTwoLettersDigitsDashesOrUnderscoresAreValid() {
        assertEquals("x", RoomName.of("x"));
        assertEquals("a".repeat(32), RoomName.of("a".repeat(32)));
        for (String bad : new String[] {"", "  ", "a".repeat(33), "two words", "#general", "a/b", "a.b", "<b>"}) {
            assertEquals("invalid room name", assertThrows(ChatException.class, () -> RoomName.of(bad)).getMessage(), bad);
        }
    }

    @Test
    void aRoomThatIsNotAStringIsInvalidArguments() {
        for (Object bad : new Object[] {null, 7, java.util.List.of("general")}) {
            assertEquals("invalid arguments", assertThrows(ChatException.class, () -> RoomName.of(bad)).getMessage());
        }
    }

    @Test
    void aChatRoomIsTheSocketIoRoomWithTheRoomPrefix() {
        assertEquals("room:general", RoomName.socketRoom("general"));
        assertEquals("general", RoomName.fromSocketRoom("room:general"));
        assertNull(RoomName.fromSocketRoom("user:alice"));
    }
}
