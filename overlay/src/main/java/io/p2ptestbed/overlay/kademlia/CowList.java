package io.p2ptestbed.overlay.kademlia;

import java.util.ArrayList;
import java.util.List;

/**
 * Copy-on-write lists of hooks (guards, listeners, filters, policies) kept in a volatile field as an
 * immutable list: readers iterate a snapshot, as with {@code CopyOnWriteArrayList}, but a node without
 * hooks (nearly every node of a large simulated network) shares the one empty list instead of owning a
 * list, its lock and its array (about 56 bytes for each of five lists per node). Writers synchronise on
 * the owner of the field.
 */
final class CowList {

    private CowList() {
    }

    static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(item);
        return List.copyOf(out);
    }

    /** Without the first element equal to {@code item} (the same list when there is none). */
    static <T> List<T> minus(List<T> list, Object item) {
        int i = list.indexOf(item);
        if (i < 0) {
            return list;
        }
        List<T> out = new ArrayList<>(list);
        out.remove(i);
        return List.copyOf(out);
    }
}
