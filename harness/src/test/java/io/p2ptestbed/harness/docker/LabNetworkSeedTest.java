package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lab network a seed tries first: the same in every run, spread over the 128 candidates. */
class LabNetworkSeedTest {

    @Test
    void aSeedAlwaysPicksTheSameCandidateAndSeedsSpreadOverAll() {
        assertThat(LabNetwork.preferredFor(62)).isEqualTo(LabNetwork.preferredFor(62)).isEqualTo(108); // 10.236.0.0/16
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 2_000; seed++) {
            int c = LabNetwork.preferredFor(seed);
            assertThat(c).isBetween(0, 127);
            seen.add(c);
        }
        assertThat(seen).hasSize(128);
    }
}
