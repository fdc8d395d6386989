package io.p2ptestbed.harness.kademlia.attack;

import io.p2ptestbed.harness.runtime.Addresses;

import io.p2ptestbed.adversary.lab.Cidr;
import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.sybil.AddressPlan;
import io.p2ptestbed.adversary.sybil.Placement;
import io.p2ptestbed.adversary.sybil.SybilFactory;
import io.p2ptestbed.adversary.sybil.SybilSet;
import io.p2ptestbed.adversary.sybil.SybilSpec;
import io.p2ptestbed.overlay.defence.Bep42;
import io.p2ptestbed.overlay.defence.CryptoPuzzle;
import io.p2ptestbed.overlay.defence.PuzzleSolution;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.adversary.sybil.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What it costs an attacker to place Sybils within {@code p} bits of a chosen target (ids sharing at
 * least the first p bits with it, i.e. in its 2^-p neighbourhood), under three id rules, counted in hash
 * evaluations — never in time:
 * <ul>
 *   <li><b>plain</b> (BEP 5): ids are chosen freely. Cost: no hash at all, one draw per Sybil.</li>
 *   <li><b>bep42</b>: an id's first 21 bits are the CRC-32C of the node's IP (masked) and a 3-bit r
 *       ({@link Bep42}). The attacker computes the CRC for each of its (IP, r) pairs, in random order,
 *       until one matches the target's first min(p, 21) bits; the remaining bits are free. Cost: about
 *       2^min(p,21) CRC evaluations per Sybil, and at most one Sybil per matching (IP, r): an attacker
 *       with few addresses may not be able to place any.</li>
 *   <li><b>puzzle(c1, c2)</b> (S/Kademlia): the id is SHA-1 of a key pair that must also solve the static
 *       puzzle; the attacker draws keys until an id solves it and lands within p bits, then solves the
 *       dynamic puzzle ({@link CryptoPuzzle#generateNear}). Cost: about 2^(c1+p+1) + 2^c2 SHA-1 evaluations.</li>
 * </ul>
 */
public final class PlacementCost {

    /**
     * @param rule             the id rule ("plain", "bep42", "puzzle(c1=8,c2=4)")
     * @param requested        Sybils wanted
     * @param placed           Sybils placed within p bits
     * @param hashes           hash (or CRC) evaluations spent in total, wasted ones included
     * @param attempts         candidate ids tried
     * @param expectedPerSybil the analytical expectation of hashes per placed Sybil
     * @param exhausted        whether the attacker ran out of addresses or budget
     */
    public record Cost(String rule, int prefixBits, int requested, int placed, long hashes, long attempts,
                       double expectedPerSybil, boolean exhausted) {
        public double hashesPerSybil() {
            return placed == 0 ? Double.POSITIVE_INFINITY : (double) hashes / placed;
        }

        @Override
        public String toString() {
            return String.format("%s: %d/%d Sybils within %d bits, %d hashes (%.1f per Sybil, expected %.1f)%s", rule,
                    placed, requested, prefixBits, hashes, hashesPerSybil(), expectedPerSybil,
                    exhausted ? ", attacker ran out of addresses or budget" : "");
        }
    }

    private PlacementCost() {}

    /** Plain BEP 5 ids: drawn directly inside the target's neighbourhood. */
    public static Cost plain(NodeId target, int p, int count, RandomGenerator rng) {
        SybilSet set = new SybilFactory(rng, LabGuard.loopbackOnly())
                .create(SybilSpec.of(count, new Placement.NearKey(target, p), AddressPlan.slash24s(Math.max(1, Math.min(count, 256)), Addresses.PORT)));
        return new Cost("plain", p, count, set.size(), set.cost().hashes(), set.cost().attempts(), 0, set.cost().budgetExhausted());
    }

    /**
     * BEP 42 ids from an attacker owning every host address of {@code slash24s} /24 networks
     * (127.201.0.0/24 upwards, hosts .1 to .254): each (IP, r) pair gives one id prefix.
     */
    public static Cost bep42(NodeId target, int p, int count, int slash24s, RandomGenerator rng) {
        List<long[]> pairs = new ArrayList<>();
        for (int net = 0; net < slash24s; net++) {
            Cidr pool = ((AddressPlan.Spread) AddressPlan.slash24s(slash24s, Addresses.PORT)).pools().get(net);
            for (int host = 1; host <= 254; host++) {
                for (int r = 0; r < 8; r++) {
                    pairs.add(new long[] {pool.ipAt(host), r});
                }
            }
        }
        int bits = Math.min(p, 21);
        long hashes = 0;
        int placed = 0;
        int next = 0;
        while (placed < count && next < pairs.size()) {
            int pick = next + rng.nextInt(pairs.size() - next);
            long[] pair = pairs.set(pick, pairs.get(next));
            pairs.set(next++, pair);
            int ip = (int) pair[0];
            int r = (int) pair[1];
            int crc = Bep42.crc(ip, r);
            hashes++;
            NodeId prefix = new NodeId(((long) crc) << 32, 0, 0);
            if (prefix.commonPrefixLength(target) >= bits) {
                NodeId id = Bep42.idFor(ip, r, rng);
                if (p > 21) {
                    // bits 21 and on are free (except the last byte's r): copy the target's up to p
                    id = Ids.withPrefix(target, id, Math.min(p, NodeId.BITS - 8));
                }
                if (!Bep42.isCompliant(id, ip) || id.commonPrefixLength(target) < Math.min(p, NodeId.BITS - 8)) {
                    throw new IllegalStateException("BEP 42 grinding produced a wrong id " + id + " for " + new NodeAddress(ip, 0));
                }
                placed++;
            }
        }
        return new Cost("bep42", p, count, placed, hashes, hashes, Math.pow(2, bits), placed < count);
    }

    /** S/Kademlia puzzle ids, with at most {@code maxStaticHashesPerSybil} spent on each Sybil's static puzzle. */
    public static Cost puzzle(NodeId target, int p, int count, int c1, int c2, long maxStaticHashesPerSybil, RandomGenerator rng) {
        long hashes = 0;
        int placed = 0;
        boolean exhausted = false;
        long attempts = 0;
        for (int i = 0; i < count && !exhausted; i++) {
            Optional<PuzzleSolution> s = CryptoPuzzle.generateNear(target, p, c1, c2, rng, maxStaticHashesPerSybil);
            if (s.isPresent()) {
                hashes += s.get().staticHashes() + s.get().dynamicHashes();
                attempts += s.get().staticHashes() / 2;
                placed++;
            } else {
                hashes += maxStaticHashesPerSybil - maxStaticHashesPerSybil % 2;
                attempts += maxStaticHashesPerSybil / 2;
                exhausted = true;
            }
        }
        double expected = Math.pow(2, c1 + p + 1) + Math.pow(2, c2);
        return new Cost("puzzle(c1=" + c1 + ",c2=" + c2 + ")", p, count, placed, hashes, attempts, expected, exhausted);
    }
}
