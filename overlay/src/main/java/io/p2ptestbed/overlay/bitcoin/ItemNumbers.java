package io.p2ptestbed.overlay.bitcoin;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide numbers for relayed items (session 18): an item's 64-bit id is given a number the first time a node of
 * this process has the item, from one counter, so that a node can keep "I have it" as one bit of a small dense bit set
 * ({@link SeenItems#surelyHas}) instead of looking the id up in its seen table, a cache miss per inventory entry (the
 * relay's largest cost: at N = 10,000 a node's table is tens of kB in a heap of gigabytes, and the ids are random).
 * The items relayed at one moment are few and were numbered at about the same time, so the bits of the entries of one
 * inv frame fall in a line or two.
 *
 * <p>Only a fast path: a number is never given twice (the counter only rises), so a bit set for a number means that
 * node has that very item; an id whose entry was displaced, or was numbered twice by two threads at once, gets a new
 * number, and a node that marked the old one only misses the fast path and looks the item up as before. So which
 * number an item gets (it depends on which thread came first) never shows in what a node does: the same seed gives
 * the same run on one thread or two. Entries are immutable objects (final fields), so threads share the table without
 * locks: a reader sees an entry whole or not at all.
 */
final class ItemNumbers {

    /** Slots: a power of two, many times the items in flight at once (a few hundred to a few thousand). */
    private static final int SLOTS = 1 << 15;
    /** Slots probed from an id's home before the home's entry is displaced. */
    private static final int PROBES = 8;

    private record Entry(long id, long number) {}

    private static final Entry[] TABLE = new Entry[SLOTS];
    private static final AtomicLong NEXT = new AtomicLong();

    private ItemNumbers() {}

    private static int home(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (SLOTS - 1);
    }

    /** The item's number, or -1 when it has none (no node has had it yet, or its entry was displaced). */
    static long number(long id) {
        for (int k = 0, i = home(id); k < PROBES; k++, i = (i + 1) & (SLOTS - 1)) {
            Entry e = TABLE[i];
            if (e == null) {
                return -1;
            }
            if (e.id == id) {
                return e.number;
            }
        }
        return -1;
    }

    /** The item's number, given now if it has none. */
    static long intern(long id) {
        int free = -1;
        for (int k = 0, i = home(id); k < PROBES; k++, i = (i + 1) & (SLOTS - 1)) {
            Entry e = TABLE[i];
            if (e == null) {
                free = i;
                break;
            }
            if (e.id == id) {
                return e.number;
            }
        }
        long n = NEXT.getAndIncrement();
        TABLE[free >= 0 ? free : home(id)] = new Entry(id, n); // a full run displaces the entry at the home
        return n;
    }
}
