package io.p2ptestbed.harness.superpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.FileSearches;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The super-peer network on the simulated runtime: searches are served, and the same seed gives the same run. */
class SuperPeerNetworkTest {

    static List<Object> run(long seed) {
        Scenario s = Scenario.defaults("superpeer", 120).withProtocol("superpeer").withSeed(seed);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            FileSearches.Tally t = SuperPeerService.searches(rt, 40, 1_000, new Seeds(seed).stream("s"));
            return List.of(t, SuperPeerService.superPeers(rt).size(), SuperPeerService.parents(rt));
        }
    }

    @Test
    void leavesFindFilesThroughTheirSuperPeers_andTheSameSeedGivesTheSameRun() {
        List<Object> a = run(9);
        FileSearches.Tally t = (FileSearches.Tally) a.get(0);
        assertThat(t.serviceRatio()).as("%s", t).isGreaterThanOrEqualTo(0.95);
        assertThat((Integer) a.get(1)).as("super-peers of 120 nodes (10%% by capacity)").isBetween(4, 25);
        assertThat(run(9)).isEqualTo(a);
    }
}
