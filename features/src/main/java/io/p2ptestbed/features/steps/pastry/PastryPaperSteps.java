package io.p2ptestbed.features.steps.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.pastry.RowstronDruschel;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.pastry.PastryView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rowstron and Druschel's routing experiments (Pastry only): the hop distribution of their Fig. 5 and the mean
 * hops around a failure of 10% of the nodes. Each measurement also becomes the scenario's last lookups, so the
 * neutral lookup steps ("every lookup reaches...", "mean hops are within...") grade it too.
 */
public class PastryPaperSteps {

    private final TestbedWorld world;
    private RowstronDruschel.Hops distribution;
    private final Map<String, RowstronDruschel.Hops> phases = new LinkedHashMap<>();

    public PastryPaperSteps(TestbedWorld world) {
        this.world = world;
    }

    private String slug() {
        return world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }

    @When("the hop distribution of {int} random routes is measured")
    public void hopDistribution(int routes) {
        Steps.count("the number of routes", routes, 1, 10_000_000);
        distribution = RowstronDruschel.hops(world.runtime(), routes, world.rng("hop-distribution"));
        world.lastLookups(distribution.stats());
        for (int h = 0; h < distribution.counts().length; h++) {
            world.record("hops_share." + h, distribution.share(h));
        }
        world.record("fig5_largest_difference", distribution.largestDifferenceFromFig5());
        String rel = "pastry/hop-distribution-" + slug() + ".csv";
        RowstronDruschel.writeCsv(distribution, world.runtime().liveNodes().size(), RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    private RowstronDruschel.Hops distribution() {
        if (distribution == null) {
            throw new IllegalStateException("no hop distribution measured yet: use 'the hop distribution of N random routes "
                    + "is measured' first");
        }
        return distribution;
    }

    @Then("the hop distribution is within {double} of the paper's Fig. 5 at every hop count")
    public void withinFig5(double tolerance) {
        RowstronDruschel.Hops d = distribution();
        assertThat(d.largestDifferenceFromFig5()).as("largest difference from Fig. 5 (N = 100,000): %s", d)
                .isLessThanOrEqualTo(tolerance);
    }

    @Then("at least {int}% of the routes took {int} or {int} hops")
    public void mostRoutesTook(int percent, int a, int b) {
        RowstronDruschel.Hops d = distribution();
        assertThat(100 * (d.share(a) + d.share(b))).as("routes with %d or %d hops: %s", a, b, d)
                .isGreaterThanOrEqualTo(percent);
    }

    /** Rowstron and Druschel's "no repair": the live nodes stop (or resume) repairing their routing tables. */
    @When("the Pastry nodes' routing-table repair is switched {word}")
    public void tableRepair(String onOff) {
        if (!onOff.equals("on") && !onOff.equals("off")) {
            throw new IllegalArgumentException("routing-table repair is switched 'on' or 'off', got '" + onOff + "'");
        }
        if (!(world.runtime() instanceof LocalRuntime rt)) {
            throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("switching Pastry's table repair reaches the "
                    + "nodes in this JVM; the " + world.runtime().kind().label() + " runtime cannot yet");
        }
        for (NodeHandle n : rt.liveNodes()) {
            rt.onOverlay((LocalNode) n, o -> {
                o.capability(PastryView.class).orElseThrow(() -> new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException(
                        "routing-table repair is Pastry's; this network runs " + o.protocol())).setTableRepair(onOff.equals("on"));
                return null;
            });
        }
        world.record("table_repair_switched_" + onOff + "_at_s", rt.nowMillis() / 1000.0);
    }

    @When("the mean hops of {int} random routes are measured {string}")
    public void phase(int routes, String label) {
        Steps.count("the number of routes", routes, 1, 10_000_000);
        RowstronDruschel.Hops h = RowstronDruschel.hops(world.runtime(), routes, world.rng("hops-" + label));
        phases.put(label, h);
        world.lastLookups(h.stats());
        String metric = label.replaceAll("[^A-Za-z0-9]+", "_");
        world.record("hops_mean." + metric, h.mean());
        world.record("lookup_success." + metric, h.stats().successRate());
        String rel = "pastry/failure-hops-" + slug() + ".csv";
        RowstronDruschel.writeFailureCsv(phases, RunCollector.reportDir().resolve(rel));
        if (!world.dataFiles().contains(rel)) {
            world.dataFile(rel);
        }
    }

    @Then("the mean hops measured {string} are within {double} of the paper's {double}")
    public void phaseWithin(String label, double tolerance, double paper) {
        RowstronDruschel.Hops h = phases.get(label);
        if (h == null) {
            throw new IllegalStateException("no routes were measured '" + label + "'; measured: " + phases.keySet());
        }
        assertThat(h.mean()).as("mean hops %s (paper %.2f): %s", label, paper, h).isBetween(paper - tolerance, paper + tolerance);
    }

    @Then("the mean hops measured {string} exceed those measured {string} by at least {double}")
    public void phaseExceeds(String later, String earlier, double margin) {
        RowstronDruschel.Hops a = phases.get(later);
        RowstronDruschel.Hops b = phases.get(earlier);
        if (a == null || b == null) {
            throw new IllegalStateException("measure both '" + later + "' and '" + earlier + "' first; measured: " + phases.keySet());
        }
        assertThat(a.mean() - b.mean()).as("mean hops %s (%.3f) minus %s (%.3f)", later, a.mean(), earlier, b.mean())
                .isGreaterThanOrEqualTo(margin);
    }
}
