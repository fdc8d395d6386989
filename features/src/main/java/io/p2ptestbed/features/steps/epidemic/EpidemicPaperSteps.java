package io.p2ptestbed.features.steps.epidemic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.epidemic.EpidemicExperiments;
import io.p2ptestbed.harness.epidemic.EpidemicExperiments.DemersRow;
import io.p2ptestbed.harness.epidemic.EpidemicExperiments.FanoutPoint;
import io.p2ptestbed.harness.metrics.BinomialFloor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The published epidemic results on the epidemic overlay: Demers et al. (PODC 1987) Table 1 and Kermarrec,
 * Massoulié and Ganesh (IEEE TPDS 2003) reliability of fanout ln N + c. Each experiment builds its own
 * simulated networks of the scenario's size and seed.
 */
public class EpidemicPaperSteps {

    private final TestbedWorld world;
    private final List<DemersRow> rows = new ArrayList<>();
    private final List<FanoutPoint> points = new ArrayList<>();

    public EpidemicPaperSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("rumour mongering with feedback and a counter spreads {int} rumours for each k from {int} to {int}")
    public void demers(int runs, int from, int to) {
        Steps.count("the number of rumours", runs, 1, 100_000);
        rows.addAll(EpidemicExperiments.demers(world.scenario(), from, to, runs, r -> {
            world.record("residue.k" + r.k(), r.residueMean());
            world.record("residue_paper.k" + r.k(), r.paperResidue());
            world.record("traffic.k" + r.k(), r.trafficMean());
            world.record("traffic_paper.k" + r.k(), r.paperTraffic());
        }));
        String rel = "epidemic/" + slug() + "-demers.csv";
        EpidemicExperiments.writeDemersCsv(rows, RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    @Then("every residue is within a factor of {double} of the paper's")
    public void residueWithin(double factor) {
        assertThat(rows).as("rows of the rumour-mongering table").isNotEmpty();
        for (DemersRow r : rows) {
            assertThat(r.residueMean()).as("residue s at k = %d (paper %.4f): %s", r.k(), r.paperResidue(), table())
                    .isBetween(r.paperResidue() / factor, r.paperResidue() * factor);
        }
    }

    @Then("every traffic is within {double}% of the paper's")
    public void trafficWithin(double percent) {
        Steps.percent("the traffic tolerance", percent);
        assertThat(rows).as("rows of the rumour-mongering table").isNotEmpty();
        for (DemersRow r : rows) {
            assertThat(r.trafficMean()).as("traffic m at k = %d (paper %.1f): %s", r.k(), r.paperTraffic(), table())
                    .isBetween(r.paperTraffic() * (1 - percent / 100), r.paperTraffic() * (1 + percent / 100));
        }
    }

    @Then("the residue falls and the traffic grows with every step of k")
    public void monotone() {
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).residueMean()).as("residue at k = %d vs k = %d: %s", rows.get(i).k(), rows.get(i - 1).k(), table())
                    .isLessThan(rows.get(i - 1).residueMean());
            assertThat(rows.get(i).trafficMean()).as("traffic at k = %d vs k = %d: %s", rows.get(i).k(), rows.get(i - 1).k(), table())
                    .isGreaterThan(rows.get(i - 1).trafficMean());
        }
    }

    @When("gossip with fanout ln N + c spreads {int} messages for each c in {word}")
    public void fanout(int runs, String cs) {
        Steps.count("the number of messages", runs, 1, 100_000);
        double[] c;
        try {
            c = Arrays.stream(cs.split(",")).mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("c values must be numbers separated by commas without spaces (e.g. -1,0,1,2), got '"
                    + cs + "'");
        }
        points.addAll(EpidemicExperiments.fanout(world.scenario(), c, runs, p -> {
            String key = String.format(Locale.ROOT, "c%+.1f", p.c());
            world.record("reached_all_share." + key, p.share());
            world.record("reached_all_theory." + key, p.theory());
            world.record("coverage_mean." + key, p.meanCoverage());
            world.record("messages_per_node." + key, p.meanMessagesPerNode());
        }));
        String rel = "epidemic/" + slug() + "-fanout.csv";
        EpidemicExperiments.writeFanoutCsv(points, RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    /**
     * The paper's limit e^(-e^(-c)) lies inside the two-sided Clopper-Pearson interval of the measured share
     * at the given confidence, at every c.
     */
    @Then("at every c the share of messages reaching every node matches e^\\(-e^\\(-c)) at {double}% confidence")
    public void matchesTheory(double confidence) {
        if (!(confidence > 50 && confidence < 100)) {
            throw new IllegalArgumentException("confidence must be in (50, 100)%, got " + confidence + "%");
        }
        assertThat(points).as("points of the reliability curve").isNotEmpty();
        double oneSided = 1 - (1 - confidence / 100) / 2;
        for (FanoutPoint p : points) {
            double lo = BinomialFloor.lowerBound(p.runs(), p.reachedAll(), oneSided);
            double hi = BinomialFloor.upperBound(p.runs(), p.reachedAll(), oneSided);
            String key = String.format(Locale.ROOT, "c%+.1f", p.c());
            world.record("reached_all_lower." + key, lo);
            world.record("reached_all_upper." + key, hi);
            assertThat(p.theory()).as("e^(-e^(-c)) at c = %.1f against %d of %d runs reaching everyone, interval [%.3f, %.3f]: %s",
                    p.c(), p.reachedAll(), p.runs(), lo, hi, points).isBetween(lo, hi);
        }
    }

    private String table() {
        StringBuilder sb = new StringBuilder("\n k | residue (paper) | traffic (paper)\n");
        for (DemersRow r : rows) {
            sb.append(String.format(Locale.ROOT, " %d | %.4f ± %.4f (%.4f) | %.2f ± %.2f (%.1f)%n", r.k(), r.residueMean(),
                    r.residueSe(), r.paperResidue(), r.trafficMean(), r.trafficSe(), r.paperTraffic()));
        }
        return sb.toString();
    }

    private String slug() {
        return world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }
}
