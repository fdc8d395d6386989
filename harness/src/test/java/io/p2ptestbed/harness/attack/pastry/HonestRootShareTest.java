package io.p2ptestbed.harness.attack.pastry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The share of the ring whose closest node is honest, exact against sampled keys. */
class HonestRootShareTest {

    private static Contact at(BigInteger v, int host) {
        return new Contact(new NodeId(v.shiftRight(64).longValue(), v.longValue(), 0), new NodeAddress((127 << 24) | host, 7));
    }

    @Test
    void evenlySpacedNodesOwnEqualArcs() {
        BigInteger quarter = BigInteger.ONE.shiftLeft(126);
        List<Contact> honest = List.of(at(BigInteger.ZERO, 1), at(quarter, 2), at(quarter.shiftLeft(1), 3));
        List<Contact> bad = List.of(at(quarter.multiply(BigInteger.valueOf(3)), 4));
        assertThat(PastryAttacks.Turned.honestShare(honest, bad)).isCloseTo(0.75, within(1e-12));
        assertThat(PastryAttacks.Turned.honestShare(honest, List.of())).isEqualTo(1.0);
        assertThat(PastryAttacks.Turned.honestShare(List.of(), bad)).isEqualTo(0.0);
    }

    @Test
    void matchesTheShareOfRandomKeysWhoseClosestNodeIsHonest() {
        Random r = new Random(5);
        BigInteger ring = BigInteger.ONE.shiftLeft(128);
        List<Contact> honest = new ArrayList<>();
        List<Contact> bad = new ArrayList<>();
        List<BigInteger> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigInteger id = new BigInteger(128, r);
            ids.add(id);
            (i % 5 == 0 ? bad : honest).add(at(id, i + 1));
        }
        int keys = 8_000;
        int good = 0;
        for (int k = 0; k < keys; k++) {
            BigInteger key = new BigInteger(128, r);
            int best = 0;
            BigInteger bestDistance = null;
            for (int i = 0; i < ids.size(); i++) {
                BigInteger d = ids.get(i).subtract(key).mod(ring);
                d = d.min(ring.subtract(d));
                if (bestDistance == null || d.compareTo(bestDistance) < 0) {
                    bestDistance = d;
                    best = i;
                }
            }
            good += best % 5 == 0 ? 0 : 1;
        }
        // 8,000 keys: the sampled share is within 0.02 of the exact one (more than 4 standard errors)
        assertThat(PastryAttacks.Turned.honestShare(honest, bad)).isCloseTo(good / (double) keys, within(0.02));
    }
}
