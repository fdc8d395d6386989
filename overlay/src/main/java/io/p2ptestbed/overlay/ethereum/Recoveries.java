package io.p2ptestbed.overlay.ethereum;

import io.p2ptestbed.overlay.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Signer recoveries that nodes sharing one JVM on virtual time can reuse. Every discovery v4 packet and every RLPx auth
 * carries a secp256k1 signature, and its receiver recovers the signer's public key from it (geth's
 * {@code crypto.Ecrecover}: a square root and two scalar multiplications, half of a simulated Ethereum network's CPU
 * time). In a simulation the signer has just made that signature: {@link NodeKey#sign} records it here with the signer's
 * id, and a receiver handed exactly those bytes (the same 32-byte hash and the same 65-byte signature) gets that id back
 * without the curve arithmetic. It is the answer the recovery gives (a signature made by a key over a hash, with the
 * recovery id the signer set, recovers that key's public key), so nothing any node sees or decides changes, and no
 * randomness is drawn; bytes altered on the way, signatures made before they were recorded or pushed out of the table,
 * and signatures from anywhere else miss and are recovered in full, and refused as before when they are bad.
 *
 * <p>Only on virtual time ({@link #forClock}): nodes on real sockets (loopback, containers) pay for every recovery, as
 * geth does. The table is direct-mapped with {@value #SLOTS} slots (a newer signature takes the slot of an older one;
 * packets are recovered within a simulated round trip of their signing) and safe for the sharded simulation's threads:
 * its entries are immutable.
 */
public final class Recoveries {

    static final int SLOTS = 1 << 14;
    /** No table: every recovery is computed (real sockets). */
    public static final Recoveries NONE = new Recoveries(0);
    private static final Recoveries SIMULATED = new Recoveries(SLOTS);

    private record Entry(byte[] hash, byte[] sig, byte[] id) {}

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private Recoveries(int slots) {
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** The JVM's table for nodes on a virtual clock (one that starts at the lab epoch), {@link #NONE} on a real one. */
    public static Recoveries forClock(Clock clock) {
        return clock.unixMillisAtZero() == Clock.LAB_EPOCH_MILLIS ? SIMULATED : NONE;
    }

    /** Records that {@code id}'s key signed {@code hash} with {@code sig} (both kept as they are: callers do not change them). */
    void record(byte[] hash, byte[] sig, byte[] id) {
        if (mask >= 0) {
            slots.set(slot(sig, 0), new Entry(hash, sig, id));
        }
    }

    /** {@link NodeKey#recover}, answered from the table when these exact bytes were signed here. */
    public byte[] recover(byte[] hash, byte[] sig, int off) {
        if (mask >= 0 && sig.length - off >= NodeKey.SIG_BYTES && hash.length == 32) {
            Entry e = slots.get(slot(sig, off));
            if (e != null && Arrays.equals(e.hash, hash)
                    && Arrays.equals(e.sig, 0, NodeKey.SIG_BYTES, sig, off, off + NodeKey.SIG_BYTES)) {
                hits.increment();
                return e.id.clone();
            }
            misses.increment();
        }
        return NodeKey.recover(hash, sig, off);
    }

    /** Recoveries answered from the table so far (for benchmarks). */
    public long hits() {
        return hits.sum();
    }

    /** Recoveries computed although a table was there. */
    public long misses() {
        return misses.sum();
    }

    /** The slot of a signature: low bits of its r (the x of a curve point, uniform enough). */
    private int slot(byte[] sig, int off) {
        return ((sig[off + 28] & 0xFF) << 24 | (sig[off + 29] & 0xFF) << 16 | (sig[off + 30] & 0xFF) << 8 | sig[off + 31] & 0xFF) & mask;
    }
}
