package io.p2ptestbed.adversary.sybil;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Where in the 160-bit id space Sybil number {@code index} must sit. {@link #draw} yields a random
 * candidate already inside the region (what a grinder tries); {@link #accepts} checks an id produced
 * some other way (for example derived from a key by a crypto puzzle).
 */
public sealed interface Placement {

    NodeId draw(int index, RandomGenerator rng);

    boolean accepts(int index, NodeId id);

    /** Uniformly random ids. */
    record Anywhere() implements Placement {
        public NodeId draw(int index, RandomGenerator rng) {
            return NodeId.random(rng);
        }

        public boolean accepts(int index, NodeId id) {
            return true;
        }
    }

    /** Ids sharing at least {@code prefixBits} leading bits with {@code key}: among the closest to it. */
    record NearKey(NodeId key, int prefixBits) implements Placement {
        public NearKey {
            if (prefixBits < 0 || prefixBits > NodeId.BITS) {
                throw new IllegalArgumentException("prefixBits must be in [0, 160], got " + prefixBits);
            }
        }

        public NodeId draw(int index, RandomGenerator rng) {
            return Ids.withPrefix(key, NodeId.random(rng), prefixBits);
        }

        public boolean accepts(int index, NodeId id) {
            return key.commonPrefixLength(id) >= prefixBits;
        }
    }

    /**
     * Ids in chosen k-buckets of {@code victim}'s routing table: for bucket b an id sharing exactly
     * {@code 159 - b} leading bits with the victim. Sybil {@code index} goes to bucket
     * {@code buckets[index % buckets.size()]}, so n Sybils spread evenly over the buckets.
     */
    record InBuckets(NodeId victim, List<Integer> buckets) implements Placement {
        public InBuckets {
            buckets = List.copyOf(buckets);
            if (buckets.isEmpty()) {
                throw new IllegalArgumentException("InBuckets needs at least one bucket");
            }
            for (int b : buckets) {
                if (b < 0 || b >= NodeId.BITS) {
                    throw new IllegalArgumentException("bucket index must be in [0, 159], got " + b);
                }
            }
        }

        /** The {@code depth} buckets farthest from the victim: 159, 158, ..., 160 - depth. */
        public static InBuckets farthest(NodeId victim, int depth) {
            if (depth < 1 || depth > NodeId.BITS) {
                throw new IllegalArgumentException("depth must be in [1, 160], got " + depth);
            }
            return new InBuckets(victim, IntStream.range(0, depth).map(i -> NodeId.BITS - 1 - i).boxed().toList());
        }

        public int bucketOf(int index) {
            return buckets.get(index % buckets.size());
        }

        public NodeId draw(int index, RandomGenerator rng) {
            return victim.randomInBucketOf(NodeId.BITS - 1 - bucketOf(index), rng);
        }

        public boolean accepts(int index, NodeId id) {
            return NodeId.BITS - 1 - victim.commonPrefixLength(id) == bucketOf(index);
        }
    }
}
