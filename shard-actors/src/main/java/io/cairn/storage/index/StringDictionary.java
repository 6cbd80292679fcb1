package io.cairn.storage.index;

import java.util.Arrays;
import org.agrona.collections.Object2IntHashMap;

/**
 * Interns label names and values: each distinct string is held once and named by a dense int
 * id, so series and postings refer to strings by 4-byte ids. Strings are never removed while
 * the index is open (those of deleted or expired series are reclaimed when it is reopened).
 * Not thread-safe: the owner mutates, readers need external locking.
 */
final class StringDictionary {
    static final int MISSING = -1;

    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(1024, 0.65f, MISSING);
    private String[] strings = new String[1024];
    private int size;

    /** The id of {@code s}, adding it if new. */
    int intern(String s) {
        int id = ids.getValue(s);
        if (id != MISSING) {
            return id;
        }
        if (size == strings.length) {
            strings = Arrays.copyOf(strings, size + (size >> 1));
        }
        strings[size] = s;
        ids.put(s, size);
        return size++;
    }

    /** The id of {@code s}, or {@link #MISSING} when it was never interned. */
    int find(String s) {
        return ids.getValue(s);
    }

    String get(int id) {
        return strings[id];
    }

    int size() {
        return size;
    }
}
