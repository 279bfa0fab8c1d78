package io.jakartio.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sets of {@link InMemoryAdapter}: a room's members, a socket's rooms. Most are tiny (a
 * socket's own room has one member; a socket is in its own room and a few more), and a server
 * keeps two per socket: a small set is an immutable one, replaced by a copy on each change; past
 * {@value #SMALL} elements it becomes a concurrent set changed in place, as big rooms need.
 *
 * <p>Thread safety: a set is only changed inside the {@code compute} of the map that
 * holds it, for its key, which serializes the changes and publishes the new set; readers outside
 * see either an immutable snapshot or the concurrent set, both safe to iterate.
 */
final class RoomSets {

    /** The most elements a set keeps as an immutable copy. */
    static final int SMALL = 8;

    private RoomSets() {
    }

    /**
     * @param set a set made here, or {@code null} for none yet
     * @param element the element to add
     * @return the set with the element: {@code set} itself, or its replacement
     */
    static Set<String> with(Set<String> set, String element) {
        if (set == null) {
            return Collections.singleton(element); // 16 bytes, where Set.of's takes 24
        }
        if (isConcurrent(set)) {
            set.add(element);
            return set;
        }
        if (set.contains(element)) {
            return set;
        }
        if (set.size() >= SMALL) {
            Set<String> grown = ConcurrentHashMap.newKeySet();
            grown.addAll(set);
            grown.add(element);
            return grown;
        }
        List<String> elements = new ArrayList<>(set.size() + 1);
        elements.addAll(set);
        elements.add(element);
        return Set.copyOf(elements);
    }

    /**
     * @param set a set made here
     * @param element the element to remove
     * @return the set without the element: {@code set} itself, or its replacement (maybe empty)
     */
    static Set<String> without(Set<String> set, String element) {
        if (isConcurrent(set)) {
            set.remove(element);
            return set;
        }
        if (!set.contains(element)) {
            return set;
        }
        List<String> elements = new ArrayList<>(set);
        elements.remove(element);
        return Set.copyOf(elements);
    }

    private static boolean isConcurrent(Set<String> set) {
        return set instanceof ConcurrentHashMap.KeySetView;
    }
}
