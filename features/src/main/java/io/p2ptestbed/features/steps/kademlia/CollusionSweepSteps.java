package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.features.world.kademlia.ColluderWorld;
import io.p2ptestbed.harness.attack.LookupTally;
import io.p2ptestbed.harness.kademlia.attack.CollusionSweep;
import io.p2ptestbed.harness.kademlia.attack.DisjointSweep;
import io.p2ptestbed.harness.kademlia.attack.LookupMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * S/Kademlia's disjoint-path curve under the colluding-adversary model (docs/steps.md, "Colluders"): each
 * sweep builds its own networks from the scenario (one per fraction when colluders are present from the
 * start), so it needs no "the network has converged" before it. Its points also feed the curve assertions
 * of {@link ColluderSteps} (success rises with d, plain success falls, a floor at one fraction).
 */
public class CollusionSweepSteps {

    private final TestbedWorld world;

    public CollusionSweepSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("lookup success is measured at {string}% colluders that {colluderStrategy}, {colluderPresence}, with {int} lookups per point, for these lookups:")
    public void sweep(String percents, ColluderStrategy strategy, Boolean fromStart, int lookups, DataTable table) {
        Steps.count("lookups per point", lookups, 1, 1_000_000);
        if (world.started()) {
            throw new IllegalStateException("a collusion sweep builds its own networks from the scenario; leave out 'the network "
                    + "has converged' and any step that starts the network before it");
        }
        List<LookupMode> modes = ColluderSteps.lookupModes(table);
        CollusionSweep.Settings s = new CollusionSweep.Settings(ColluderSteps.fractions(percents), modes, strategy, fromStart, lookups);
        ColluderWorld cw = ColluderWorld.of(world);
        String tag = strategy.name().toLowerCase(Locale.ROOT).replace('_', '-') + (fromStart ? ".from-start" : ".turned");
        List<CollusionSweep.Point> points = CollusionSweep.run(world.scenario(), s, p -> {
            world.record(String.format(Locale.ROOT, "success.%s.%s_d%d.f%02.0f", tag, p.defence(), p.d(), 100 * p.adversaryFraction()),
                    p.lookupSuccess());
            cw.collusionCurve.add(p);
        });
        for (CollusionSweep.Point p : points) {
            LookupTally t = new LookupTally(p.lookups(), p.successes(), 0, 0, 0, p.queries(), 0);
            cw.curve.add(new DisjointSweep.Point(p.defence(), p.d(), p.alpha(), p.adversaryFraction(), p.lookupSuccess(), p.lookups(), t));
        }
        world.record("colluder_table_share_at_max", points.get(points.size() - 1).colluderTableShare());
    }

    @When("the collusion curve is written to {string}")
    public void write(String relative) {
        Path file = RunCollector.reportDir().resolve(relative);
        CollusionSweep.writeCsv(curve(), file);
        world.dataFile(relative);
    }

    /**
     * How much each rule choice moves the curve at one colluder share: one row per strategy, presence and
     * success rule measured in this scenario, one column per lookup (plain, d = 1, 2, 4, 8 ...).
     */
    @When("the sensitivity table at {int}% colluders is written to {string}")
    public void sensitivity(int percent, String relative) {
        Steps.percent("the colluder share", percent);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TreeSet<String> columns = new TreeSet<>((a, b) -> a.startsWith("plain") == b.startsWith("plain")
                ? Integer.compare(Integer.parseInt(a.replaceAll("\\D", "")), Integer.parseInt(b.replaceAll("\\D", "")))
                : a.startsWith("plain") ? -1 : 1);
        for (CollusionSweep.Point p : curve()) {
            if (Math.abs(100 * p.adversaryFraction() - percent) > 0.5) {
                continue;
            }
            String col = p.defence().equals("plain") ? "plain a=" + p.alpha() : "d=" + p.d();
            columns.add(col);
            String base = p.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-') + "," + p.presence();
            rows.computeIfAbsent(base + ",merged-k-closest", k -> new LinkedHashMap<>()).put(col, p.lookupSuccess());
            rows.computeIfAbsent(base + ",any-path", k -> new LinkedHashMap<>()).put(col, p.anyPathSuccess());
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no sweep point at " + percent + "% colluders: measure that share first");
        }
        StringBuilder sb = new StringBuilder("strategy,presence,success_rule");
        columns.forEach(c -> sb.append(',').append(c));
        sb.append('\n');
        rows.forEach((k, v) -> {
            sb.append(k);
            columns.forEach(c -> sb.append(',').append(v.containsKey(c) ? String.format(Locale.ROOT, "%.3f", v.get(c)) : ""));
            sb.append('\n');
        });
        Path file = RunCollector.reportDir().resolve(relative);
        io.p2ptestbed.harness.metrics.DataFiles.write(file, sb.toString());
        world.dataFile(relative);
    }

    @Then("with {int}% colluders that {colluderStrategy}, lookups over {int} disjoint path(s) succeed between {double}% and {double}% of the time")
    public void between(int percent, ColluderStrategy strategy, int d, double min, double max) {
        Steps.percent("the colluder share", percent);
        List<CollusionSweep.Point> at = curve().stream().filter(p -> p.strategy() == strategy && p.defence().equals("disjoint")
                && p.d() == d && Math.abs(100 * p.adversaryFraction() - percent) < 0.5).toList();
        assertThat(at).as("disjoint points with d = %d at %d%% colluders that %s", d, percent, strategy.phrase()).isNotEmpty();
        for (CollusionSweep.Point p : at) {
            assertThat(100 * p.lookupSuccess()).as("%s", p).isBetween(min, max);
        }
    }

    private List<CollusionSweep.Point> curve() {
        List<CollusionSweep.Point> c = ColluderWorld.of(world).collusionCurve;
        if (c.isEmpty()) {
            throw new IllegalStateException("no collusion curve measured: use 'lookup success is measured at ...% colluders that "
                    + "answer with ..., present from the start, ...' first");
        }
        return c;
    }
}
