package io.p2ptestbed.features.steps.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.p2ptestbed.features.world.DelayGroup;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.pastry.PastryState;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import java.util.List;
import java.util.function.Function;

/**
 * Pastry's proximity against a far group of delay faults ({@link DelayGroup}): the share of far nodes in the near
 * nodes' neighbourhood sets and routing tables, next to their share of the network. A node that chooses by measured
 * round-trip time keeps the near ones.
 */
public class PastryProximitySteps {

    private final TestbedWorld world;

    public PastryProximitySteps(TestbedWorld world) {
        this.world = world;
    }

    @Then("the near nodes' neighbourhood sets hold at most {int}% far nodes")
    public void neighbourhoodSets(int percent) {
        assertFarShare("neighbourhood", "neighbourhood sets", percent, PastryState::neighbourhoodSet);
    }

    @Then("the near nodes' routing tables hold at most {int}% far nodes")
    public void routingTables(int percent) {
        assertFarShare("table", "routing tables", percent, PastryState::tableEntries);
    }

    private void assertFarShare(String metric, String what, int percent, Function<PastryState, List<Contact>> entries) {
        DelayGroup group = DelayGroup.of(world);
        NetworkRuntime rt = world.runtime();
        long far = 0;
        long total = 0;
        int nearNodes = 0;
        for (NodeHandle n : rt.liveNodes()) {
            if (group.isFar(n.address())) {
                continue;
            }
            nearNodes++;
            List<Contact> held = entries.apply(PastryState.of(rt, n));
            total += held.size();
            far += held.stream().filter(c -> group.isFar(c.address())).count();
        }
        double share = total == 0 ? Double.NaN : (double) far / total;
        double network = group.farShare(rt.liveNodes());
        world.record("far_share_" + metric, share);
        world.record("far_share_network", network);
        world.record("near_nodes_" + metric + "_entries_mean", nearNodes == 0 ? 0 : (double) total / nearNodes);
        assertThat(total).as("entries in the %d near nodes' %s", nearNodes, what).isPositive();
        assertThat(100 * share).as("far nodes among the near nodes' %s: %d of %d entries (far nodes are %.1f%% of the live "
                + "nodes)", what, far, total, 100 * network).isLessThanOrEqualTo(percent);
    }
}
