package io.jakartio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Small room sets are immutable copies; big ones become concurrent sets changed in place. */
class RoomSetsTest {

    @Test
    void aSmallSetIsAnImmutableCopyReplacedOnEachChange() {
        Set<String> one = RoomSets.with(null, "a");
        assertEquals(Set.of("a"), one);
        assertThrows(UnsupportedOperationException.class, () -> one.add("x"));
        Set<String> two = RoomSets.with(one, "b");
        assertEquals(Set.of("a"), one, "the snapshot a reader holds does not change");
        assertEquals(Set.of("a", "b"), two);
        assertSame(two, RoomSets.with(two, "a"), "already there: the same set");
        assertSame(two, RoomSets.without(two, "z"), "not there: the same set");
        assertEquals(Set.of("b"), RoomSets.without(two, "a"));
        assertEquals(Set.of(), RoomSets.without(one, "a"));
    }

    @Test
    void pastTheSmallSizeItBecomesConcurrentAndStaysSo() {
        Set<String> set = null;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < RoomSets.SMALL; i++) {
            set = RoomSets.with(set, "r" + i);
            expected.add("r" + i);
        }
        assertThrows(UnsupportedOperationException.class, set::clear);
        Set<String> big = RoomSets.with(set, "more");
        expected.add("more");
        assertInstanceOf(ConcurrentHashMap.KeySetView.class, big);
        assertEquals(expected, big);
        assertSame(big, RoomSets.with(big, "another"));
        assertSame(big, RoomSets.without(big, "another"));
        for (String element : expected) {
            assertSame(big, RoomSets.without(big, element));
        }
        assertEquals(Set.of(), big);
    }
}
