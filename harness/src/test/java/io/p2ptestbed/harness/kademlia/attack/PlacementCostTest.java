package io.p2ptestbed.harness.kademlia.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacementCostTest {

    private final NodeId target = NodeId.random(new SplittableRandom(5));

    @Test
    void plainIdsCostNothing() {
        PlacementCost.Cost c = PlacementCost.plain(target, 12, 10, new SplittableRandom(1));
        assertThat(c.placed()).isEqualTo(10);
        assertThat(c.hashes()).isZero();
    }

    @Test
    void bep42CostsAbout2ToThePCrcsPerSybil() {
        PlacementCost.Cost c = PlacementCost.bep42(target, 6, 40, 16, new SplittableRandom(2));
        assertThat(c.placed()).isEqualTo(40);
        assertThat(c.expectedPerSybil()).isEqualTo(64);
        assertThat(c.hashesPerSybil()).isBetween(32.0, 128.0);
    }

    @Test
    void bep42RunsOutOfAddressesForADeepTarget() {
        PlacementCost.Cost c = PlacementCost.bep42(target, 20, 4, 1, new SplittableRandom(3));
        assertThat(c.exhausted()).isTrue();
        assertThat(c.hashes()).as("every (IP, r) pair of one /24 tried").isEqualTo(254 * 8);
    }

    @Test
    void puzzlesCostAbout2ToTheC1PlusPPlusOneHashes() {
        PlacementCost.Cost c = PlacementCost.puzzle(target, 4, 16, 4, 2, 1L << 30, new SplittableRandom(4));
        assertThat(c.placed()).isEqualTo(16);
        assertThat(c.expectedPerSybil()).isEqualTo(512 + 4);
        assertThat(c.hashesPerSybil()).isBetween(258.0, 1032.0);
    }
}
