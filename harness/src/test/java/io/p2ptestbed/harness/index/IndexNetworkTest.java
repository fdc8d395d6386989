package io.p2ptestbed.harness.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.harness.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The central index on the simulated runtime: service, its single point of failure, and determinism. */
class IndexNetworkTest {

    static FileSearches.Tally[] run(long seed) {
        Scenario s = Scenario.defaults("index", 60).withProtocol("index").withParams(Map.of("verify", "true")).withSeed(seed);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            FileSearches.Tally before = IndexService.searches(rt, 50, 5_000, new Seeds(seed).stream("t"));
            int fakes = IndexService.poison(rt, 5, new Seeds(seed).stream("p"));
            assertThat(fakes).isEqualTo(5 * 50);
            FileSearches.Tally poisoned = IndexService.searches(rt, 50, 0, new Seeds(seed).stream("t2"));
            rt.kill(IndexService.index(rt));
            FileSearches.Tally dead = IndexService.searches(rt, 20, 0, new Seeds(seed).stream("t3"));
            return new FileSearches.Tally[] {before, poisoned, dead};
        }
    }

    @Test
    void everySearchIsServedUntilTheIndexDies_andTheSameSeedGivesTheSameRun() {
        FileSearches.Tally[] a = run(5);
        assertThat(a[0].serviceRatio()).as("%s", a[0]).isEqualTo(1.0);
        assertThat(a[1].precision()).as("verified registrations keep fakes out: %s", a[1]).isEqualTo(1.0);
        assertThat(a[2].answered()).as("the index is dead: %s", a[2]).isZero();
        assertThat(run(5)).isEqualTo(a);
    }
}
