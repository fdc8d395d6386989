package io.p2ptestbed.adversary.kademlia.eclipse;

import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.IdConstraint;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;

/**
 * An eclipse of one victim: {@code sybils} identities ground into the victim's {@code buckets}
 * (round-robin), each contacting the victim every {@code refreshIntervalMillis} so it gets inserted and
 * stays fresh, and answering the victim's queries with {@code behaviour}.
 *
 * <p>Bounded: the interval is stretched so that all Sybils together send at most
 * {@code maxMessagesPerSecond}, and the refreshing stops by itself after {@code durationMillis}.
 *
 * @param victim                the victim's id and address
 * @param sybils                1..100,000 identities
 * @param buckets               the victim's bucket indexes to fill (159 = farthest half of the id space)
 * @param addresses             where the Sybils listen
 * @param behaviour             how they answer (adversarial routing, blackhole with pings, ...)
 * @param constraint            what ids must satisfy ({@link IdConstraint#NONE} on plain BEP 5)
 * @param refreshIntervalMillis per-Sybil contact period, at least 100 ms
 * @param maxMessagesPerSecond  total refresh rate cap, 1..10,000
 * @param durationMillis        refreshing stops after this, 1 ms..24 h (virtual or real)
 */
public record EclipsePlan(Contact victim, int sybils, List<Integer> buckets, AddressPlan addresses, Behaviour behaviour,
                          IdConstraint constraint, long refreshIntervalMillis, int maxMessagesPerSecond,
                          long durationMillis) {

    public static final int MAX_SYBILS = 100_000;
    public static final int MAX_RATE = 10_000;
    public static final long MAX_DURATION_MILLIS = 24 * 3_600_000L;

    public EclipsePlan {
        buckets = List.copyOf(buckets);
        new Placement.InBuckets(victim.id(), buckets);
        requireRange("sybils", sybils, 1, MAX_SYBILS);
        requireRange("refreshIntervalMillis", refreshIntervalMillis, 100, MAX_DURATION_MILLIS);
        requireRange("maxMessagesPerSecond", maxMessagesPerSecond, 1, MAX_RATE);
        requireRange("durationMillis", durationMillis, 1, MAX_DURATION_MILLIS);
        if (addresses == null || behaviour == null || constraint == null) {
            throw new IllegalArgumentException("addresses, behaviour and constraint are required");
        }
    }

    /**
     * Sensible defaults: the {@code depth} farthest buckets, one Sybil per /24 (up to 256 networks),
     * colluders-only adversarial routing, a contact every 30 s per Sybil, at most 1000 messages/s, 1 hour.
     */
    public static EclipsePlan of(Contact victim, int sybils, int depth) {
        return new EclipsePlan(victim, sybils, Placement.InBuckets.farthest(victim.id(), depth).buckets(),
                AddressPlan.slash24s(Math.min(sybils, 256), 6881),
                new Behaviour.AdversarialRouting(Behaviour.AdversarialRouting.Mode.COLLUDERS_ONLY), IdConstraint.NONE,
                30_000, 1_000, 3_600_000);
    }

    /**
     * How many of the victim's farthest buckets to attack in a network of about {@code networkSize}
     * nodes: the ~log2(n) buckets honest nodes populate, plus 4 deeper ones that honest nodes leave
     * nearly empty and that hold the victim's closest neighbours.
     */
    public static int depthFor(int networkSize) {
        int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, networkSize - 1));
        return Math.min(NodeId.BITS, log2 + 4);
    }

    public EclipsePlan withBehaviour(Behaviour b) {
        return new EclipsePlan(victim, sybils, buckets, addresses, b, constraint, refreshIntervalMillis,
                maxMessagesPerSecond, durationMillis);
    }

    public EclipsePlan withAddresses(AddressPlan a) {
        return new EclipsePlan(victim, sybils, buckets, a, behaviour, constraint, refreshIntervalMillis,
                maxMessagesPerSecond, durationMillis);
    }

    public EclipsePlan withConstraint(IdConstraint c) {
        return new EclipsePlan(victim, sybils, buckets, addresses, behaviour, c, refreshIntervalMillis,
                maxMessagesPerSecond, durationMillis);
    }

    public EclipsePlan withTiming(long refreshIntervalMillis, int maxMessagesPerSecond, long durationMillis) {
        return new EclipsePlan(victim, sybils, buckets, addresses, behaviour, constraint, refreshIntervalMillis,
                maxMessagesPerSecond, durationMillis);
    }

    /** The refresh period actually used: stretched so that the total rate stays under the cap. */
    public long effectiveIntervalMillis() {
        long minForRate = (sybils * 1_000L + maxMessagesPerSecond - 1) / maxMessagesPerSecond;
        return Math.max(refreshIntervalMillis, minForRate);
    }

    public Placement.InBuckets placement() {
        return new Placement.InBuckets(victim.id(), buckets);
    }

    public NodeId victimId() {
        return victim.id();
    }

    static void requireRange(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("eclipse parameter '" + name + "' must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
