package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A Pastry node's state (Rowstron and Druschel, section 2.1): the leaf set (the |L|/2 numerically closest
 * nodes on each side), the routing table (row l holds nodes sharing the first l digits with this node, in
 * the column of their digit l), and the neighbourhood set (the |M| nodes closest by measured round-trip
 * time). {@link #nextHop} is the paper's routing procedure. Not thread-safe: the node's scheduler owns it.
 */
final class PastryState {

    /** What {@link #offer} did with a contact, per structure. */
    record Offer(boolean leaf, boolean table, boolean neighbourhood, boolean wantsRtt, boolean slotWantsRtt) {
        boolean changed() {
            return leaf || table || neighbourhood;
        }
    }

    private final Contact self;
    private final NodeId id;
    private final int b;
    private final int half;
    private final int maxNeighbourhood;
    private final boolean proximity;
    /** Clockwise (larger ids), nearest first. */
    private final PastryLeafSide right;
    /** Counter-clockwise (smaller ids), nearest first. */
    private final PastryLeafSide left;
    private final Contact[][] table;
    /**
     * The table's entries as primitives, by row: for column d, its id's high word, second word and last 32 bits, and its
     * packed address, at {@code WORDS * d}. A candidate (a pong's leaf set names 16) is compared with the slot's entry
     * without reading the entry's objects, which were cache misses.
     */
    private final long[][] tableWords;
    private static final int WORDS = 4;
    /**
     * Which slots of the routing table hold a contact: bit {@code r * 2^b + col} (of the words read as one bit string,
     * 128 / b × 2^b bits: 8 longs for b = 4) is set exactly while {@code table[r][col]} is not null. A contact taken
     * in passing (sixteen per pong) is tested against a held slot here, in one array allocated with the state, instead
     * of in the row's words (a cache miss per row and column): nothing else about a held slot matters for a contact
     * whose RTT is unknown and whose offer's bits nobody reads.
     */
    private final long[] occupied;
    /** This node's high id word, second word and its address as primitives (read on every offer). */
    private final long selfHi;
    private final long selfMid;
    private final long selfAddress;
    /** The constrained routing table (Castro et al. 2002), or null when the defence is off. */
    private final Contact[][] constrained;
    /** Nearest first by RTT. */
    private final List<Contact> neighbourhood = new ArrayList<>();
    /**
     * The RTTs of the neighbourhood set's members, in the same order: a full set is compared with on every offer, and
     * reading them from the node's RTT map each time was the simulation's hottest spot.
     */
    private final long[] neighbourhoodRtt;
    /** The high words of the members' ids, in the same order: membership is checked on a primitive array first. */
    private final long[] neighbourhoodHi;
    /**
     * Kept in this object, so that an offer reads neither the list nor the sides unless it may change them (in a
     * simulation of many nodes each of those objects was a cache miss on nearly every datagram): the neighbourhood
     * set's size; a 128-bit filter with bit {@link #nearBit} of each member's high id word set (a contact whose bit is
     * clear is no member, without a scan); and each leaf-set side's farthest member's id words when the side is full
     * (a contact farther than that is refused with one comparison, as {@link PastryLeafSide#place} would).
     */
    private int nearSize;
    private long nearMask0;
    private long nearMask1;
    private boolean rightFull;
    private boolean leftFull;
    private long rightFarHi;
    private long rightFarMid;
    private long leftFarHi;
    private long leftFarMid;
    /** {@link #leafSet()} until the leaf set changes, or null. */
    private List<Contact> leafSetCache;
    /** {@link #leafSet()} encoded for the wire ({@link PastryCodec#encodeList}) until the leaf set changes, or null. */
    private byte[] leafSetBytes;
    /** Measured round-trip time of a contact in ms, or -1 when unknown. */
    private final ToLongFunction<Contact> rtt;
    /** Told of every change of the routing table (the degree-bound defence), or null. */
    private TableListener tableListener;

    /** Sees the routing table change, and may keep a contact out of it (Singh et al.'s degree bounds). */
    interface TableListener {
        /** Whether {@code c} may take a slot; {@code emptySlot}: the table would grow by one entry. */
        boolean admit(Contact c, boolean emptySlot);

        /** {@code added} took a slot (null: none), {@code dropped} left it (null: none). */
        void changed(Contact added, Contact dropped);
    }

    PastryState(Contact self, PastryConfig config, ToLongFunction<Contact> rtt) {
        this.self = self;
        this.id = self.id();
        this.b = config.b();
        this.half = config.leafSet() / 2;
        this.maxNeighbourhood = config.neighbourhood();
        this.proximity = config.proximity();
        this.table = new Contact[config.rows()][];
        this.tableWords = new long[config.rows()][];
        this.occupied = new long[(config.rows() << b) + 63 >>> 6];
        this.selfHi = id.hi();
        this.selfMid = id.mid();
        this.selfAddress = PastryLeafSide.address(self);
        this.constrained = config.constrainedTable() ? new Contact[config.rows()][] : null;
        this.rtt = rtt;
        this.right = new PastryLeafSide(id, true, half);
        this.left = new PastryLeafSide(id, false, half);
        this.neighbourhoodRtt = new long[maxNeighbourhood + 1];
        this.neighbourhoodHi = new long[maxNeighbourhood + 1];
    }

    void setTableListener(TableListener l) {
        this.tableListener = l;
    }

    private boolean admits(Contact c, boolean emptySlot) {
        return tableListener == null || tableListener.admit(c, emptySlot);
    }

    private void changed(Contact added, Contact dropped) {
        if (tableListener != null) {
            tableListener.changed(added, dropped);
        }
    }

    // ---------------------------------------------------------------- reading

    Contact self() {
        return self;
    }

    List<Contact> right() {
        return right.list();
    }

    List<Contact> left() {
        return left.list();
    }

    /**
     * The leaf set, left then right, without duplicates (in a small network a node may be on both sides). Unmodifiable,
     * and kept until the leaf set changes: every pong and route reads it, and building it each time was a hot spot.
     */
    List<Contact> leafSet() {
        List<Contact> out = leafSetCache;
        if (out == null) {
            List<Contact> l = new ArrayList<>(left.size() + right.size());
            left.addTo(l);
            for (int i = 0; i < right.size(); i++) {
                Contact c = right.get(i);
                if (!left.contains(c)) { // at most |L|/2 comparisons: cheaper than hashing
                    l.add(c);
                }
            }
            out = leafSetCache = java.util.Collections.unmodifiableList(l);
        }
        return out;
    }

    /**
     * The leaf set as a pong carries it ({@link PastryCodec#encodeList} of {@link #leafSet()}, byte for byte), kept
     * until the leaf set changes (never modify the array).
     */
    byte[] leafSetBytes() {
        byte[] out = leafSetBytes;
        if (out == null) {
            // from the sides' words, in leafSet()'s order: the members' Contact objects (cold) are not read
            int fromRight = 0;
            for (int i = 0; i < right.size(); i++) {
                if (!left.holds(right, i)) {
                    fromRight++;
                }
            }
            out = PastryCodec.newList(left.size() + fromRight);
            int at = 1;
            for (int i = 0; i < left.size(); i++) {
                at = left.writeMember(i, out, at);
            }
            for (int i = 0; i < right.size(); i++) {
                if (!left.holds(right, i)) {
                    at = right.writeMember(i, out, at);
                }
            }
            leafSetBytes = out;
        }
        return out;
    }

    /** Whether the contact is in the neighbourhood set. */
    boolean inNeighbourhood(Contact c) {
        return neighbourIndex(c) >= 0;
    }

    /** The contact's place in the neighbourhood set, or -1. */
    private int neighbourIndex(Contact c) {
        long hi = c.id().hi();
        if (!maybeNear(hi)) {
            return -1;
        }
        for (int i = 0, n = nearSize; i < n; i++) {
            if (neighbourhoodHi[i] == hi && neighbourhood.get(i).equals(c)) {
                return i;
            }
        }
        return -1;
    }

    List<Contact> neighbourhood() {
        return List.copyOf(neighbourhood);
    }

    private static int nearBit(long hi) {
        return (int) ((hi * 0x9E3779B97F4A7C15L) >>> 57);
    }

    /** False when no member of the neighbourhood set has this high id word. */
    private boolean maybeNear(long hi) {
        int bit = nearBit(hi);
        return ((bit < 64 ? nearMask0 >>> bit : nearMask1 >>> (bit - 64)) & 1) != 0;
    }

    /** The neighbourhood set's size and filter, after it changed. */
    private void nearChanged() {
        nearSize = neighbourhood.size();
        long m0 = 0;
        long m1 = 0;
        for (int i = 0; i < nearSize; i++) {
            int bit = nearBit(neighbourhoodHi[i]);
            if (bit < 64) {
                m0 |= 1L << bit;
            } else {
                m1 |= 1L << (bit - 64);
            }
        }
        nearMask0 = m0;
        nearMask1 = m1;
    }

    /** The leaf-set sides' bounds, after a side changed. */
    private void leavesChanged() {
        leafSetCache = null;
        leafSetBytes = null;
        rightFull = right.full();
        rightFarHi = right.farHi();
        rightFarMid = right.farMid();
        leftFull = left.full();
        leftFarHi = left.farHi();
        leftFarMid = left.farMid();
    }

    /** Row {@code r} of the routing table, its filled entries by column. */
    List<Contact> row(int r) {
        List<Contact> out = new ArrayList<>();
        if (r >= 0 && r < table.length && table[r] != null) {
            for (Contact c : table[r]) {
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    Contact entry(int r, int col) {
        return table[r] == null ? null : table[r][col];
    }

    /** Rows that hold at least one entry (the paper's ceil(log_{2^b} N) in a converged network). */
    int filledRows() {
        int n = 0;
        for (int r = 0; r < table.length; r++) {
            if (!row(r).isEmpty()) {
                n = r + 1;
            }
        }
        return n;
    }

    List<Contact> tableEntries() {
        List<Contact> out = new ArrayList<>();
        for (int r = 0; r < table.length; r++) {
            out.addAll(row(r));
        }
        return out;
    }

    /** Row {@code r} of the constrained table, its filled entries by column (empty when the defence is off). */
    List<Contact> constrainedRow(int r) {
        List<Contact> out = new ArrayList<>();
        if (constrained != null && r >= 0 && r < constrained.length && constrained[r] != null) {
            for (Contact c : constrained[r]) {
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    List<Contact> constrainedEntries() {
        List<Contact> out = new ArrayList<>();
        if (constrained != null) {
            for (int r = 0; r < constrained.length; r++) {
                out.addAll(constrainedRow(r));
            }
        }
        return out;
    }

    /**
     * Everything this node knows: leaf set, routing table, constrained table and neighbourhood set, without
     * duplicates.
     */
    List<Contact> all() {
        LinkedHashSet<Contact> s = new LinkedHashSet<>(leafSet());
        s.addAll(tableEntries());
        s.addAll(constrainedEntries());
        s.addAll(neighbourhood);
        return new ArrayList<>(s);
    }

    boolean inLeafSet(Contact c) {
        return left.contains(c) || right.contains(c);
    }

    /** The farthest leaf on the side of {@code c} (whom to ask for a replacement when {@code c} fails). */
    Contact farthestOnSideOf(NodeId c) {
        PastryLeafSide side = PastryIds.clockwise(id, c) ? right : left;
        return side.isEmpty() ? null : side.get(side.size() - 1);
    }

    // ---------------------------------------------------------------- changing

    /** Takes a contact into every structure it belongs in, by its measured RTT where one is known. */
    Offer offer(Contact c) {
        return offer(c, true);
    }

    /** {@link #offerBits} as a record. */
    Offer offer(Contact c, boolean byRtt) {
        int bits = offerBits(c, byRtt);
        return new Offer((bits & LEAF) != 0, (bits & TABLE) != 0, (bits & NEAR) != 0, (bits & WANTS_RTT) != 0,
                (bits & SLOT_WANTS_RTT) != 0);
    }

    /** What {@link #offerBits} did, one bit each (no object per offer: a build makes tens of millions of offers). */
    static final int LEAF = 1, TABLE = 2, NEAR = 4, WANTS_RTT = 8, SLOT_WANTS_RTT = 16;

    /**
     * Takes a contact into every structure it belongs in. {@code byRtt} false: a contact learned in passing, taken
     * only where its RTT does not matter (the leaf set, an empty table slot, the constrained table), without reading
     * its RTT (the look-up was the costliest part of taking in the leaf sets of keep-alive pongs). Returns the
     * {@link #LEAF}, {@link #TABLE}, {@link #NEAR}, {@link #WANTS_RTT} and {@link #SLOT_WANTS_RTT} bits.
     */
    int offerBits(Contact c, boolean byRtt) {
        if (c == null) {
            return 0;
        }
        NodeId i = c.id();
        return offer(i.hi(), i.mid(), i.lo(), PastryLeafSide.address(c), c, null, 0, byRtt, UNKNOWN, true);
    }

    /** {@link #offerBits} by RTT, of a contact whose RTT ({@code >= 0}) was just measured: no look-up. */
    int offerMeasured(Contact c, long rttMillis) {
        NodeId i = c.id();
        return offer(i.hi(), i.mid(), i.lo(), PastryLeafSide.address(c), c, null, 0, true, rttMillis, true);
    }

    /** {@link #offer(long, long, int, long, Contact, PastryWireContacts, int, boolean, long, boolean)}: the RTT is to be looked up. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    /**
     * Member {@code index} of a decoded contact list, taken in passing ({@link #offerBits} with {@code byRtt} false),
     * read from the datagram: its {@link Contact} is made only when a structure takes it.
     */
    void offerInPassing(PastryWireContacts list, int index) {
        offer(list.hi(index), list.mid(index), 0, list.address(index), null, list, index, false, UNKNOWN, false);
    }

    /**
     * {@link #offerBits} on the contact's id words and packed address; {@code known} is the contact, or null when it
     * is member {@code index} of {@code list} (then {@code byRtt} is false), made only when a structure takes it.
     * {@code rttMillis}: the contact's RTT when the caller knows it, else {@link #UNKNOWN}. {@code bitsRead} false: the
     * caller ignores the bits returned, so what only decides them (whether a held slot's entry is this contact, when
     * its RTT is unknown) is not looked at; the state changes the same either way.
     */
    private int offer(long h, long m, int lo, long a, Contact known, PastryWireContacts list, int index, boolean byRtt,
                      long rttMillis, boolean bitsRead) {
        if ((h == selfHi && m == id.mid() && lo == id.lo()) || a == selfAddress) {
            return 0;
        }
        Contact c = known;
        int bits = 0;
        // a full side refuses a contact farther than its farthest member (most contacts a leaf set names) unread
        int at = rightFull && PastryIds.compareClockwise(selfHi, selfMid, rightFarHi, rightFarMid, h, m) < 0 ? -1
                : right.place(h, m, lo, a);
        if (at >= 0) {
            c = c != null ? c : list.get(index);
            right.insertAt(at, c, a);
            bits = LEAF;
        }
        at = leftFull && PastryIds.compareCounterClockwise(selfHi, selfMid, leftFarHi, leftFarMid, h, m) < 0 ? -1
                : left.place(h, m, lo, a);
        if (at >= 0) {
            c = c != null ? c : list.get(index);
            left.insertAt(at, c, a);
            bits = LEAF;
        }
        if (bits != 0) {
            leavesChanged();
        }
        int r = PastryIds.sharedDigits(selfHi, selfMid, h, m, b);
        long mine = !byRtt || (!proximity && maxNeighbourhood == 0) ? -1
                : rttMillis != UNKNOWN ? rttMillis : rtt.applyAsLong(c); // at most one look-up per offer
        if (r < table.length) {
            int col = PastryIds.digit(h, m, r, b);
            if (!held(r, col)) {
                if (tableWords[r] == null) {
                    table[r] = new Contact[1 << b];
                    tableWords[r] = new long[WORDS << b];
                }
                c = c != null ? c : list.get(index);
                if (admits(c, true)) {
                    setEntry(r, col, c);
                    bits |= TABLE;
                    changed(c, null);
                }
            } else if (proximity && (mine >= 0 || bitsRead) && !sameEntry(tableWords[r], col, h, m, lo, a)) {
                if (mine < 0) {
                    bits |= WANTS_RTT | SLOT_WANTS_RTT;
                } else {
                    Contact old = table[r][col];
                    if (lessThanUnknownOrMore(mine, rtt.applyAsLong(old)) && admits(c, false)) {
                        setEntry(r, col, c);
                        bits |= TABLE;
                        changed(c, old);
                    }
                }
            }
        }
        if (constrained != null && r < constrained.length) {
            c = c != null ? c : list.get(index);
            if (offerConstrained(c, r)) {
                bits |= TABLE;
            }
        }
        int size = nearSize;
        if (maxNeighbourhood > 0) {
            if (mine < 0) {
                bits |= WANTS_RTT; // members are measured: an unmeasured contact is not one
            } else if ((size < maxNeighbourhood || neighbourhoodRtt[size - 1] > mine) && neighbourIndex(c) < 0) {
                // the set is sorted by RTT: a full set whose farthest member is as near takes no one (the usual case)
                int pos = 0;
                while (pos < size && neighbourhoodRtt[pos] <= mine) {
                    pos++;
                }
                insertNeighbour(pos, c, mine);
                bits |= NEAR;
                if (neighbourhood.size() > maxNeighbourhood) {
                    neighbourhood.remove(neighbourhood.size() - 1);
                }
                nearChanged();
            }
        }
        return bits;
    }

    /** Whether the entry of column {@code col} of a row is the contact of these id words and packed address (as {@code Contact.equals}). */
    private static boolean sameEntry(long[] words, int col, long h, long m, int lo, long a) {
        int at = WORDS * col;
        return words[at] == h && words[at + 1] == m && words[at + 2] == lo && words[at + 3] == a;
    }

    /** Whether slot (r, col) of the routing table holds a contact ({@link #occupied}). */
    private boolean held(int r, int col) {
        int bit = (r << b) + col;
        return (occupied[bit >>> 6] & (1L << bit)) != 0;
    }

    private void setEntry(int r, int col, Contact c) {
        table[r][col] = c;
        int bit = (r << b) + col;
        if (c == null) {
            occupied[bit >>> 6] &= ~(1L << bit);
        } else {
            occupied[bit >>> 6] |= 1L << bit;
        }
        long[] w = tableWords[r];
        int at = WORDS * col;
        w[at] = c == null ? 0 : c.id().hi();
        w[at + 1] = c == null ? 0 : c.id().mid();
        w[at + 2] = c == null ? 0 : c.id().lo();
        w[at + 3] = c == null ? 0 : PastryLeafSide.address(c);
    }

    /** Whether a measured RTT beats an entry's: one not measured (-1) or larger. */
    private static boolean lessThanUnknownOrMore(long mine, long theirs) {
        return theirs < 0 || mine < theirs;
    }

    /** Slot (r, digit r of c) of the constrained table keeps the node closest to the slot's fixed point. */
    private boolean offerConstrained(Contact c, int r) {
        if (constrained[r] == null) {
            constrained[r] = new Contact[1 << b];
        }
        int col = PastryIds.digit(c.id(), r, b);
        Contact old = constrained[r][col];
        if (old == null || (!old.equals(c)
                && PastryIds.compareDistance(PastryIds.slotPoint(id, r, col, b), c.id(), old.id()) < 0)) {
            constrained[r][col] = c;
            return true;
        }
        return false;
    }

    /** What {@link #remove} took the contact out of. */
    record Removal(boolean leaf, int row) {}

    /** Removes a failed contact everywhere; says where it was (row -1 when not in the table). */
    Removal remove(Contact c) {
        boolean leaf = right.remove(c) | left.remove(c);
        if (leaf) {
            leavesChanged();
        }
        int inNeighbourhood = neighbourIndex(c);
        if (inNeighbourhood >= 0) {
            removeNeighbour(inNeighbourhood);
        }
        int row = dropFromTable(c);
        int r = PastryIds.sharedDigits(id, c.id(), b);
        if (constrained != null && r < constrained.length && constrained[r] != null) {
            int col = PastryIds.digit(c.id(), r, b);
            if (c.equals(constrained[r][col])) {
                constrained[r][col] = null;
            }
        }
        return new Removal(leaf, row);
    }

    /** Takes a contact out of the routing table only; its row, or -1 when it held no slot. */
    int dropFromTable(Contact c) {
        int r = PastryIds.sharedDigits(id, c.id(), b);
        if (r < table.length && table[r] != null) {
            int col = PastryIds.digit(c.id(), r, b);
            if (c.equals(table[r][col])) {
                setEntry(r, col, null);
                changed(null, c);
                return r;
            }
        }
        return -1;
    }

    private void removeNeighbour(int i) {
        neighbourhood.remove(i);
        int after = neighbourhood.size() - i;
        System.arraycopy(neighbourhoodRtt, i + 1, neighbourhoodRtt, i, after);
        System.arraycopy(neighbourhoodHi, i + 1, neighbourhoodHi, i, after);
        nearChanged();
    }

    /**
     * A member of the neighbourhood set was measured again: it moves to its place by its new RTT, as a stable sort of
     * the set by current RTTs would put it (after the members as near that were before it, before those that were
     * after it; the others' order is already by their RTTs). Nothing when {@code c} is not a member.
     */
    void neighbourMeasured(Contact c, long newRtt) {
        int i = neighbourIndex(c);
        if (i < 0) {
            return;
        }
        Contact member = neighbourhood.get(i);
        removeNeighbour(i);
        int size = neighbourhood.size();
        int at = 0;
        while (at < size && (neighbourhoodRtt[at] < newRtt || (neighbourhoodRtt[at] == newRtt && at < i))) {
            at++;
        }
        insertNeighbour(at, member, newRtt);
    }

    private void insertNeighbour(int at, Contact c, long rttMillis) {
        int size = neighbourhood.size();
        neighbourhood.add(at, c);
        System.arraycopy(neighbourhoodRtt, at, neighbourhoodRtt, at + 1, size - at);
        System.arraycopy(neighbourhoodHi, at, neighbourhoodHi, at + 1, size - at);
        neighbourhoodRtt[at] = rttMillis;
        neighbourhoodHi[at] = c.id().hi();
        nearChanged();
    }

    // ---------------------------------------------------------------- routing

    /**
     * Whether the key lies within the leaf set's range. A side with fewer than |L|/2 entries means the node
     * knows every node on that side of the ring, so the range is then the whole ring.
     */
    boolean inLeafRange(NodeId key) {
        if (right.size() < half || left.size() < half) {
            return true;
        }
        return PastryIds.clockwise(id, key)
                ? PastryIds.compareClockwise(id, key, right.get(half - 1).id()) <= 0
                : PastryIds.compareCounterClockwise(id, key, left.get(half - 1).id()) <= 0;
    }

    /**
     * The paper's routing step: the key in the leaf set's range goes to the numerically closest of the leaf
     * set and this node; otherwise to the routing-table entry sharing one more digit with the key; otherwise
     * (the rare case) to any known node that shares as long a prefix with the key as this node and is
     * numerically closer to it. Returns this node's own contact when it is the destination.
     *
     * @param avoid a node not to pick (a joining node is not its own route's next hop); may be null
     */
    Hop nextHop(NodeId key, NodeId avoid) {
        if (inLeafRange(key)) {
            Contact best = self;
            for (Contact c : leafSet()) {
                if (!c.id().equals(avoid) && PastryIds.compareDistance(key, c.id(), best.id()) < 0) {
                    best = c;
                }
            }
            return new Hop(best, false);
        }
        int l = PastryIds.sharedDigits(id, key, b);
        if (l < table.length) {
            Contact e = entry(l, PastryIds.digit(key, l, b));
            if (e != null && !e.id().equals(avoid)) {
                return new Hop(e, false);
            }
        }
        Contact best = self;
        for (Contact c : all()) {
            if (!c.id().equals(avoid) && PastryIds.sharedDigits(c.id(), key, b) >= l
                    && PastryIds.compareDistance(key, c.id(), best.id()) < 0) {
                best = c;
            }
        }
        return new Hop(best, best != self);
    }

    /**
     * The secure routing step (Castro et al. 2002): as {@link #nextHop}, but from the constrained routing
     * table, and the rare case only among the leaf set and the constrained table (never the
     * proximity-chosen entries, which an attacker can bias). Without the constrained table, the plain step.
     */
    Hop nextHopSecure(NodeId key, NodeId avoid) {
        if (constrained == null) {
            return nextHop(key, avoid);
        }
        if (inLeafRange(key)) {
            return nextHop(key, avoid);
        }
        int l = PastryIds.sharedDigits(id, key, b);
        if (l < constrained.length && constrained[l] != null) {
            Contact e = constrained[l][PastryIds.digit(key, l, b)];
            if (e != null && !e.id().equals(avoid)) {
                return new Hop(e, false);
            }
        }
        Contact best = self;
        List<Contact> candidates = new ArrayList<>(leafSet());
        candidates.addAll(constrainedEntries());
        for (Contact c : candidates) {
            if (!c.id().equals(avoid) && PastryIds.sharedDigits(c.id(), key, b) >= l
                    && PastryIds.compareDistance(key, c.id(), best.id()) < 0) {
                best = c;
            }
        }
        return new Hop(best, best != self);
    }

    /** A routing decision: the next node ({@code self} when here), and whether it took the rare case. */
    record Hop(Contact next, boolean rare) {}

    /** The node and its leaf set, numerically closest to the key first (what a route reports as reached). */
    List<Contact> closestKnown(NodeId key, int n) {
        List<Contact> all = new ArrayList<>(leafSet());
        all.add(self);
        all.sort((x, y) -> PastryIds.compareDistance(key, x.id(), y.id()));
        return all.size() > n ? all.subList(0, n) : all;
    }
}
