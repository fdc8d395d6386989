package io.p2ptestbed.features.steps;

import io.p2ptestbed.features.steps.kademlia.FloodSteps;
import io.p2ptestbed.features.steps.kademlia.EclipseSteps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.features.steps.kademlia.AttackLookupSteps;
import io.p2ptestbed.features.steps.kademlia.ColluderSteps;
import io.p2ptestbed.features.world.TestbedWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Numbers out of range in a step stop it with a message naming the value and the valid range. */
class StepArgumentsTest {

    private final TestbedWorld world = new TestbedWorld();

    @AfterEach
    void close() {
        world.dispose();
    }

    @Test
    void nodeIndexBeyondTheNetwork_namesTheValueAndTheRange() {
        NetworkSteps net = new NetworkSteps(world);
        net.aNetworkOf(20);
        net.theSeedIs(1);
        assertThatThrownBy(() -> net.nodeIsCalled(5000, "victim")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no node 5000: the network has 20 nodes, so node numbers run from 0 to 19");
        assertThatThrownBy(() -> net.nodeIsCalled(-1, "victim")).hasMessageContaining("no node -1")
                .hasMessageContaining("from 0 to 19");
        net.nodeIsCalled(19, "last");
        assertThat(world.node("last")).isSameAs(world.runtime().node(19));
    }

    @Test
    void percentagesOutOfRange_areNamed() {
        NetworkSteps net = new NetworkSteps(world);
        assertThatThrownBy(() -> net.links(10, 20, 150)).hasMessage("link loss must be a percentage in [0, 100), got 150.0%");
        assertThatThrownBy(() -> Steps.percent("the lookup success floor", 101))
                .hasMessage("the lookup success floor must be a percentage in [0, 100], got 101%");
        assertThatThrownBy(() -> Steps.percent("the floor", Double.NaN)).hasMessageContaining("got NaN%");
        assertThatThrownBy(() -> new ChurnSteps(world).nodesFail(0))
                .hasMessage("the share of nodes that fail must be a percentage in [1, 99], got 0%");
        assertThatThrownBy(() -> new ChurnSteps(world).nodesFail(100)).hasMessageContaining("[1, 99], got 100%");
        assertThatThrownBy(() -> new EclipseSteps(world).percentSybils(100, "victim"))
                .hasMessage("the Sybil share must be a percentage in [1, 99], got 100%");
        assertThatThrownBy(() -> new FloodSteps(world).answersAtLeast("n1", -5))
                .hasMessage("the honest service floor must be a percentage in [0, 100], got -5%");
        assertThat(world.started()).as("no network started just to reject a bad number").isFalse();
    }

    @Test
    void countsOutOfRange_areNamed() {
        assertThatThrownBy(() -> new NetworkSteps(world).randomLookupsRun(0))
                .hasMessage("the number of lookups must be in [1, 10000000], got 0");
        assertThatThrownBy(() -> new AttackLookupSteps(world).nodeLookups("victim", -3))
                .hasMessage("the number of lookups must be in [1, 10000000], got -3");
        assertThatThrownBy(() -> new FloodSteps(world).honestLoad("n1", 0))
                .hasMessage("the honest query rate per second must be in [1, 10000], got 0");
        assertThatThrownBy(() -> new FloodSteps(world).flood("n1", 100, "get_peers", 5, 0))
                .hasMessage("the number of flood source addresses must be in [1, 65536], got 0");
        assertThatThrownBy(() -> new ChurnSteps(world).newNodesJoin(0))
                .hasMessage("the number of new nodes must be in [1, 100000], got 0");
        assertThat(world.started()).isFalse();
    }

    @Test
    void colluderPercentLists_areChecked() {
        assertThat(ColluderSteps.colluderPercent("20")).isEqualTo(20.0);
        assertThatThrownBy(() -> ColluderSteps.colluderPercent("x")).hasMessageContaining("got 'x'");
        assertThatThrownBy(() -> ColluderSteps.colluderPercent("100")).hasMessage("a colluder percentage must be in [0, 100), got 100%");
    }

    @Test
    void runNumbersOfTheDeterminismSteps_areChecked() {
        DeterminismSteps d = new DeterminismSteps(world);
        assertThatThrownBy(() -> d.identical(1, 2)).hasMessageContaining("no run has happened yet");
    }

    @Test
    void floorsAsBinomialTests() {
        // 395 of 400 against 99% at 99.9% confidence: consistent; 380 of 400 is not
        Floors.atLeast(world, "service", "s", 400, 395, 99, 99.9, "");
        assertThat(world.metrics()).containsKeys("s_floor_min_count", "s_lower_bound", "s_upper_bound");
        long min = world.metrics().get("s_floor_min_count").longValue();
        assertThatThrownBy(() -> Floors.atLeast(world, "service", "s", 400, min - 1, 99, 99.9, "detail"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining((min - 1) + " of 400")
                .hasMessageContaining("gives at least " + min + " of 400 in 99.9% of runs")
                .hasMessageEndingWith("detail");
        Floors.below(world, "service", "s", 400, 80, 99, 99.9, "");
        assertThatThrownBy(() -> Floors.below(world, "service", "s", 400, min, 99, 99.9, ""))
                .hasMessageContaining("not significantly below 99%");
        assertThatThrownBy(() -> Floors.atLeast(world, "service", "s", 400, 400, 99, 100, ""))
                .hasMessage("confidence must be in (50, 100)%, got 100%");
    }
}
