package io.p2ptestbed.overlay.bitcoin;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The object-per-entry address manager that {@link AddrMan} replaced, kept as the reference of
 * {@code AddrManEquivalenceTest} (same operations, same seed: same tables, outcomes and random draws). It was
 * Bitcoin Core's address manager (addrman.cpp), deterministic from the node's rng: a "new" table of addresses
 * heard of and a "tried" table of addresses once connected to, each of {@code buckets × 64} slots. An address's
 * tried bucket is H(key, group, H(key, address) mod 8) mod triedBuckets, so one /16 group reaches at most 8 tried
 * buckets; its new bucket is H(key, source group, H(key, group, source group) mod 64) mod newBuckets, so one source
 * group reaches at most 64 new buckets; its position in a bucket is H(key, new|tried, bucket, address) mod 64. The
 * key is a secret drawn from the rng. With {@code deterministicBuckets} off, 0.9.3's tables instead: 4 and 32
 * buckets per group, any free position, and a full bucket evicts the oldest of 4 random entries.
 *
 * <p>Times are seconds on the node's clock (a lab epoch plus scheduler time), as Core's are. Selection, terrible
 * entries, the refcount rule for new entries, test-before-evict collisions and getaddr answers follow Core. The
 * bucket hash is a keyed 64-bit mixer (SplitMix64's finalizer over key and data) instead of Core's SHA-256d: it
 * is as unpredictable to a peer that does not know the key, and cheap enough for 10,000-node simulations.
 */
final class ReferenceAddrMan {

    public static final int BUCKET_SIZE = 64;
    /** Core's ADDRMAN_NEW_BUCKETS_PER_ADDRESS. */
    public static final int NEW_BUCKETS_PER_ADDRESS = 8;
    /** Core's ADDRMAN_SET_TRIED_COLLISION_SIZE. */
    public static final int MAX_COLLISIONS = 10;
    /** Core's ADDRMAN_REPLACEMENT_HOURS: a tried entry that connected this recently is kept without a test. */
    public static final long REPLACEMENT_SECONDS = 4 * 3600;
    /** Core's ADDRMAN_TEST_WINDOW: a collision whose test never ran is resolved in favour of the newcomer after this. */
    public static final long TEST_WINDOW_SECONDS = 40 * 60;

    /** What an insertion did (Besu-style outcomes, for tests and counters). */
    public enum Outcome { ADDED, UPDATED, EXISTS, REJECTED }

    /** One known address (Core's AddrInfo). */
    public static final class Info {
        public final NodeAddress address;
        final int sourceGroup;
        long time;
        long lastTry;
        long lastSuccess;
        int attempts;
        int refCount;
        boolean tried;
        /** Test-before-evict: the tried entry this one would displace, and when the collision arose. */
        Info candidate;
        long collidedAt;

        Info(NodeAddress address, int sourceGroup, long time) {
            this.address = address;
            this.sourceGroup = sourceGroup;
            this.time = time;
        }

        public boolean isTried() {
            return tried;
        }

        public long time() {
            return time;
        }

        boolean isTerrible(long now) {
            return AddrMan.isTerrible(time, lastTry, lastSuccess, attempts, now);
        }

        double chance(long now, boolean timestampBias) {
            return AddrMan.chance(time, lastTry, attempts, now, timestampBias);
        }

        @Override
        public String toString() {
            return address + (tried ? " tried" : " new") + " t=" + time;
        }
    }

    private final BitcoinConfig config;
    private final RandomGenerator rng;
    private final long k0;
    private final long k1;
    /** Lookups and getaddr order only; insertion-ordered for determinism. */
    private final Map<NodeAddress, Info> byAddress = new LinkedHashMap<>();
    private final Info[][] newTable;
    private final Info[][] triedTable;
    private final Occupancy newCount;
    private final Occupancy triedCount;
    private int nNew;
    private int nTried;
    private final List<Info> collisions = new ArrayList<>();

    ReferenceAddrMan(BitcoinConfig config, RandomGenerator rng) {
        this.config = config;
        this.rng = rng;
        this.k0 = rng.nextLong();
        this.k1 = rng.nextLong();
        newTable = new Info[config.newBuckets()][];
        triedTable = new Info[config.triedBuckets()][];
        newCount = new Occupancy(config.newBuckets());
        triedCount = new Occupancy(config.triedBuckets());
    }

    /** The network group: the /16 of an IPv4 address (in the lab, 127.X's second octet). */
    public static int group(NodeAddress a) {
        return a.ip() >>> 16;
    }

    // --- hashing ---

    private long hash(long tag, long a, long b) {
        return AddrMan.keyedHash(k0, k1, tag, a, b);
    }

    private static long addressKey(NodeAddress a) {
        return (long) a.ip() << 16 | a.port();
    }


    int triedBucket(NodeAddress a) {
        long h1 = AddrMan.mod(hash(1, addressKey(a), 0), config.triedBucketsPerGroup());
        return AddrMan.mod(hash(2, group(a), h1), config.triedBuckets());
    }

    int newBucket(NodeAddress a, int sourceGroup) {
        long h1 = AddrMan.mod(hash(3, group(a), sourceGroup), config.newBucketsPerSourceGroup());
        return AddrMan.mod(hash(4, sourceGroup, h1), config.newBuckets());
    }

    private int position(boolean isNew, int bucket, NodeAddress a) {
        return AddrMan.mod(hash(isNew ? 5 : 6, bucket, addressKey(a)), BUCKET_SIZE);
    }

    // --- queries ---

    public int newSize() {
        return nNew;
    }

    public int triedSize() {
        return nTried;
    }

    public int size() {
        return byAddress.size();
    }

    public Info find(NodeAddress a) {
        return byAddress.get(a);
    }

    /** Every known address with whether it is tried, in insertion order (for tests and pictures). */
    public List<Info> entries() {
        return List.copyOf(byAddress.values());
    }

    // --- slots ---

    private Info[] bucket(Info[][] table, int b) {
        if (table[b] == null) {
            table[b] = new Info[BUCKET_SIZE];
        }
        return table[b];
    }

    private void clearNew(int b, int p) {
        Info e = newTable[b][p];
        if (e == null) {
            return;
        }
        newTable[b][p] = null;
        newCount.dec(b);
        e.refCount--;
        if (e.refCount == 0 && !e.tried) {
            byAddress.remove(e.address);
            nNew--;
        }
    }

    private void placeNew(Info e, int b, int p) {
        bucket(newTable, b)[p] = e;
        newCount.inc(b);
        if (e.refCount == 0) {
            nNew++;
        }
        e.refCount++;
    }

    /** Where {@code e} goes in the new table: its deterministic slot, or (0.9.3) a free slot or the oldest of 4 random. */
    private int newSlot(Info e, int b, long now) {
        Info[] bucket = bucket(newTable, b);
        if (config.deterministicBuckets()) {
            return position(true, b, e.address);
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (bucket[p] == e) {
                return p;
            }
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (bucket[p] == null) {
                return p;
            }
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (bucket[p].isTerrible(now)) {
                return p;
            }
        }
        return oldestOfFour(bucket);
    }

    private int oldestOfFour(Info[] bucket) {
        int best = rng.nextInt(BUCKET_SIZE);
        for (int i = 1; i < 4; i++) {
            int p = rng.nextInt(BUCKET_SIZE);
            if (bucket[p].time < bucket[best].time) {
                best = p;
            }
        }
        return best;
    }

    // --- Core's operations ---

    /**
     * Adds an address heard from {@code source} with time {@code time} (seconds) less {@code penalty} (Core's Add_:
     * a known new entry gains another bucket with probability 2^-refcount, at most 8).
     */
    public Outcome add(NodeAddress a, NodeAddress source, long time, long penalty, long now) {
        if (a.port() == 0) {
            return Outcome.REJECTED;
        }
        Info e = byAddress.get(a);
        boolean known = e != null;
        if (known) {
            boolean online = now - time < 86_400;
            long interval = online ? 3_600 : 86_400;
            boolean updated = false;
            if (time > 0 && (e.time == 0 || e.time < time - interval - penalty)) {
                e.time = Math.max(0, time - penalty);
                updated = true;
            }
            if (time == 0 || e.time != 0 && time <= e.time || e.tried || e.refCount >= NEW_BUCKETS_PER_ADDRESS) {
                return updated ? Outcome.UPDATED : Outcome.EXISTS;
            }
            if (rng.nextInt(1 << e.refCount) != 0) {
                return updated ? Outcome.UPDATED : Outcome.EXISTS;
            }
        } else {
            e = new Info(a, group(source), Math.max(0, time - penalty));
        }
        int b = newBucket(a, group(source));
        int p = newSlot(e, b, now);
        Info there = newTable[b][p];
        if (there == e) {
            return known ? Outcome.EXISTS : Outcome.REJECTED;
        }
        boolean insert = there == null || !config.deterministicBuckets()
                || there.isTerrible(now) || (there.refCount > 1 && e.refCount == 0);
        if (!insert) {
            return known ? Outcome.EXISTS : Outcome.REJECTED;
        }
        if (!known) {
            byAddress.put(a, e);
        }
        clearNew(b, p);
        placeNew(e, b, p);
        return known ? Outcome.UPDATED : Outcome.ADDED;
    }

    /** A connection attempt to {@code a} began (Core's Attempt). */
    public void attempt(NodeAddress a, long now) {
        Info e = byAddress.get(a);
        if (e != null) {
            e.lastTry = now;
            e.attempts++;
        }
    }

    /** A connection to {@code a} is still up: refresh its time every 20 minutes (Core's Connected). */
    public void connected(NodeAddress a, long now) {
        Info e = byAddress.get(a);
        if (e != null && now - e.time > 1_200) {
            e.time = now;
        }
    }

    /**
     * A connection to {@code a} succeeded (Core's Good): the entry moves to "tried", or, with test-before-evict,
     * waits in the collision set when its tried slot is taken. Unknown addresses are ignored, as in Core.
     */
    public Outcome good(NodeAddress a, long now) {
        Info e = byAddress.get(a);
        if (e == null) {
            return Outcome.REJECTED;
        }
        e.lastSuccess = now;
        e.lastTry = now;
        e.attempts = 0;
        if (config.timestampBias()) {
            e.time = now; // bitcoind 0.9.3's Good also refreshed the timestamp (Core since 0.10.1 does not)
        }
        if (e.tried) {
            return Outcome.EXISTS;
        }
        Info victim = triedVictim(e);
        if (victim != null && config.testBeforeEvict()) {
            if (!collisions.contains(e) && collisions.size() < MAX_COLLISIONS) {
                e.candidate = victim;
                e.collidedAt = now;
                collisions.add(e);
            }
            return Outcome.EXISTS;
        }
        makeTried(e, victim, now);
        return Outcome.UPDATED;
    }

    /** The tried entry {@code e} would displace, or null when its slot (0.9.3: its bucket) has room. */
    private Info triedVictim(Info e) {
        int b = triedBucket(e.address);
        Info[] bucket = bucket(triedTable, b);
        if (config.deterministicBuckets()) {
            return bucket[position(false, b, e.address)];
        }
        return triedCount.count[b] < BUCKET_SIZE ? null : bucket[oldestOfFour(bucket)];
    }

    /** Moves {@code e} from new to tried, sending {@code victim} (if any) back to new. */
    private void makeTried(Info e, Info victim, long now) {
        for (int b = 0; b < newTable.length && e.refCount > 0; b++) {
            Info[] bucket = newTable[b];
            if (bucket == null) {
                continue;
            }
            for (int p = 0; p < BUCKET_SIZE; p++) {
                if (bucket[p] == e) {
                    bucket[p] = null;
                    newCount.dec(b);
                    e.refCount--;
                }
            }
        }
        if (e.refCount == 0 && !e.tried) {
            nNew--;
        }
        int b = triedBucket(e.address);
        Info[] bucket = bucket(triedTable, b);
        int p;
        if (victim != null) {
            p = indexOf(bucket, victim);
            bucket[p] = null;
            triedCount.dec(b);
            nTried--;
            victim.tried = false;
            int nb = newBucket(victim.address, victim.sourceGroup);
            int np = newSlot(victim, nb, now);
            clearNew(nb, np);
            placeNew(victim, nb, np);
        } else {
            p = config.deterministicBuckets() ? position(false, b, e.address) : indexOf(bucket, null);
        }
        bucket[p] = e;
        triedCount.inc(b);
        nTried++;
        e.tried = true;
    }

    private static int indexOf(Info[] bucket, Info x) {
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (bucket[p] == x) {
                return p;
            }
        }
        throw new IllegalStateException("entry not in its bucket: " + x);
    }

    /**
     * Test-before-evict (Core's ResolveCollisions): a collision whose occupant connected in the last 4 hours, or
     * passed its test, keeps the occupant (the newcomer stays in new); one whose occupant failed its test since
     * the collision, or was never tested within 40 minutes, lets the newcomer in.
     */
    public void resolveCollisions(long now) {
        for (int i = collisions.size() - 1; i >= 0; i--) {
            Info e = collisions.get(i);
            Info old = e.candidate;
            boolean drop;
            if (byAddress.get(e.address) != e || e.tried) {
                drop = true; // the newcomer left the tables since (Core: mapInfo no longer has its id)
            } else if (old == null || !old.tried || config.deterministicBuckets() && triedVictim(e) != old) {
                makeTried(e, triedVictim(e), now); // Core: Good_ without a test (0.9.3 tables: oldest of 4 if full)
                drop = true;
            } else if (now - old.lastSuccess < REPLACEMENT_SECONDS) {
                drop = true; // the occupant is good: keep it
            } else if (old.lastTry > e.collidedAt && old.lastSuccess < old.lastTry) {
                makeTried(e, old, now); // tested since the collision and failed
                drop = true;
            } else if (now - e.collidedAt > TEST_WINDOW_SECONDS) {
                makeTried(e, old, now);
                drop = true;
            } else {
                drop = false;
            }
            if (drop) {
                e.candidate = null;
                collisions.remove(i);
            }
        }
    }

    /** A tried occupant of a collision that still needs its test (Core's SelectTriedCollision); null if none. */
    public NodeAddress collisionToTest() {
        for (Info e : collisions) {
            if (e.candidate != null && e.candidate.lastTry <= e.collidedAt) {
                return e.candidate.address;
            }
        }
        return null;
    }

    public int collisions() {
        return collisions.size();
    }

    /**
     * Picks an address to connect to (Core's Select): tried or new (50/50, or 0.9.3's ρ with {@code outbound}
     * connections up), then a random entry of a random non-empty bucket, accepted with its chance times a factor
     * that grows 1.2-fold per refusal. Null when the table(s) are empty.
     */
    public NodeAddress select(boolean newOnly, int outbound, long now) {
        if (nNew + nTried == 0 || newOnly && nNew == 0) {
            return null;
        }
        boolean tried = AddrMan.pickTried(newOnly, nNew, nTried, outbound, config.timestampBias(), rng);
        Info[][] table = tried ? triedTable : newTable;
        Occupancy occupied = tried ? triedCount : newCount;
        double factor = 1.0;
        for (int guard = 0; guard < 100_000; guard++) {
            // Core draws a uniform bucket until it finds a non-empty one: the same as a uniform non-empty bucket
            int b = occupied.randomNonEmpty(rng);
            Info e = null;
            if (config.deterministicBuckets()) { // today's Core: the first occupied position from a random start
                int start = rng.nextInt(BUCKET_SIZE);
                for (int i = 0; i < BUCKET_SIZE && e == null; i++) {
                    e = table[b][(start + i) % BUCKET_SIZE];
                }
            } else { // bitcoind 0.9.3: one of the bucket's entries, uniformly
                List<Info> entries = new ArrayList<>();
                for (Info x : table[b]) {
                    if (x != null) {
                        entries.add(x);
                    }
                }
                e = entries.get(rng.nextInt(entries.size()));
            }
            if (rng.nextDouble() < factor * e.chance(now, config.timestampBias())) {
                return e.address;
            }
            factor *= 1.2;
        }
        return null;
    }

    /** Core's GetAddr: a random {@code percent}% of the known, not terrible addresses, at most {@code max}. */
    public List<Info> sample(int percent, int max, long now) {
        List<Info> all = new ArrayList<>(byAddress.values());
        int n = Math.min(max, all.size() * percent / 100);
        List<Info> out = new ArrayList<>(n);
        for (int i = 0; i < all.size() && out.size() < n; i++) {
            int j = i + rng.nextInt(all.size() - i);
            Info x = all.get(j);
            all.set(j, all.get(i));
            all.set(i, x);
            if (!x.isTerrible(now)) {
                out.add(x);
            }
        }
        return out;
    }

    /** Entries per bucket, and the non-empty buckets as a dense list (for uniform picks among them). */
    private static final class Occupancy {
        final int[] count;
        private final int[] listed;
        private final int[] at;
        private int size;

        Occupancy(int buckets) {
            count = new int[buckets];
            listed = new int[buckets];
            at = new int[buckets];
        }

        void inc(int b) {
            if (count[b]++ == 0) {
                at[b] = size;
                listed[size++] = b;
            }
        }

        void dec(int b) {
            if (--count[b] == 0) {
                int last = listed[--size];
                listed[at[b]] = last;
                at[last] = at[b];
            }
        }

        boolean listed(int b) {
            return count[b] > 0 && listed[at[b]] == b;
        }

        int randomNonEmpty(RandomGenerator rng) {
            return listed[rng.nextInt(size)];
        }
    }

    /** The whole state, one line per fact, in a fixed order (the compact rewrite's equivalence test compares it). */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("new " + nNew + " tried " + nTried + " known " + byAddress.size());
        for (Info e : byAddress.values()) {
            out.add("E " + e.address + " " + e.tried + " " + e.time + " " + e.lastTry + " " + e.lastSuccess + " "
                    + Math.min(e.attempts, 127) + " " + e.refCount + " " + group(e.address) + "/" + e.sourceGroup);
        }
        for (int b = 0; b < newTable.length; b++) {
            for (int p = 0; newTable[b] != null && p < BUCKET_SIZE; p++) {
                if (newTable[b][p] != null) {
                    out.add("N " + b + " " + p + " " + newTable[b][p].address);
                }
            }
        }
        for (int b = 0; b < triedTable.length; b++) {
            for (int p = 0; triedTable[b] != null && p < BUCKET_SIZE; p++) {
                if (triedTable[b][p] != null) {
                    out.add("T " + b + " " + p + " " + triedTable[b][p].address);
                }
            }
        }
        out.add("ON " + java.util.Arrays.toString(java.util.Arrays.copyOf(newCount.listed, newCount.size)));
        out.add("OT " + java.util.Arrays.toString(java.util.Arrays.copyOf(triedCount.listed, triedCount.size)));
        for (Info e : collisions) {
            out.add("C " + e.address + " " + (e.candidate == null ? "-" : e.candidate.address + " " + e.candidate.lastTry)
                    + " " + e.collidedAt);
        }
        return out;
    }

    /** Consistency check for tests: counts, refcounts and slots agree. */
    public void check() {
        Map<Info, Integer> refs = new HashMap<>();
        int inNew = 0;
        for (int b = 0; b < newTable.length; b++) {
            int c = 0;
            for (int p = 0; newTable[b] != null && p < BUCKET_SIZE; p++) {
                if (newTable[b][p] != null) {
                    c++;
                    refs.merge(newTable[b][p], 1, Integer::sum);
                }
            }
            if (c != newCount.count[b] || (c > 0) != newCount.listed(b)) {
                throw new IllegalStateException("new bucket " + b + " counts " + newCount.count[b] + " but holds " + c);
            }
        }
        for (Map.Entry<Info, Integer> r : refs.entrySet()) {
            if (r.getKey().refCount != r.getValue() || r.getKey().tried) {
                throw new IllegalStateException("refcount of " + r.getKey() + " is " + r.getKey().refCount + ", slots " + r.getValue());
            }
            inNew++;
        }
        int inTried = 0;
        for (int b = 0; b < triedTable.length; b++) {
            for (int p = 0; triedTable[b] != null && p < BUCKET_SIZE; p++) {
                if (triedTable[b][p] != null) {
                    inTried++;
                }
            }
        }
        if (inNew != nNew || inTried != nTried || inNew + inTried != byAddress.size()) {
            throw new IllegalStateException("new " + inNew + "/" + nNew + ", tried " + inTried + "/" + nTried + ", known "
                    + byAddress.size());
        }
    }
}
