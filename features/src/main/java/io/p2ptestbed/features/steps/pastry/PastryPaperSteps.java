package io.p2ptestbed.features.steps.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.pastry.PastryTableRepair;
import io.p2ptestbed.harness.pastry.PrefixRoutingModel;
import io.p2ptestbed.harness.pastry.RowstronDruschel;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.reports.Charts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rowstron and Druschel's routing experiments (Pastry only): the hop distribution of their Fig. 5 and the mean
 * hops around a failure of 10% of the nodes (Fig. 10). The paper's figures could not be read (docs/pastry.md), so
 * each measurement is compared with ideal prefix routing on the same live ids ({@link PrefixRoutingModel}). Each
 * measurement also becomes the scenario's last lookups, so the neutral lookup steps ("every lookup reaches...",
 * "mean hops are within...") grade it too. Each writes a CSV and a chart into the report (pastry/).
 */
public class PastryPaperSteps {

    private final TestbedWorld world;
    private RowstronDruschel.Hops distribution;
    private double[] model;
    private final Map<String, RowstronDruschel.Phase> phases = new LinkedHashMap<>();

    public PastryPaperSteps(TestbedWorld world) {
        this.world = world;
    }

    private String slug() {
        return world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }

    private double[] idealModel(String stream) {
        ProtocolParams p = world.scenario().protocol();
        return RowstronDruschel.model(world.runtime(), p.intValue("b", 1, 8), p.intValue("leafSet", 2, 64), world.rng(stream));
    }

    @When("the hop distribution of {int} random routes is measured")
    public void hopDistribution(int routes) {
        Steps.count("the number of routes", routes, 1, 10_000_000);
        distribution = RowstronDruschel.hops(world.runtime(), routes, world.rng("hop-distribution"));
        world.lastLookups(distribution.stats());
        model = idealModel("hop-distribution-model");
        List<double[]> measured = new ArrayList<>();
        List<double[]> ideal = new ArrayList<>();
        for (int h = 0; h < Math.max(distribution.counts().length, model.length); h++) {
            world.record("hops_share." + h, distribution.share(h));
            world.record("ideal_model_share." + h, RowstronDruschel.at(model, h));
            measured.add(new double[] {h, distribution.share(h)});
            ideal.add(new double[] {h, RowstronDruschel.at(model, h)});
        }
        world.record("ideal_model_mean_hops", PrefixRoutingModel.mean(model));
        world.record("ideal_model_largest_difference", distribution.largestDifference(model));
        int n = world.runtime().liveNodes().size();
        String rel = "pastry/hop-distribution-" + slug() + ".csv";
        Path csv = RunCollector.reportDir().resolve(rel);
        RowstronDruschel.writeCsv(distribution, n, model, csv);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put(String.format(Locale.ROOT, "measured (mean %.2f)", distribution.mean()), measured);
        series.put(String.format(Locale.ROOT, "ideal prefix routing (mean %.2f)", PrefixRoutingModel.mean(model)), ideal);
        Charts.curves(String.format(Locale.ROOT, "Pastry hop distribution, N = %,d (cf. Rowstron & Druschel Fig. 5)", n),
                "routing hops", "share of routes", series, false, png(csv));
        world.dataFile(rel);
    }

    private static Path png(Path csv) {
        return csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".png"));
    }

    private RowstronDruschel.Hops distribution() {
        if (distribution == null) {
            throw new IllegalStateException("no hop distribution measured yet: use 'the hop distribution of N random routes "
                    + "is measured' first");
        }
        return distribution;
    }

    @Then("the hop distribution is within {double} of the ideal prefix-routing model's at every hop count")
    public void withinModel(double tolerance) {
        RowstronDruschel.Hops d = distribution();
        assertThat(d.largestDifference(model)).as("largest difference from the ideal model (%s): %s",
                java.util.Arrays.toString(model), d).isLessThanOrEqualTo(tolerance);
    }

    @Then("at least {int}% of the routes took {int} or {int} hops")
    public void mostRoutesTook(int percent, int a, int b) {
        RowstronDruschel.Hops d = distribution();
        assertThat(100 * (d.share(a) + d.share(b))).as("routes with %d or %d hops: %s", a, b, d)
                .isGreaterThanOrEqualTo(percent);
    }

    /**
     * Rowstron and Druschel's "no repair": every live node stops (or resumes) repairing its routing table, on any runtime
     * ({@link PastryTableRepair}: in the JVM on each node's thread, in containers through the control interface); each
     * node confirms the state it was switched to.
     */
    @When("the Pastry nodes' routing-table repair is switched {word}")
    public void tableRepair(String onOff) {
        if (!onOff.equals("on") && !onOff.equals("off")) {
            throw new IllegalArgumentException("routing-table repair is switched 'on' or 'off', got '" + onOff + "'");
        }
        int switched = PastryTableRepair.set(world.runtime(), onOff.equals("on"));
        world.record("table_repair_switched_" + onOff + "_at_s", world.runtime().nowMillis() / 1000.0);
        world.record("table_repair_switched_" + onOff + "_nodes", switched);
    }

    @When("the mean hops of {int} random routes are measured {string}")
    public void phase(int routes, String label) {
        Steps.count("the number of routes", routes, 1, 10_000_000);
        RowstronDruschel.Hops h = RowstronDruschel.hops(world.runtime(), routes, world.rng("hops-" + label));
        double modelMean = PrefixRoutingModel.mean(idealModel("hops-model-" + label));
        phases.put(label, new RowstronDruschel.Phase(h, modelMean, world.runtime().liveNodes().size()));
        world.lastLookups(h.stats());
        String metric = label.replaceAll("[^A-Za-z0-9]+", "_");
        world.record("hops_mean." + metric, h.mean());
        world.record("ideal_model_hops_mean." + metric, modelMean);
        world.record("hops_above_model." + metric, h.mean() - modelMean);
        world.record("lookup_success." + metric, h.stats().successRate());
        String rel = "pastry/failure-hops-" + slug() + ".csv";
        Path csv = RunCollector.reportDir().resolve(rel);
        RowstronDruschel.writeFailureCsv(phases, csv);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        int i = 0;
        StringBuilder order = new StringBuilder();
        for (Map.Entry<String, RowstronDruschel.Phase> e : phases.entrySet()) {
            series.computeIfAbsent("measured", k -> new ArrayList<>()).add(new double[] {i, e.getValue().hops().mean()});
            series.computeIfAbsent("ideal prefix routing on the live ids", k -> new ArrayList<>())
                    .add(new double[] {i, e.getValue().modelMean()});
            order.append(i == 0 ? "" : ", ").append(i).append(" = ").append(e.getKey());
            i++;
        }
        Charts.curves("Pastry mean hops around a failure of 10% (cf. Rowstron & Druschel Fig. 10)", "phase (" + order + ")",
                "mean routing hops", series, false, png(csv));
        if (!world.dataFiles().contains(rel)) {
            world.dataFile(rel);
        }
    }

    private RowstronDruschel.Phase phase(String label) {
        RowstronDruschel.Phase p = phases.get(label);
        if (p == null) {
            throw new IllegalStateException("no routes were measured '" + label + "'; measured: " + phases.keySet());
        }
        return p;
    }

    @Then("the mean hops measured {string} are within {double} of the ideal prefix-routing model's")
    public void phaseWithinModel(String label, double tolerance) {
        RowstronDruschel.Phase p = phase(label);
        assertThat(p.hops().mean()).as("mean hops %s (ideal model %.3f): %s", label, p.modelMean(), p.hops())
                .isBetween(p.modelMean() - tolerance, p.modelMean() + tolerance);
    }

    /**
     * The failure's own effect: how much further above ideal prefix routing on the live ids of its moment one phase
     * lies than another. The model follows the network's size (fewer live nodes, fewer hops), so this compares the
     * state of the tables, not the size of the network.
     */
    @Then("the mean hops measured {string} lie at least {double} further above the ideal prefix-routing model's than those measured {string}")
    public void phaseFurtherAboveModel(String later, double margin, String earlier) {
        RowstronDruschel.Phase a = phase(later);
        RowstronDruschel.Phase b = phase(earlier);
        double excessA = a.hops().mean() - a.modelMean();
        double excessB = b.hops().mean() - b.modelMean();
        assertThat(excessA - excessB).as("mean hops above the ideal model, %s (%.3f - %.3f) minus %s (%.3f - %.3f)", later,
                a.hops().mean(), a.modelMean(), earlier, b.hops().mean(), b.modelMean()).isGreaterThanOrEqualTo(margin);
    }

    @Then("the mean hops measured {string} exceed those measured {string} by at least {double}")
    public void phaseExceeds(String later, String earlier, double margin) {
        RowstronDruschel.Hops a = phase(later).hops();
        RowstronDruschel.Hops b = phase(earlier).hops();
        assertThat(a.mean() - b.mean()).as("mean hops %s (%.3f) minus %s (%.3f)", later, a.mean(), earlier, b.mean())
                .isGreaterThanOrEqualTo(margin);
    }
}
