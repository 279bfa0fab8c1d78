package io.jakartio.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NicknameTest {

    @Test
    void aNicknameIsTrimmedAndItsKeyIsItsLowerCase() {
        Nickname nickname = Nickname.of("  Alice\t");

        assertEquals("Alice", nickname.display());
        assertEquals("alice", nickname.key());
    }

    @Test
    void aNicknameIsNormalisedToNfcSoBothSpellingsOfAnAccentAreOneUser() {
        Nickname composed = Nickname.of("Z\u00F6e");
        Nickname decomposed = Nickname.of("Zo\u0308e");

        assertEquals("Z\u00F6e", decomposed.display());
        assertEquals(composed.key(), decomposed.key());
        assertEquals("z\u00F6e", Nickname.keyOf(" ZO\u0308E "));
    }

    @Test
    void aMissingBlankOrNonStringNicknameIsRequired() {
        for (Object raw : new Object[] {null, "", "   ", 42, true}) {
            assertEquals("nickname required", assertThrows(ChatException.class, () -> Nickname.of(raw)).getMessage(),
                    String.valueOf(raw));
        }
    }

    @Test
    void twentyFourCharactersAreAllowedAndTwentyFiveAreTooLongCountedAsJavaScriptCounts() {
        assertEquals(24, Nickname.of("a".repeat(24)).display().length());
        assertEquals("nickname too long", assertThrows(ChatException.class, () -> Nickname.of("a".repeat(25))).getMessage());
        // 12 emoji are 24 UTF-16 code units (JavaScript's length): the most that fit
        String emoji = "\uD83D\uDE00";
        assertEquals(12, Nickname.of(emoji.repeat(12)).display().codePointCount(0, 24));
        assertEquals("nickname too long", assertThrows(ChatException.class, () -> Nickname.of(emoji.repeat(13))).getMessage());
    }

    @Test
    void controlCharactersSeparatorsAndLoneSurrogatesAreInvalid() {
        for (String raw : new String[] {"a\u0007b", "a\nb", "a\u0000", "a\u2028b", "a\u2029b", "a\uD800b", "\u007Fx"}) {
            assertEquals("nickname invalid", assertThrows(ChatException.class, () -> Nickname.of(raw)).getMessage(), raw);
        }
    }

    @Test
    void innerSpacesPunctuationAndEmojiJoinersAreAllowed() {
        assertEquals("Big Al", Nickname.of("Big Al").display());
        assertEquals("o'neil-2_x.", Nickname.of("O'Neil-2_X.").key());
        assertEquals("\uD83D\uDC69\u200D\uD83D\uDCBB", Nickname.of("\uD83D\uDC69\u200D\uD83D\uDCBB").display());
    }
}
