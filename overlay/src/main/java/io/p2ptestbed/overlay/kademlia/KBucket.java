package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.Arrays;

/**
 * One k-bucket: live entries ordered least-recently-seen first, plus a replacement cache.
 *
 * <p>Entries live in one primitive array, {@value #S} longs each (id high; id middle; id low and IPv4
 * address; port, failure count and last seen; added at), so that finding an id, picking the closest
 * entries and writing a find_node reply read contiguous memory instead of chasing one object graph per
 * entry. The fourth word packs the port (16 bits), the failure count (8 bits, saturating at 255) and
 * the last-seen time (40 bits, milliseconds after the table's epoch, some 34 years): with a million
 * simulated nodes every 8 bytes of an entry cost about 1 KB per node. The replacement cache is a small array of {@value #R} longs per contact, allocated on first use.
 */
final class KBucket {

    static final int S = 5;
    private static final int SEEN_SHIFT = 24;
    private static final long MAX_REL = (1L << 40) - 1;
    private static final int MAX_FAILURES = 0xFF;
    static final int R = 4;
    private static final long[] NONE = new long[0];

    long[] e = NONE;
    int size;
    long[] repl = NONE;
    int replSize;
    long lastChanged;

    static long loIp(int lo, int ip) {
        return ((long) lo << 32) | (ip & 0xFFFFFFFFL);
    }

    int find(NodeId id) {
        long hi = id.hi();
        long[] a = e;
        for (int i = 0, o = 0; i < size; i++, o += S) {
            if (a[o] == hi && a[o + 1] == id.mid() && (int) (a[o + 2] >>> 32) == id.lo()) {
                return i;
            }
        }
        return -1;
    }

    NodeId id(int i) {
        int o = i * S;
        return new NodeId(e[o], e[o + 1], (int) (e[o + 2] >>> 32));
    }

    int ip(int i) {
        return (int) e[i * S + 2];
    }

    int port(int i) {
        return (int) (e[i * S + 3] & 0xFFFF);
    }

    boolean hasAddress(int i, NodeAddress a) {
        return ip(i) == a.ip() && port(i) == a.port();
    }

    NodeAddress address(int i) {
        return new NodeAddress(ip(i), port(i));
    }

    Contact contact(int i) {
        return new Contact(id(i), address(i));
    }

    int failures(int i) {
        return (int) (e[i * S + 3] >>> 16) & MAX_FAILURES;
    }

    /** Last seen, as an absolute time given the table's epoch. */
    long lastSeen(int i, long epoch) {
        return epoch + (e[i * S + 3] >>> SEEN_SHIFT);
    }

    RoutingEntry entry(int i, long epoch) {
        return new RoutingEntry(contact(i), e[i * S + 4], lastSeen(i, epoch), failures(i));
    }

    /** The fourth word: port, no failures, seen at {@code now} (relative to {@code epoch}). */
    private static long portSeen(long port, long now, long epoch) {
        long rel = Math.min(MAX_REL, Math.max(0, now - epoch));
        return (port & 0xFFFF) | (rel << SEEN_SHIFT);
    }

    /** Appends a contact as the most recently seen entry. */
    void add(Contact c, long now, int capacityHint, long epoch) {
        if ((size + 1) * S > e.length) {
            e = Arrays.copyOf(e, Math.min(Math.max(capacityHint, size + 1), Math.max(4, size * 2)) * S);
        }
        int o = size * S;
        NodeId id = c.id();
        e[o] = id.hi();
        e[o + 1] = id.mid();
        e[o + 2] = loIp(id.lo(), c.address().ip());
        e[o + 3] = portSeen(c.address().port(), now, epoch);
        e[o + 4] = now;
        size++;
        lastChanged = now;
    }

    void removeAt(int i) {
        int o = i * S;
        System.arraycopy(e, o + S, e, o, (size - i - 1) * S);
        size--;
    }

    /** Marks entry {@code i} alive now and moves it to the most-recently-seen end. */
    void touch(int i, long now, long epoch) {
        int o = i * S;
        long a0 = e[o];
        long a1 = e[o + 1];
        long a2 = e[o + 2];
        long a3 = portSeen(e[o + 3], now, epoch);
        long added = e[o + 4];
        System.arraycopy(e, o + S, e, o, (size - i - 1) * S);
        int t = (size - 1) * S;
        e[t] = a0;
        e[t + 1] = a1;
        e[t + 2] = a2;
        e[t + 3] = a3;
        e[t + 4] = added;
        lastChanged = now;
    }

    /** Counts a failed query against entry {@code i}; returns the new count. */
    int failed(int i) {
        int o = i * S + 3;
        int f = Math.min(MAX_FAILURES, failures(i) + 1);
        e[o] = (e[o] & ~(0xFFL << 16)) | ((long) f << 16);
        return f;
    }

    int firstBad(int maxFailures) {
        for (int i = 0; i < size; i++) {
            if (failures(i) >= maxFailures) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a contact as the most recent replacement (moving it if already cached), keeping at most {@code max}. */
    void addReplacement(Contact c, int max) {
        if (max == 0) {
            return;
        }
        NodeId id = c.id();
        long[] r = repl;
        for (int i = 0, o = 0; i < replSize; i++, o += R) {
            if (r[o] == id.hi() && r[o + 1] == id.mid() && (int) (r[o + 2] >>> 32) == id.lo()) {
                System.arraycopy(r, o + R, r, o, (replSize - i - 1) * R);
                replSize--;
                break;
            }
        }
        if (replSize >= max) {
            int drop = replSize - max + 1;
            System.arraycopy(r, drop * R, r, 0, (replSize - drop) * R);
            replSize -= drop;
        }
        if ((replSize + 1) * R > r.length) {
            r = repl = Arrays.copyOf(r, Math.min(max, Math.max(2, replSize * 2)) * R);
        }
        int o = replSize * R;
        r[o] = id.hi();
        r[o + 1] = id.mid();
        r[o + 2] = loIp(id.lo(), c.address().ip());
        r[o + 3] = c.address().port();
        replSize++;
    }

    /** Removes and returns the most recent replacement, or null. */
    Contact pollReplacement() {
        if (replSize == 0) {
            return null;
        }
        replSize--;
        int o = replSize * R;
        return new Contact(new NodeId(repl[o], repl[o + 1], (int) (repl[o + 2] >>> 32)),
                new NodeAddress((int) repl[o + 2], (int) repl[o + 3]));
    }
}
