package io.p2ptestbed.overlay.bitcoin;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bitcoin Core's address manager (addrman.cpp), deterministic from the node's rng: a "new" table of addresses
 * heard of and a "tried" table of addresses once connected to, each of {@code buckets × 64} slots. An address's
 * tried bucket is H(key, group, H(key, address) mod 8) mod triedBuckets, so one /16 group reaches at most 8 tried
 * buckets; its new bucket is H(key, source group, H(key, group, source group) mod 64) mod newBuckets, so one source
 * group reaches at most 64 new buckets; its position in a bucket is H(key, new|tried, bucket, address) mod 64. The
 * key is a secret drawn from the rng. With {@code deterministicBuckets} off, 0.9.3's tables instead: 4 and 32
 * buckets per group, any free position, and a full bucket evicts the oldest of 4 random entries.
 *
 * <p>Times are seconds on the node's clock (a lab epoch plus scheduler time), as Core's are, stored as Bitcoin's
 * 32-bit unsigned addr times. Selection, terrible entries, the refcount rule for new entries, test-before-evict
 * collisions and getaddr answers follow Core. The bucket hash is a keyed 64-bit mixer (SplitMix64's finalizer over
 * key and data) instead of Core's SHA-256d: it is as unpredictable to a peer that does not know the key, and cheap
 * enough for 10,000-node simulations.
 *
 * <p>Compact: no object per entry. An entry is an index into parallel primitive arrays (address, source group,
 * times, attempts, refcount, tried, insertion number), found by a primitive address-to-index hash map; the two
 * tables are one primitive map from occupied slot to entry (a node's tables are mostly empty: a few hundred
 * entries in 81,920 slots), and bucket occupancy is kept in byte and char arrays. Callers get {@link Info}
 * snapshots. Behaviour, random draws included, is the object-per-entry implementation's
 * ({@code AddrManEquivalenceTest} runs both on the same operations and compares every slot).
 */
public final class AddrMan {

    public static final int BUCKET_SIZE = 64;
    /** Core's ADDRMAN_NEW_BUCKETS_PER_ADDRESS. */
    public static final int NEW_BUCKETS_PER_ADDRESS = 8;
    /** Core's ADDRMAN_SET_TRIED_COLLISION_SIZE. */
    public static final int MAX_COLLISIONS = 10;
    /** Core's ADDRMAN_REPLACEMENT_HOURS: a tried entry that connected this recently is kept without a test. */
    public static final long REPLACEMENT_SECONDS = 4 * 3600;
    /** Core's ADDRMAN_TEST_WINDOW: a collision whose test never ran is resolved in favour of the newcomer after this. */
    public static final long TEST_WINDOW_SECONDS = 40 * 60;
    /** Attempts are counted up to this (every rule reads at most 10). */
    static final int MAX_ATTEMPTS = 127;

    /** What an insertion did (Besu-style outcomes, for tests and counters). */
    public enum Outcome { ADDED, UPDATED, EXISTS, REJECTED }

    /** A snapshot of one known address (Core's AddrInfo); attempts saturate at {@value #MAX_ATTEMPTS}. */
    public record Info(NodeAddress address, boolean tried, long time, long lastTry, long lastSuccess, int attempts,
                       int refCount) {

        @Override
        public String toString() {
            return address + (tried ? " tried" : " new") + " t=" + time;
        }
    }

    private static final int NONE = -1;
    private static final int TRIED_SLOT = 1 << 30;

    private final BitcoinConfig config;
    private final RandomGenerator rng;
    private final long k0;
    private final long k1;

    // --- entries: parallel arrays indexed by entry number ---
    private int capacity;
    private int[] ip;
    private char[] port;
    private char[] sourceGroup;
    /** Unsigned 32-bit seconds, as Bitcoin's addr times. */
    private int[] time;
    private int[] lastTry;
    private int[] lastSuccess;
    private byte[] attempts;
    private byte[] refCount;
    private boolean[] tried;
    /** Insertion number of a live entry (lookups and getaddr go in insertion order, for determinism). */
    private int[] seq;
    private int nextSeq;
    /** Unused entry numbers, a stack. */
    private int[] free;
    private int freeCount;
    private int used;

    /** Address key (ip << 16 | port) to entry number. */
    private final AddressIndex byAddress = new AddressIndex();
    /** Occupied slot (tried flag | bucket << 6 | position) to entry number. */
    private final IntIntHashMap slots = new IntIntHashMap();
    private final Occupancy newCount;
    private final Occupancy triedCount;
    private int nNew;
    private int nTried;
    /** Test-before-evict: newcomers waiting while the tried entry they would displace is tested (at most 10). */
    private final List<Collision> collisions = new ArrayList<>();

    /** A newcomer whose tried slot is taken, the occupant it would displace, and when the collision arose. */
    private static final class Collision {
        /** NONE once the newcomer left the tables. */
        int entry;
        final long entryKey;
        /** NONE once the occupant left the tables (then its address and last try, frozen, are kept here). */
        int candidate;
        long candidateKey;
        long candidateLastTry;
        final long collidedAt;

        Collision(int entry, long entryKey, int candidate, long collidedAt) {
            this.entry = entry;
            this.entryKey = entryKey;
            this.candidate = candidate;
            this.collidedAt = collidedAt;
        }
    }

    public AddrMan(BitcoinConfig config, RandomGenerator rng) {
        this.config = config;
        this.rng = rng;
        this.k0 = rng.nextLong();
        this.k1 = rng.nextLong();
        newCount = new Occupancy(config.newBuckets());
        triedCount = new Occupancy(config.triedBuckets());
        grow(16);
    }

    /**
     * The network group: the /16 of an IPv4 address (in the lab, 127.X's second octet), or the prefix of the
     * configuration's {@code groupBits} (24 in containers: {@link BitcoinConfig#group}).
     */
    public int group(NodeAddress a) {
        return config.group(a.ip());
    }

    /**
     * A source group as kept per entry (16 bits): the group itself up to /16; a longer prefix folded to its low 16 bits
     * xor the bits above them, which is exact for addresses within one /8 (the lab: 127.0.0.0/8, or one /16 in
     * containers).
     */
    private static int storedGroup(int group) {
        return (group ^ (group >>> 16)) & 0xFFFF;
    }

    // --- hashing ---

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long hash(long tag, long a, long b) {
        return keyedHash(k0, k1, tag, a, b);
    }

    /** The bucket hash under the secret key (k0, k1): SplitMix64's finalizer over key, tag and data. */
    static long keyedHash(long k0, long k1, long tag, long a, long b) {
        return mix(k1 ^ mix(k0 ^ mix(tag * 0x9E3779B97F4A7C15L + a) + b));
    }

    private static long addressKey(NodeAddress a) {
        return (long) a.ip() << 16 | a.port();
    }

    /** The network group of an address key. */
    private int groupOf(long key) {
        return config.group((int) (key >>> 16));
    }

    private static NodeAddress ofKey(long key) {
        return new NodeAddress((int) (key >>> 16), (int) (key & 0xFFFF));
    }

    static int mod(long h, int n) {
        return (int) Long.remainderUnsigned(h, n);
    }

    int triedBucket(NodeAddress a) {
        return triedBucket(addressKey(a));
    }

    private int triedBucket(long key) {
        long h1 = mod(hash(1, key, 0), config.triedBucketsPerGroup());
        return mod(hash(2, groupOf(key), h1), config.triedBuckets());
    }

    int newBucket(NodeAddress a, int sourceGroup) {
        return newBucket(addressKey(a), sourceGroup);
    }

    private int newBucket(long key, int sourceGroup) {
        long h1 = mod(hash(3, groupOf(key), sourceGroup), config.newBucketsPerSourceGroup());
        return mod(hash(4, sourceGroup, h1), config.newBuckets());
    }

    private int position(boolean isNew, int bucket, long key) {
        return mod(hash(isNew ? 5 : 6, bucket, key), BUCKET_SIZE);
    }

    // --- entries ---

    private void grow(int to) {
        ip = Arrays.copyOf(ip == null ? new int[0] : ip, to);
        port = Arrays.copyOf(port == null ? new char[0] : port, to);
        sourceGroup = Arrays.copyOf(sourceGroup == null ? new char[0] : sourceGroup, to);
        time = Arrays.copyOf(time == null ? new int[0] : time, to);
        lastTry = Arrays.copyOf(lastTry == null ? new int[0] : lastTry, to);
        lastSuccess = Arrays.copyOf(lastSuccess == null ? new int[0] : lastSuccess, to);
        attempts = Arrays.copyOf(attempts == null ? new byte[0] : attempts, to);
        refCount = Arrays.copyOf(refCount == null ? new byte[0] : refCount, to);
        tried = Arrays.copyOf(tried == null ? new boolean[0] : tried, to);
        seq = Arrays.copyOf(seq == null ? new int[0] : seq, to);
        if (free == null) {
            free = new int[4];
        }
        capacity = to;
    }

    /** A fresh entry (not yet in the address map). */
    private int allocate(NodeAddress a, int group, long t) {
        int e;
        if (freeCount > 0) {
            e = free[--freeCount];
        } else {
            if (used == capacity) {
                grow(capacity + (capacity >> 1) + 1);
            }
            e = used++;
        }
        ip[e] = a.ip();
        port[e] = (char) a.port();
        sourceGroup[e] = (char) group;  // storedGroup(...) of the source's group
        time[e] = u32(t);
        edits++;
        lastTry[e] = 0;
        lastSuccess[e] = 0;
        attempts[e] = 0;
        refCount[e] = 0;
        tried[e] = false;
        return e;
    }

    private void release(int e) {
        if (freeCount == free.length) { // the free stack grows only as far as entries are freed
            free = Arrays.copyOf(free, 2 * freeCount);
        }
        free[freeCount++] = e;
    }

    /** Drops a new entry whose last slot went: out of the map; collisions that name it keep what they need. */
    private void forget(int e) {
        edits++;
        byAddress.remove(key(e));
        for (Collision c : collisions) {
            if (c.entry == e) {
                c.entry = NONE;
            }
            if (c.candidate == e) {
                c.candidateKey = key(e);
                c.candidateLastTry = lastTry(e);
                c.candidate = NONE;
            }
        }
        release(e);
    }

    private static int u32(long seconds) {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("time " + seconds + " s is outside Bitcoin's unsigned 32-bit addr times");
        }
        return (int) seconds;
    }

    private long key(int e) {
        return (long) ip[e] << 16 | port[e];
    }

    private NodeAddress address(int e) {
        return new NodeAddress(ip[e], port[e]);
    }

    private long time(int e) {
        return time[e] & 0xFFFFFFFFL;
    }

    private long lastTry(int e) {
        return lastTry[e] & 0xFFFFFFFFL;
    }

    private long lastSuccess(int e) {
        return lastSuccess[e] & 0xFFFFFFFFL;
    }

    /** See {@link #edits()}. */
    private long edits;

    private int find(long key) {
        return byAddress.get(key);
    }

    private Info info(int e) {
        return new Info(address(e), tried[e], time(e), lastTry(e), lastSuccess(e), attempts[e], refCount[e]);
    }

    private boolean isTerrible(int e, long now) {
        return isTerrible(time(e), lastTry(e), lastSuccess(e), attempts[e], now);
    }

    /** Core's IsTerrible: an entry worth dropping. */
    static boolean isTerrible(long time, long lastTry, long lastSuccess, int attempts, long now) {
        if (lastTry != 0 && lastTry >= now - 60) {
            return false;
        }
        if (time > now + 600 || time == 0 || now - time > 30L * 86_400) {
            return true;
        }
        if (lastSuccess == 0 && attempts >= 3) {
            return true;
        }
        return now - lastSuccess > 7L * 86_400 && attempts >= 10;
    }

    /** Core's GetChance (and 0.9.3's freshness factor when biased). */
    static double chance(long time, long lastTry, int attempts, long now, boolean timestampBias) {
        double c = 1.0;
        if (timestampBias) {
            c *= 600.0 / (600.0 + Math.max(now - time, 0));
        }
        if (Math.max(now - lastTry, 0) < 600) {
            c *= 0.01;
        }
        return c * StrictMath.pow(0.66, Math.min(attempts, 8));
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
        int e = find(addressKey(a));
        return e == NONE ? null : info(e);
    }

    /** Live entries in insertion order. */
    private int[] ordered() {
        int[] out = new int[byAddress.size()];
        int n = 0;
        for (int v : byAddress.table) {
            if (v != 0) {
                out[n++] = v - 1;
            }
        }
        long[] bySeq = new long[n];
        for (int i = 0; i < n; i++) {
            bySeq[i] = (long) seq[out[i]] << 32 | out[i];
        }
        Arrays.sort(bySeq);
        for (int i = 0; i < n; i++) {
            out[i] = (int) bySeq[i];
        }
        return out;
    }

    /** Every known address with whether it is tried, in insertion order (for tests and pictures). */
    public List<Info> entries() {
        List<Info> out = new ArrayList<>();
        for (int e : ordered()) {
            out.add(info(e));
        }
        return out;
    }

    // --- slots ---

    private static int slot(boolean isTried, int b, int p) {
        return (isTried ? TRIED_SLOT : 0) | b << 6 | p;
    }

    private int at(boolean isTried, int b, int p) {
        return slots.getOrDefault(slot(isTried, b, p), NONE);
    }

    private void clearNew(int b, int p) {
        int e = slots.getOrDefault(slot(false, b, p), NONE);
        if (e == NONE) {
            return;
        }
        slots.remove(slot(false, b, p));
        newCount.dec(b, p);
        refCount[e]--;
        if (refCount[e] == 0 && !tried[e]) {
            nNew--;
            forget(e);
        }
    }

    private void placeNew(int e, int b, int p) {
        slots.put(slot(false, b, p), e);
        newCount.inc(b, p);
        if (refCount[e] == 0) {
            nNew++;
        }
        refCount[e]++;
    }

    /** Where {@code e} goes in the new table: its deterministic slot, or (0.9.3) a free slot or the oldest of 4 random. */
    private int newSlot(int e, int b, long now) {
        if (config.deterministicBuckets()) {
            return position(true, b, key(e));
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (at(false, b, p) == e) {
                return p;
            }
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (at(false, b, p) == NONE) {
                return p;
            }
        }
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (isTerrible(at(false, b, p), now)) {
                return p;
            }
        }
        return oldestOfFour(false, b);
    }

    /** The oldest of 4 random positions of a full bucket. */
    private int oldestOfFour(boolean isTried, int b) {
        int best = rng.nextInt(BUCKET_SIZE);
        for (int i = 1; i < 4; i++) {
            int p = rng.nextInt(BUCKET_SIZE);
            if (time(at(isTried, b, p)) < time(at(isTried, b, best))) {
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
        int e = find(addressKey(a));
        boolean known = e != NONE;
        if (known) {
            boolean online = now - time < 86_400;
            long interval = online ? 3_600 : 86_400;
            boolean updated = false;
            long t = time(e);
            if (time > 0 && (t == 0 || t < time - interval - penalty)) {
                this.time[e] = u32(Math.max(0, time - penalty));
                edits++;
                updated = true;
            }
            t = time(e);
            if (time == 0 || t != 0 && time <= t || tried[e] || refCount[e] >= NEW_BUCKETS_PER_ADDRESS) {
                return updated ? Outcome.UPDATED : Outcome.EXISTS;
            }
            if (rng.nextInt(1 << refCount[e]) != 0) {
                return updated ? Outcome.UPDATED : Outcome.EXISTS;
            }
        } else {
            e = allocate(a, storedGroup(group(source)), Math.max(0, time - penalty));
        }
        int b = newBucket(addressKey(a), storedGroup(group(source)));
        int p = newSlot(e, b, now);
        int there = at(false, b, p);
        boolean insert = there != e && (there == NONE || !config.deterministicBuckets()
                || isTerrible(there, now) || (refCount[there] > 1 && refCount[e] == 0));
        if (!insert) {
            if (!known) {
                release(e);
            }
            return known ? Outcome.EXISTS : Outcome.REJECTED;
        }
        if (!known) {
            byAddress.put(addressKey(a), e);
            seq[e] = nextSeq++;
        }
        clearNew(b, p);
        placeNew(e, b, p);
        return known ? Outcome.UPDATED : Outcome.ADDED;
    }

    /** A connection attempt to {@code a} began (Core's Attempt). */
    public void attempt(NodeAddress a, long now) {
        int e = find(addressKey(a));
        if (e != NONE) {
            lastTry[e] = u32(now);
            if (attempts[e] < MAX_ATTEMPTS) {
                attempts[e]++;
            }
        }
    }

    /** A connection to {@code a} is still up: refresh its time every 20 minutes (Core's Connected). */
    public void connected(NodeAddress a, long now) {
        connectedQuietUntil(a, now);
    }

    /**
     * {@link #connected}, returning the last second up to which calling it again for {@code a} changes nothing as long
     * as {@link #edits} has not moved: a caller that calls it on every message (Core does) may skip those calls
     * (session 12: the address lookup per received frame was 6% of the relay).
     */
    public long connectedQuietUntil(NodeAddress a, long now) {
        int e = find(addressKey(a));
        if (e == NONE) {
            return Long.MAX_VALUE; // unknown: stays a no-op until an entry is made (an edit)
        }
        if (now - time(e) > 1_200) {
            time[e] = u32(now);
            edits++;
        }
        return time(e) + 1_200;
    }

    /** Counts every change of an entry's time and every entry made or dropped (see {@link #connectedQuietUntil}). */
    public long edits() {
        return edits;
    }

    /**
     * A connection to {@code a} succeeded (Core's Good): the entry moves to "tried", or, with test-before-evict,
     * waits in the collision set when its tried slot is taken. Unknown addresses are ignored, as in Core.
     */
    public Outcome good(NodeAddress a, long now) {
        int e = find(addressKey(a));
        if (e == NONE) {
            return Outcome.REJECTED;
        }
        lastSuccess[e] = u32(now);
        lastTry[e] = u32(now);
        attempts[e] = 0;
        if (config.timestampBias()) {
            time[e] = u32(now); // bitcoind 0.9.3's Good also refreshed the timestamp (Core since 0.10.1 does not)
            edits++;
        }
        if (tried[e]) {
            return Outcome.EXISTS;
        }
        int victim = triedVictim(e);
        if (victim != NONE && config.testBeforeEvict()) {
            if (collisionOf(e) == null && collisions.size() < MAX_COLLISIONS) {
                collisions.add(new Collision(e, key(e), victim, now));
            }
            return Outcome.EXISTS;
        }
        makeTried(e, victim, now);
        return Outcome.UPDATED;
    }

    private Collision collisionOf(int e) {
        for (Collision c : collisions) {
            if (c.entry == e) {
                return c;
            }
        }
        return null;
    }

    /** The tried entry {@code e} would displace, or NONE when its slot (0.9.3: its bucket) has room. */
    private int triedVictim(int e) {
        int b = triedBucket(key(e));
        if (config.deterministicBuckets()) {
            return at(true, b, position(false, b, key(e)));
        }
        return triedCount.count[b] < BUCKET_SIZE ? NONE : at(true, b, oldestOfFour(true, b));
    }

    /** Moves {@code e} from new to tried, sending {@code victim} (if any) back to new. */
    private void makeTried(int e, int victim, long now) {
        if (refCount[e] > 0) {
            // its new slots, cleared in table order (bucket, then position), as a scan of the table would
            int[] mine = new int[refCount[e]];
            int n = 0;
            for (IntIntCursor c : slots) {
                if (c.value == e && (c.key & TRIED_SLOT) == 0) {
                    mine[n++] = c.key;
                }
            }
            Arrays.sort(mine, 0, n);
            for (int i = 0; i < n; i++) {
                slots.remove(mine[i]);
                newCount.dec(mine[i] >>> 6, mine[i] & 63);
                refCount[e]--;
            }
        }
        if (refCount[e] == 0 && !tried[e]) {
            nNew--;
        }
        int b = triedBucket(key(e));
        int p;
        if (victim != NONE) {
            p = positionOf(b, victim);
            slots.remove(slot(true, b, p));
            triedCount.dec(b, p);
            nTried--;
            tried[victim] = false;
            int nb = newBucket(key(victim), sourceGroup[victim]);
            int np = newSlot(victim, nb, now);
            clearNew(nb, np);
            placeNew(victim, nb, np);
        } else {
            p = config.deterministicBuckets() ? position(false, b, key(e)) : positionOf(b, NONE);
        }
        slots.put(slot(true, b, p), e);
        triedCount.inc(b, p);
        nTried++;
        tried[e] = true;
    }

    /** The position of {@code e} (or of the first free slot, for NONE) in tried bucket {@code b}. */
    private int positionOf(int b, int e) {
        for (int p = 0; p < BUCKET_SIZE; p++) {
            if (at(true, b, p) == e) {
                return p;
            }
        }
        throw new IllegalStateException("entry not in tried bucket " + b + ": " + (e == NONE ? "free slot" : address(e)));
    }

    /**
     * Test-before-evict (Core's ResolveCollisions): a collision whose occupant connected in the last 4 hours, or
     * passed its test, keeps the occupant (the newcomer stays in new); one whose occupant failed its test since
     * the collision, or was never tested within 40 minutes, lets the newcomer in. A newcomer that left the tables
     * is dropped (Core: its id is no longer in mapInfo); one whose occupant left tried moves in without a test.
     */
    public void resolveCollisions(long now) {
        for (int i = collisions.size() - 1; i >= 0; i--) {
            Collision c = collisions.get(i);
            int e = c.entry;
            int old = c.candidate;
            boolean drop;
            if (e == NONE || tried[e]) {
                drop = true;
            } else if (old == NONE || !tried[old] || config.deterministicBuckets() && triedVictim(e) != old) {
                makeTried(e, triedVictim(e), now);
                drop = true;
            } else if (now - lastSuccess(old) < REPLACEMENT_SECONDS) {
                drop = true; // the occupant is good: keep it
            } else if (lastTry(old) > c.collidedAt && lastSuccess(old) < lastTry(old)) {
                makeTried(e, old, now); // tested since the collision and failed
                drop = true;
            } else if (now - c.collidedAt > TEST_WINDOW_SECONDS) {
                makeTried(e, old, now);
                drop = true;
            } else {
                drop = false;
            }
            if (drop) {
                collisions.remove(i);
            }
        }
    }

    /** A tried occupant of a collision that still needs its test (Core's SelectTriedCollision); null if none. */
    public NodeAddress collisionToTest() {
        for (Collision c : collisions) {
            long lt = c.candidate == NONE ? c.candidateLastTry : lastTry(c.candidate);
            if (lt <= c.collidedAt) {
                return c.candidate == NONE ? ofKey(c.candidateKey) : address(c.candidate);
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
        boolean fromTried = pickTried(newOnly, nNew, nTried, outbound, config.timestampBias(), rng);
        Occupancy occupied = fromTried ? triedCount : newCount;
        double factor = 1.0;
        for (int guard = 0; guard < 100_000; guard++) {
            // Core draws a uniform bucket until it finds a non-empty one: the same as a uniform non-empty bucket
            int b = occupied.randomNonEmpty(rng);
            int e = at(fromTried, b, config.deterministicBuckets() ? firstFrom(occupied.mask[b], rng.nextInt(BUCKET_SIZE))
                    : nthSet(occupied.mask[b], rng.nextInt(occupied.count[b])));
            if (rng.nextDouble() < factor * chance(time(e), lastTry(e), attempts[e], now, config.timestampBias())) {
                return address(e);
            }
            factor *= 1.2;
        }
        return null;
    }

    /**
     * Today's Core (positions by hash): the first occupied position from {@code start} on, cyclically. bitcoind 0.9.3
     * kept a bucket's entries in a vector (tried) or a set (new) and drew one of them uniformly
     * ({@code vTried[GetRandInt(vTried.size())]}); its entries sit packed from position 0 here, so "the first occupied
     * from a random start" would pick the bucket's first entry (the oldest) with probability (65 - k) / 64.
     */
    static int firstFrom(long mask, int start) {
        return (start + Long.numberOfTrailingZeros(Long.rotateRight(mask, start))) & 63;
    }

    /** bitcoind 0.9.3's pick within a bucket: the {@code n}-th occupied position (0-based), in position order. */
    static int nthSet(long mask, int n) {
        long m = mask;
        for (int i = 0; i < n; i++) {
            m &= m - 1;
        }
        return Long.numberOfTrailingZeros(m);
    }

    /** Select's table: tried or new, 50/50 (0.9.3: ρ = √τ(9 − ω) / ((ω + 1)√ν + √τ(9 − ω))), or the only non-empty one. */
    static boolean pickTried(boolean newOnly, int nNew, int nTried, int outbound, boolean timestampBias, RandomGenerator rng) {
        if (newOnly || nTried == 0) {
            return false;
        }
        if (nNew == 0) {
            return true;
        }
        if (timestampBias) {
            int w = Math.min(outbound, 8);
            double corTried = Math.sqrt(nTried) * (9 - w);
            double corNew = (w + 1) * Math.sqrt(nNew);
            return rng.nextDouble() * (corTried + corNew) < corTried;
        }
        return rng.nextBoolean();
    }

    /** Core's GetAddr: a random {@code percent}% of the known, not terrible addresses, at most {@code max}. */
    public List<Info> sample(int percent, int max, long now) {
        int[] all = ordered();
        int n = Math.min(max, all.length * percent / 100);
        List<Info> out = new ArrayList<>(n);
        for (int i = 0; i < all.length && out.size() < n; i++) {
            int j = i + rng.nextInt(all.length - i);
            int x = all[j];
            all[j] = all[i];
            all[i] = x;
            if (!isTerrible(x, now)) {
                out.add(info(x));
            }
        }
        return out;
    }

    /**
     * Entries per bucket (at most 64: a byte), and the non-empty buckets as a dense list (for uniform picks among
     * them; bucket numbers below 65,536: chars).
     */
    static final class Occupancy {
        final byte[] count;
        /** Occupied positions of each bucket, one bit each. */
        final long[] mask;
        final char[] listed;
        private final char[] at;
        int size;

        Occupancy(int buckets) {
            count = new byte[buckets];
            mask = new long[buckets];
            listed = new char[buckets];
            at = new char[buckets];
        }

        void inc(int b, int p) {
            mask[b] |= 1L << p;
            if (count[b]++ == 0) {
                at[b] = (char) size;
                listed[size++] = (char) b;
            }
        }

        void dec(int b, int p) {
            mask[b] &= ~(1L << p);
            if (--count[b] == 0) {
                char last = listed[--size];
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

        String describe() {
            int[] l = new int[size];
            for (int i = 0; i < size; i++) {
                l[i] = listed[i];
            }
            return Arrays.toString(l);
        }
    }

    /** The whole state, one line per fact, in a fixed order (the equivalence test compares it). */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("new " + nNew + " tried " + nTried + " known " + byAddress.size());
        for (int e : ordered()) {
            out.add("E " + address(e) + " " + tried[e] + " " + time(e) + " " + lastTry(e) + " " + lastSuccess(e) + " "
                    + attempts[e] + " " + refCount[e] + " " + (ip[e] >>> 16) + "/" + (int) sourceGroup[e]);
        }
        for (boolean t : new boolean[] {false, true}) {
            int[] keys = slots.keys().toArray();
            Arrays.sort(keys);
            for (int k : keys) {
                if (((k & TRIED_SLOT) != 0) == t) {
                    out.add((t ? "T " : "N ") + ((k & ~TRIED_SLOT) >>> 6) + " " + (k & 63) + " " + address(slots.get(k)));
                }
            }
        }
        out.add("ON " + newCount.describe());
        out.add("OT " + triedCount.describe());
        for (Collision c : collisions) {
            long lt = c.candidate == NONE ? c.candidateLastTry : lastTry(c.candidate);
            NodeAddress ca = c.candidate == NONE ? ofKey(c.candidateKey) : address(c.candidate);
            out.add("C " + ofKey(c.entryKey) + " " + ca + " " + lt + " " + c.collidedAt);
        }
        return out;
    }

    /** The bytes this table holds in its arrays and maps (an estimate from their lengths, without object headers). */
    public long footprintBytes() {
        long perEntry = 4 + 2 + 2 + 4 + 4 + 4 + 1 + 1 + 1 + 4;
        return capacity * perEntry + free.length * 4L + (long) byAddress.table.length * 4 + (long) slots.keys.length * 8
                + 13L * (newCount.count.length + triedCount.count.length);
    }

    /** Consistency check for tests: counts, refcounts and slots agree. */
    public void check() {
        int[] refs = new int[capacity];
        long[] newMask = new long[newCount.count.length];
        long[] triedMask = new long[triedCount.count.length];
        int[] perNew = new int[newCount.count.length];
        int[] perTried = new int[triedCount.count.length];
        int inTried = 0;
        for (IntIntCursor c : slots) {
            int b = (c.key & ~TRIED_SLOT) >>> 6;
            if ((c.key & TRIED_SLOT) != 0) {
                perTried[b]++;
                triedMask[b] |= 1L << (c.key & 63);
                inTried++;
                if (!tried[c.value]) {
                    throw new IllegalStateException("tried slot holds a new entry " + address(c.value));
                }
            } else {
                perNew[b]++;
                newMask[b] |= 1L << (c.key & 63);
                refs[c.value]++;
            }
        }
        for (int b = 0; b < perNew.length; b++) {
            if (perNew[b] != newCount.count[b] || (perNew[b] > 0) != newCount.listed(b)) {
                throw new IllegalStateException("new bucket " + b + " counts " + newCount.count[b] + " but holds " + perNew[b]);
            }
        }
        for (int b = 0; b < perTried.length; b++) {
            if (perTried[b] != triedCount.count[b] || (perTried[b] > 0) != triedCount.listed(b)) {
                throw new IllegalStateException("tried bucket " + b + " counts " + triedCount.count[b] + " but holds " + perTried[b]);
            }
        }
        if (!Arrays.equals(newMask, newCount.mask) || !Arrays.equals(triedMask, triedCount.mask)) {
            throw new IllegalStateException("a bucket's occupancy bits disagree with its slots");
        }
        int inNew = 0;
        for (int v : byAddress.table) {
            if (v == 0) {
                continue;
            }
            int e = v - 1;
            if (byAddress.get(key(e)) != e) {
                throw new IllegalStateException("entry " + e + " is not found under its address");
            }
            if (refs[e] != refCount[e] || tried[e] && refs[e] != 0 || !tried[e] && refs[e] == 0) {
                throw new IllegalStateException("refcount of " + address(e) + " is " + refCount[e] + ", slots " + refs[e]);
            }
            if (!tried[e]) {
                inNew++;
            }
        }
        if (inNew != nNew || inTried != nTried || inNew + inTried != byAddress.size()) {
            throw new IllegalStateException("new " + inNew + "/" + nNew + ", tried " + inTried + "/" + nTried + ", known "
                    + byAddress.size());
        }
    }

    /**
     * Address key to entry number, without storing the keys: an open-addressing table (linear probing, deletion by
     * backward shift) of entry numbers + 1 (0 = empty) whose keys are read from the entry arrays (ip, port). Four
     * bytes a table slot where a map of keys and values took twelve (session 11: 10,000 nodes' tables of about 3,750
     * addresses each did not fit a 5 GB heap). Iterated only through {@link #ordered} (sorted by insertion) and
     * {@link #check}.
     */
    private final class AddressIndex {
        int[] table = new int[16];
        int size;

        private int home(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & (table.length - 1);
        }

        /** The entry of an address key, or NONE. */
        int get(long key) {
            int mask = table.length - 1;
            for (int i = home(key);; i = (i + 1) & mask) {
                int v = table[i];
                if (v == 0) {
                    return NONE;
                }
                if (key(v - 1) == key) {
                    return v - 1;
                }
            }
        }

        /** Files entry e (whose ip and port are set) under its key; the key must not be filed yet. */
        void put(long key, int e) {
            if ((size + 1) * 4L > table.length * 3L) {
                int[] old = table;
                table = new int[2 * old.length];
                for (int v : old) {
                    if (v != 0) {
                        place(key(v - 1), v);
                    }
                }
            }
            place(key, e + 1);
            size++;
        }

        private void place(long key, int v) {
            int mask = table.length - 1;
            int i = home(key);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = v;
        }

        void remove(long key) {
            int mask = table.length - 1;
            int i = home(key);
            while (true) {
                int v = table[i];
                if (v == 0) {
                    return;
                }
                if (key(v - 1) == key) {
                    break;
                }
                i = (i + 1) & mask;
            }
            size--;
            for (int j = (i + 1) & mask;; j = (j + 1) & mask) { // backward shift: no tombstones
                int v = table[j];
                if (v == 0) {
                    break;
                }
                int h = home(key(v - 1));
                boolean stays = i <= j ? i < h && h <= j : i < h || h <= j;
                if (!stays) {
                    table[i] = v;
                    i = j;
                }
            }
            table[i] = 0;
        }

        int size() {
            return size;
        }
    }
}
