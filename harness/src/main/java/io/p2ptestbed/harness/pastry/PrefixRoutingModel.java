package io.p2ptestbed.harness.pastry;

import io.p2ptestbed.harness.truth.GroundTruth;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryIds;
import io.p2ptestbed.overlay.spi.KeySpaces;
import java.util.Arrays;
import java.util.Collection;
import java.util.random.RandomGenerator;

/**
 * The hop distribution that ideal prefix routing gives on a given set of ids: the expectation our measured
 * distribution is compared with, since Rowstron and Druschel's figures could not be read (docs/pastry.md). Every
 * node has a complete, correct state: a route at node n whose key lies within n's leaf-set range (the |L|/2 ids on
 * each side of n in ring order) takes one more hop to the key's owner (none when n owns it); otherwise it goes to
 * a node drawn uniformly among those sharing one more digit with the key (the routing-table entry R[l][D_l], whose
 * choice by proximity is independent of the id); when no node has that prefix (the rare case) it goes to the owner
 * in one hop. Monte Carlo over random origins and keys, from the generator handed in.
 */
public final class PrefixRoutingModel {

    private final NodeId[] ids;
    private final int b;
    private final int half;
    private final GroundTruth truth;

    public PrefixRoutingModel(Collection<NodeId> liveIds, int b, int leafSet) {
        this.ids = liveIds.stream().map(PastryIds::of).sorted().toArray(NodeId[]::new);
        this.b = b;
        this.half = leafSet / 2;
        this.truth = new GroundTruth(Arrays.asList(ids), KeySpaces.NUMERIC);
    }

    /** Shares of 0, 1, 2, ... hops over {@code routes} routes of random keys from random nodes. */
    public double[] distribution(int routes, RandomGenerator rng) {
        long[] counts = new long[8];
        for (int i = 0; i < routes; i++) {
            int h = hops(rng.nextInt(ids.length), PastryIds.random(rng), rng);
            if (h >= counts.length) {
                counts = Arrays.copyOf(counts, h + 1);
            }
            counts[h]++;
        }
        double[] shares = new double[counts.length];
        for (int h = 0; h < counts.length; h++) {
            shares[h] = (double) counts[h] / routes;
        }
        return shares;
    }

    /** Mean of a distribution of shares by hop count. */
    public static double mean(double[] shares) {
        double m = 0;
        for (int h = 0; h < shares.length; h++) {
            m += h * shares[h];
        }
        return m;
    }

    /** Hops of one ideal route from the node at index {@code from} (in ring order) to {@code key}. */
    int hops(int from, NodeId key, RandomGenerator rng) {
        NodeId owner = truth.owner(key);
        int at = from;
        for (int hops = 0; hops < 4 * PastryIds.BITS; hops++) {
            if (inLeafRange(at, key)) {
                return ids[at].equals(owner) ? hops : hops + 1;
            }
            int l = PastryIds.sharedDigits(ids[at], key, b);
            int[] range = prefixRange(key, l + 1);
            if (range[0] >= range[1]) {
                return hops + 1; // the rare case: no node shares one more digit; the leaf set of a closer node ends it
            }
            at = range[0] + rng.nextInt(range[1] - range[0]);
        }
        throw new IllegalStateException("no ideal route ends in " + 4 * PastryIds.BITS + " hops: " + key);
    }

    private boolean inLeafRange(int at, NodeId key) {
        int n = ids.length;
        if (n <= 2 * half + 1) {
            return true;
        }
        NodeId left = ids[Math.floorMod(at - half, n)];
        NodeId right = ids[Math.floorMod(at + half, n)];
        return PastryIds.compareClockwise(left, key, right) <= 0;
    }

    /** Indices [from, to) of the ids whose first {@code digits} digits are the key's. */
    private int[] prefixRange(NodeId key, int digits) {
        int bits = Math.min(PastryIds.BITS, digits * b);
        long hiMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long midMask = bits <= 64 ? 0 : bits >= 128 ? -1L : -1L << (128 - bits);
        NodeId low = new NodeId(key.hi() & hiMask, key.mid() & midMask, 0);
        NodeId high = new NodeId(key.hi() | ~hiMask, key.mid() | ~midMask, 0);
        return new int[] {lowerBound(low), lowerBound(high) + (contains(high) ? 1 : 0)};
    }

    private boolean contains(NodeId id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    private int lowerBound(NodeId id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? i : -i - 1;
    }
}
