package io.p2ptestbed.harness.epidemic;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Broadcasts;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The epidemic overlay on the simulated runtime: it spreads, it is deterministic, it shrugs off garbage. */
class EpidemicNetworkTest {

    private static Scenario scenario(long seed, Map<String, String> params) {
        return Scenario.defaults("epidemic", 100).withProtocol("epidemic").withParams(params).withSeed(seed);
    }

    private static List<Broadcasts.Run> run(Scenario s, int messages) {
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            io.p2ptestbed.harness.runtime.BroadcastProbe rec = Broadcasts.attach(rt);
            rt.start();
            rt.advance(30_000);
            return Broadcasts.publishMany(rt, rec, messages, 8, 3_000, 600_000, new SplittableRandom(s.seed()));
        }
    }

    private static String outcome(List<Broadcasts.Run> runs) {
        StringBuilder sb = new StringBuilder();
        for (Broadcasts.Run r : runs) {
            sb.append(r.messageId()).append(':').append(r.delivered()).append(':').append(r.messages()).append(':')
                    .append(Arrays.toString(r.latencies())).append(':').append(Arrays.toString(r.hops())).append('\n');
        }
        return sb.toString();
    }

    @Test
    void gossipWithFanoutLnNPlus3ReachesAlmostEveryNode() {
        List<Broadcasts.Run> runs = run(scenario(11, Map.of("fanoutC", "3")), 5);
        for (Broadcasts.Run r : runs) {
            assertThat(r.coverage()).as("%s", r).isGreaterThanOrEqualTo(0.97);
            // every delivering node forwards once to about ln 100 + 3 = 7.6 members
            assertThat((double) r.messages() / r.delivered()).as("%s", r).isBetween(6.8, 8.4);
        }
    }

    @Test
    void rumourMongeringStopsAndLeavesAResidueThatFallsWithK() {
        double[] residue = new double[2];
        for (int k = 1; k <= 2; k++) {
            List<Broadcasts.Run> runs = run(scenario(12, Map.of("mode", "rumor", "k", String.valueOf(k))), 4);
            residue[k - 1] = runs.stream().mapToDouble(r -> 1 - r.coverage()).average().orElseThrow();
            for (Broadcasts.Run r : runs) {
                assertThat(r.settledMillis()).as("the rumour dies out: %s", r).isLessThan(120_000);
            }
        }
        assertThat(residue[0]).as("residue at k = 1 (Demers: about 0.18)").isBetween(0.08, 0.35);
        assertThat(residue[1]).as("residue at k = 2 vs k = 1").isLessThan(residue[0]);
    }

    @Test
    void theSameSeedGivesTheSameBroadcastsAndAnotherSeedDiffers() {
        Map<String, String> p = Map.of("mode", "rumor", "k", "2");
        String a = outcome(run(scenario(21, p), 3));
        assertThat(outcome(run(scenario(21, p), 3))).isEqualTo(a);
        assertThat(outcome(run(scenario(22, p), 3))).isNotEqualTo(a);
    }

    @Test
    void malformedDatagramsAreCountedAndTheNodeKeepsSpreading() {
        try (SimulatedRuntime rt = new SimulatedRuntime(scenario(31, Map.of("fanoutC", "3")))) {
            io.p2ptestbed.harness.runtime.BroadcastProbe rec = Broadcasts.attach(rt);
            rt.start();
            rt.advance(30_000);
            LocalNode victim = rt.nodes().get(7);
            Transport garbage = rt.network().open(NodeAddress.of(127, 9, 9, 9, 6881), 0);
            garbage.send(victim.address(), new byte[] {1, 2, 3});
            garbage.send(victim.address(), new byte[40]);
            rt.advance(1_000);
            assertThat(victim.stats().get("malformed")).isEqualTo(2L);
            Broadcasts.Run r = Broadcasts.publish(rt, rec, victim, new byte[] {9}, 3_000, 600_000);
            assertThat(r.coverage()).as("%s", r).isGreaterThanOrEqualTo(0.97);
        }
    }
}
