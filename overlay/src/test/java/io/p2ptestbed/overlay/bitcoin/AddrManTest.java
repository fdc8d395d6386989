package io.p2ptestbed.overlay.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddrManTest {

    static final long NOW = BitcoinNode.LAB_EPOCH_SECONDS + 100_000;

    static AddrMan addrMan(Map<String, String> params, long seed) {
        return new AddrMan(BitcoinConfig.of(Protocols.get("bitcoin").params(params)), new SplittableRandom(seed));
    }

    static NodeAddress a(int group, int host) {
        return NodeAddress.of(127, group, host >>> 8, host & 0xFF, 8333);
    }

    @Test
    void oneGroupReachesAtMostEightTriedBucketsAndOneSourceGroupAtMost64NewBuckets() {
        AddrMan m = addrMan(Map.of(), 1);
        Set<Integer> tried = new HashSet<>();
        Set<Integer> fresh = new HashSet<>();
        for (int h = 0; h < 5_000; h++) {
            tried.add(m.triedBucket(a(9, h)));
            fresh.add(m.newBucket(a(1 + h % 200, h), 42));
        }
        assertThat(tried).hasSizeLessThanOrEqualTo(8).hasSizeGreaterThan(4);
        assertThat(fresh).hasSizeLessThanOrEqualTo(64).hasSizeGreaterThan(50);
        AddrMan legacy = addrMan(Map.of("deterministicBuckets", "false", "triedBuckets", "64", "newBuckets", "256"), 1);
        Set<Integer> legacyTried = new HashSet<>();
        for (int h = 0; h < 5_000; h++) {
            legacyTried.add(legacy.triedBucket(a(9, h)));
        }
        assertThat(legacyTried).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void withSlash24GroupsOneSlash16ReachesManyTriedBucketsAndOneSlash24AtMostEight() {
        AddrMan m = addrMan(Map.of("groupBits", "24"), 1);
        Set<Integer> perSlash24 = new HashSet<>();
        Set<Integer> perSlash16 = new HashSet<>();
        for (int h = 0; h < 5_000; h++) {
            perSlash24.add(m.triedBucket(NodeAddress.of(127, 9, 3, h % 250, 8333 + h)));
            perSlash16.add(m.triedBucket(a(9, h)));
        }
        assertThat(perSlash24).hasSizeLessThanOrEqualTo(8);
        assertThat(perSlash16).hasSizeGreaterThan(100);
        assertThat(m.group(a(9, 0x0305))).isEqualTo((127 << 16) | (9 << 8) | 3);
        assertThat(addrMan(Map.of(), 1).group(a(9, 0x0305))).isEqualTo((127 << 8) | 9);
        assertThatThrownBy(() -> addrMan(Map.of("groupBits", "30"), 1)).hasMessageContaining("groupBits")
                .hasMessageContaining("[8, 24]");
    }

    @Test
    void bitcoind093SelectsUniformlyAmongABucketsEntriesNotItsOldest() {
        // 0.9.3 drew vTried[GetRandInt(vTried.size())]: its entries sit packed from position 0 here, and "the first
        // occupied position from a random start" (today's Core) gave a bucket's oldest entry (65 - k) / 64 of its picks
        AddrMan m = addrMan(Map.of("deterministicBuckets", "false", "triedBuckets", "64", "newBuckets", "256",
                "testBeforeEvict", "false"), 5);
        int n = 40;
        for (int h = 0; h < n; h++) {
            NodeAddress x = a(9, h); // one /16: at most 4 tried buckets, about 10 entries each
            m.add(x, a(1, 1), NOW, 0, NOW);
            m.good(x, NOW);
        }
        assertThat(m.triedSize()).isEqualTo(n);
        Map<NodeAddress, Integer> picks = new java.util.HashMap<>();
        int draws = 8_000;
        for (int i = 0; i < draws; i++) {
            picks.merge(m.select(false, 0, NOW + 1_000), 1, Integer::sum);
        }
        assertThat(picks).hasSize(n);
        // uniform: 200 each (the 4 buckets need not hold 10 each, so allow the bucket sizes' spread); before: the
        // oldest entry of each bucket about 1,400
        assertThat(picks.get(a(9, 0))).as("the first entry's picks: %s", picks).isLessThan(draws / 4 / 3);
        int max = picks.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = picks.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(max).as("picks per entry: %s", picks).isLessThan(6 * min);
    }

    @Test
    void theSecretKeyComesFromTheRng() {
        assertThat(addrMan(Map.of(), 1).triedBucket(a(3, 3))).isEqualTo(addrMan(Map.of(), 1).triedBucket(a(3, 3)));
        Set<Integer> buckets = new HashSet<>();
        for (long s = 0; s < 20; s++) {
            buckets.add(addrMan(Map.of(), s).triedBucket(a(3, 3)));
        }
        assertThat(buckets.size()).isGreaterThan(10);
    }

    @Test
    void addGoodAndSelectKeepTheTablesConsistent() {
        for (String det : new String[] {"true", "false"}) {
            AddrMan m = addrMan(Map.of("deterministicBuckets", det, "testBeforeEvict", "false", "newBuckets", "16",
                    "triedBuckets", "4"), 2);
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < 20_000; i++) {
                NodeAddress x = a(1 + r.nextInt(250), r.nextInt(60_000));
                m.add(x, a(1 + r.nextInt(250), 1), NOW - r.nextInt(100_000), 0, NOW);
                if (r.nextInt(4) == 0) {
                    NodeAddress s = m.select(false, 3, NOW);
                    if (s != null) {
                        m.good(s, NOW);
                    }
                }
            }
            m.check();
            assertThat(m.newSize()).as("new, deterministic=%s", det).isGreaterThan(16 * 64 / 2).isLessThanOrEqualTo(16 * 64);
            assertThat(m.triedSize()).as("tried, deterministic=%s", det).isGreaterThan(4 * 64 / 2).isLessThanOrEqualTo(4 * 64);
        }
    }

    @Test
    void deterministicSlotsDoNotLetFreshAddressesOverwriteGoodOnes() {
        AddrMan m = addrMan(Map.of(), 4);
        NodeAddress honest = a(10, 10);
        m.add(honest, honest, NOW, 0, NOW);
        for (int i = 0; i < 50_000; i++) { // a flood of fresh addresses from one source group
            m.add(a(1 + i % 250, 1000 + i / 250), a(99, 1), NOW, 0, NOW);
        }
        assertThat(m.find(honest)).as("an entry outside the attacker's source group keeps its slot").isNotNull();
        m.check();
        assertThat(m.newSize()).isLessThanOrEqualTo(64 * 64 + 1); // one source group reaches 64 buckets
    }

    @Test
    void testBeforeEvictKeepsAnOccupantThatAnswersAndReplacesOneThatDoesNot() {
        AddrMan m = addrMan(Map.of("triedBuckets", "1"), 5);
        // fill tried with good entries, until a newcomer collides
        NodeAddress newcomer = null;
        for (int h = 0; h < 5_000 && newcomer == null; h++) {
            NodeAddress x = a(1 + h % 250, h);
            m.add(x, x, NOW, 0, NOW);
            m.good(x, NOW);
            if (m.collisions() > 0) {
                newcomer = x;
            }
        }
        assertThat(newcomer).isNotNull();
        assertThat(m.find(newcomer).tried()).isFalse();
        NodeAddress occupant = m.collisionToTest();
        assertThat(occupant).isNotNull();
        // the occupant connected recently: it is kept without a test
        m.resolveCollisions(NOW + 60);
        assertThat(m.collisions()).isZero();
        assertThat(m.find(occupant).tried()).isTrue();
        assertThat(m.find(newcomer).tried()).isFalse();
        // five hours later the newcomer succeeds again; the occupant is tested and fails: the newcomer moves in
        long later = NOW + 5 * 3600;
        m.good(newcomer, later);
        assertThat(m.collisions()).isEqualTo(1);
        NodeAddress old = m.collisionToTest();
        m.attempt(old, later + 10);
        m.resolveCollisions(later + 20);
        assertThat(m.find(newcomer).tried()).isTrue();
        assertThat(m.find(old).tried()).isFalse();
        m.check();
    }

    @Test
    void withoutTestBeforeEvictANewcomerDisplacesTheOccupantAtOnce() {
        AddrMan m = addrMan(Map.of("triedBuckets", "1", "testBeforeEvict", "false"), 6);
        int moved = 0;
        for (int h = 0; h < 3_000; h++) {
            NodeAddress x = a(1 + h % 250, h);
            if (m.add(x, x, NOW, 0, NOW) != AddrMan.Outcome.ADDED) {
                continue; // its new slot was taken
            }
            assertThat(m.good(x, NOW)).isEqualTo(AddrMan.Outcome.UPDATED);
            assertThat(m.find(x).tried()).isTrue();
            moved++;
        }
        assertThat(moved).isGreaterThan(2_000);
        assertThat(m.triedSize()).isEqualTo(64);
        assertThat(m.collisions()).isZero();
        m.check();
    }

    @Test
    void legacySelectionFavoursFreshTimestamps() {
        AddrMan m = addrMan(Map.of("timestampBias", "true", "deterministicBuckets", "false"), 7);
        NodeAddress fresh = a(1, 1);
        NodeAddress stale = a(2, 2);
        m.add(fresh, fresh, NOW, 0, NOW);
        m.add(stale, stale, NOW - 86_400, 0, NOW);
        int freshPicks = 0;
        for (int i = 0; i < 2_000; i++) {
            if (fresh.equals(m.select(true, 0, NOW))) {
                freshPicks++;
            }
        }
        assertThat(freshPicks).isGreaterThan(1_500);
    }
}
