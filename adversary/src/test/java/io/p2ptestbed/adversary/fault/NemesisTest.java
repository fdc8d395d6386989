package io.p2ptestbed.adversary.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NemesisTest {

    /** A stand-in for the harness: nodes are addresses that are up or down. */
    static final class FakeChurn implements ChurnControl {
        final Set<NodeAddress> up = new LinkedHashSet<>();
        final List<String> log = new ArrayList<>();

        FakeChurn(int n) {
            IntStream.range(0, n).forEach(i -> up.add(SimLab.honestAddress(i)));
        }

        public List<NodeAddress> liveNodes() {
            return List.copyOf(up);
        }

        public void kill(NodeAddress a) {
            up.remove(a);
            log.add("kill " + a);
        }

        public void restart(NodeAddress a) {
            up.add(a);
            log.add("restart " + a);
        }
    }

    @Test
    void aChurnBurstKillsTheFractionAndHealRestartsThem() {
        SimLab lab = new SimLab(1);
        FakeChurn churn = new FakeChurn(20);
        Nemesis nemesis = new Nemesis(lab.scheduler, FaultTarget.of(lab.network), churn, new SplittableRandom(4));
        ActiveFault burst = nemesis.invoke(ChurnBurst.of(0.25));
        assertThat(churn.up).hasSize(15);
        nemesis.heal(burst);
        assertThat(churn.up).hasSize(20);
        assertThat(churn.log).hasSize(10);
    }

    @Test
    void scheduledFaultsAreInvokedAndHealedOnTheSchedulerAndRecorded() {
        SimLab lab = new SimLab(2).grow(4, NodeConfig.defaults());
        Nemesis nemesis = new Nemesis(lab.scheduler, FaultTarget.of(lab.network), null, lab.rng());
        long t0 = lab.scheduler.nowMillis();
        nemesis.schedule(Loss.everywhere(1.0), 1_000, 2_000);
        nemesis.schedule(Delay.everywhere(300, 0), 1_500, 500);
        lab.advance(1_200);
        assertThat(nemesis.active()).hasSize(1);
        assertThat(lab.await(lab.nodes.get(1).ping(lab.nodes.get(2).address()), 5_000)).isFalse();
        lab.advance(5_000);
        assertThat(nemesis.active()).isEmpty();
        assertThat(nemesis.timeline()).containsExactly(
                new FaultInterval("Loss", "loss 100%", t0 + 1_000, t0 + 3_000),
                new FaultInterval("Delay", "delay +300ms", t0 + 1_500, t0 + 2_000));
        assertThat(lab.await(lab.nodes.get(1).ping(lab.nodes.get(2).address()), 5_000)).isTrue();
    }

    @Test
    void teardownHealsEverything() {
        SimLab lab = new SimLab(2);
        Nemesis nemesis = new Nemesis(lab.scheduler, FaultTarget.of(lab.network), null, lab.rng());
        nemesis.invoke(Loss.everywhere(0.5));
        nemesis.invoke(Duplicate.everywhere(0.5));
        nemesis.teardown();
        assertThat(nemesis.active()).isEmpty();
        assertThat(nemesis.timeline()).allSatisfy(i -> assertThat(i.active()).isFalse());
    }

    @Test
    void churnWithoutAChurnControlFailsClearly() {
        SimLab lab = new SimLab(2);
        Nemesis nemesis = new Nemesis(lab.scheduler, FaultTarget.of(lab.network), null, lab.rng());
        assertThatThrownBy(() -> nemesis.invoke(ChurnBurst.of(0.1))).hasMessageContaining("ChurnControl");
    }
}
