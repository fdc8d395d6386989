package io.p2ptestbed.features.steps.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.gnutella.ReachExperiment;
import io.p2ptestbed.reports.Charts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reach of a Gnutella flood against TTL and degree, against Σ_{i=1..t} d·(d−1)^(i−1), on d-regular random
 * topologies of the scenario's size and seed ({@link ReachExperiment}); writes the curve as CSV and a chart.
 */
public class GnutellaReachSteps {

    private final TestbedWorld world;
    private final List<ReachExperiment.Point> points = new ArrayList<>();

    public GnutellaReachSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("{int} floods per TTL from {int} to {int} run on d-regular random topologies of degree {word}")
    public void run(int floods, int fromTtl, int toTtl, String degrees) {
        Steps.count("the floods per point", floods, 1, 10_000);
        Steps.count("the first TTL", fromTtl, 1, 20);
        Steps.count("the last TTL", toTtl, fromTtl, 20);
        int[] d = numbers(degrees);
        int[] ttls = java.util.stream.IntStream.rangeClosed(fromTtl, toTtl).toArray();
        points.addAll(ReachExperiment.run(world.scenario().nodes(), d, ttls, floods, world.scenario().seed(), p -> {
            String key = "d" + p.degree() + ".t" + p.ttl();
            world.record("reach_mean." + key, p.meanReach());
            world.record("reach_ball." + key, p.meanBall());
            world.record("reach_formula." + key, p.formula());
            world.record("reach_ratio." + key, p.ratio());
        }));
        String slug = world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        String rel = "gnutella/" + slug + "-reach.csv";
        Path csv = RunCollector.reportDir().resolve(rel);
        ReachExperiment.writeCsv(points, csv);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (ReachExperiment.Point p : points) {
            series.computeIfAbsent("measured reach, d = " + p.degree(), k -> new ArrayList<>()).add(new double[] {p.ttl(), Math.max(1e-3, p.meanReach())});
            series.computeIfAbsent("tree formula, d = " + p.degree(), k -> new ArrayList<>()).add(new double[] {p.ttl(), p.formula()});
        }
        Charts.curves("Gnutella flood reach vs TTL, N = " + world.scenario().nodes() + " (d-regular random graphs)", "TTL",
                "nodes reached besides the origin", series, true, csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".png")));
        world.dataFile(rel);
    }

    @Then("every flood reached exactly the nodes within its TTL in the graph")
    public void reachIsTheBall() {
        assertThat(points).as("points of the reach curve").isNotEmpty();
        for (ReachExperiment.Point p : points) {
            assertThat(p.irregularNodes()).as("servents without exactly d = %d connections: %s", p.degree(), points).isZero();
            assertThat(p.meanReach()).as("mean reach against the mean number of nodes within t hops: %s", p)
                    .isCloseTo(p.meanBall(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Then("no mean reach exceeds the tree formula")
    public void atMostFormula() {
        for (ReachExperiment.Point p : points) {
            assertThat(p.meanReach()).as("%s", p).isLessThanOrEqualTo(p.formula());
        }
    }

    @Then("where the formula stays under {double}% of the network the mean reach is within {double}% of it")
    public void closeWhereSmall(double sharePercent, double tolerance) {
        Steps.percent("the share of the network", sharePercent);
        Steps.percent("the tolerance", tolerance);
        int checked = 0;
        for (ReachExperiment.Point p : points) {
            if (100 * p.formulaShare() < sharePercent) {
                checked++;
                assertThat(p.ratio()).as("reach over the formula: %s", p).isGreaterThanOrEqualTo(1 - tolerance / 100);
            }
        }
        assertThat(checked).as("points whose formula is under %.1f%% of the network: %s", sharePercent, points).isPositive();
    }

    @Then("where the formula passes {double}% of the network loops cut the reach to below {double}% of it")
    public void loopsWhereLarge(double sharePercent, double ratioPercent) {
        int checked = 0;
        for (ReachExperiment.Point p : points) {
            if (100 * p.formulaShare() > sharePercent) {
                checked++;
                assertThat(100 * p.ratio()).as("reach over the formula: %s", p).isLessThan(ratioPercent);
            }
        }
        assertThat(checked).as("points whose formula passes %.1f%% of the network: %s", sharePercent, points).isPositive();
    }

    private static int[] numbers(String list) {
        try {
            return Arrays.stream(list.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("degrees must be whole numbers separated by commas without spaces (e.g. 4,6,8), got '"
                    + list + "'");
        }
    }
}
