package io.p2ptestbed.features.steps.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.pastry.CastroSweep;
import io.p2ptestbed.harness.attack.pastry.PastryAttacks;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.RouteRequest;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.pastry.PastryConfig;
import io.p2ptestbed.overlay.pastry.PastryConfig.SecureRouting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Attacks on Pastry (Pastry only): Castro et al.'s colluding members, Sybils ground into a victim's leaf
 * set and rows, id suppression, and the reproduction of Castro et al.'s routing-success curve.
 */
public class PastryAttackSteps {

    private final TestbedWorld world;
    private PastryAttacks.Turned turned;
    private List<CastroSweep.Point> curve;

    public PastryAttackSteps(TestbedWorld world) {
        this.world = world;
    }

    /** A malicious Pastry node's behaviour. */
    @ParameterType(name = "pastryLie", value = "misroute|drop routes|poison routing state|stay honest")
    public PastryLie pastryLie(String phrase) {
        return switch (phrase) {
            case "misroute" -> PastryLie.MISROUTE;
            case "drop routes" -> PastryLie.DROP_ROUTES;
            case "poison routing state" -> PastryLie.POISON;
            default -> PastryLie.NONE;
        };
    }

    @When("{int}% of the nodes turn into Pastry colluders that {pastryLie}")
    public void turn(int percent, PastryLie lie) {
        Steps.percent("the colluder share", percent);
        if (turned == null) {
            turned = new PastryAttacks.Turned(world.runtime(), world.rng("pastry-colluders"), List.of());
        }
        long start = world.runtime().nowMillis();
        turned.turnUpTo(percent / 100.0, lie);
        world.attackers().addAll(turned.colluders().members());
        world.record("colluders", turned.size());
        world.record("honest_root_share", turned.honestRootShare());
        world.interval(percent + "% colluders", start, world.runtime().nowMillis());
    }

    /**
     * Castro et al.'s success criterion against the share of the ring whose closest node is honest (the turn step's
     * honest_root_share): no defence routes a key to an honest root when its closest node is a colluder, and that share
     * depends on the ids, so with certified ids on real sockets on the lab port. The floor is the given part of it, as a
     * one-sided binomial test of the last lookups.
     */
    @Then("lookup success is at least {double}% of the honest root share, within sampling error at {double}% confidence")
    public void successOfHonestRootShare(double percent, double confidence) {
        Steps.percent("the part of the honest root share", percent);
        if (turned == null) {
            throw new IllegalStateException("no Pastry colluders have turned, so there is no honest root share: use "
                    + "'N% of the nodes turn into Pastry colluders that ...' first");
        }
        double share = turned.honestRootShare();
        LookupStats s = world.lastLookups();
        world.record("lookup_success_of_honest_root_share", share == 0 ? Double.NaN : s.successRate() / share);
        io.p2ptestbed.features.steps.Floors.atLeast(world, "lookup success against " + percent + "% of the honest root share "
                + String.format(Locale.ROOT, "%.4f", share), "lookup_of_honest_root", s.count(), s.successes(),
                percent * share, confidence, s.toString());
    }

    @When("{int} Sybils that {pastryLie} are ground into the leaf set and routing-table rows of node {string}")
    public void groundSybils(int count, PastryLie lie, String node) {
        NodeHandle victim = world.node(node);
        world.markVictim(victim);
        world.snapshot("before the Sybils join");
        long start = world.runtime().nowMillis();
        PastryAttacks.Launched l = PastryAttacks.groundSybils(world.runtime(), victim, count, lie);
        world.attackers().addAll(l.contacts());
        world.record("sybils", l.contacts().size());
        world.interval("Sybils ground next to " + node, start, world.runtime().nowMillis());
    }

    @When("{int} Sybils ground around node {string} suppress its id")
    public void suppress(int count, String node) {
        NodeHandle target = world.node(node);
        world.markVictim(target);
        long start = world.runtime().nowMillis();
        PastryAttacks.Launched l = PastryAttacks.suppressors(world.runtime(), target, count);
        world.attackers().addAll(l.contacts());
        world.record("suppressors", l.contacts().size());
        world.interval("Sybils suppress " + node, start, world.runtime().nowMillis());
    }

    @When("node {string} routes {int} random keys")
    public void victimRoutes(String node, int count) {
        Steps.count("the number of lookups", count, 1, 1_000_000);
        List<RouteRequest> reqs = Workloads.randomRoutes(List.of(world.node(node)), count, world.rng("routes-from-" + node));
        grade(reqs);
    }

    @When("{int} random keys near node {string} are routed from random nodes")
    public void keysNear(int count, String node) {
        Steps.count("the number of lookups", count, 1, 1_000_000);
        NodeHandle target = world.node(node);
        var rng = world.rng("keys-near-" + node);
        List<NodeHandle> live = world.runtime().liveNodes();
        List<RouteRequest> reqs = new ArrayList<>();
        while (reqs.size() < count) {
            NodeHandle from = live.get(rng.nextInt(live.size()));
            if (!from.equals(target)) {
                // a key within 2^96 of the target's id: far closer to it than to any other node (gaps ~2^128 / N)
                java.math.BigInteger k = io.p2ptestbed.overlay.pastry.PastryIds.big(target.id())
                        .add(java.math.BigInteger.valueOf(rng.nextLong() >>> 1).shiftLeft(33)).mod(java.math.BigInteger.ONE.shiftLeft(128));
                reqs.add(new RouteRequest(from, new io.p2ptestbed.overlay.id.NodeId(k.shiftRight(64).longValue(), k.longValue(), 0)));
            }
        }
        grade(reqs);
    }

    private void grade(List<RouteRequest> reqs) {
        LookupStats s = LookupStats.evaluateRoutes(reqs, world.runtime().routes(reqs), world.runtime().truth(),
                world.scenario().resultSize());
        world.lastLookups(s);
    }

    @When("routing success to the correct root is measured at {string}% colluders that {pastryLie}, with {int} lookups per point, routing {string}")
    public void castroCurve(String percents, PastryLie lie, int lookups, String modes) {
        Steps.count("the number of lookups per point", lookups, 1, 100_000);
        double[] fractions = Arrays.stream(percents.split(",")).mapToDouble(p -> {
            double v = Double.parseDouble(p.trim());
            if (v < 0 || v >= 90) {
                throw new IllegalArgumentException("colluder percentages must be in [0, 90), got " + p.trim());
            }
            return v / 100;
        }).toArray();
        List<SecureRouting> ms = Arrays.stream(modes.split(",")).map(m -> PastryConfig.SecureRouting.parse(m)).toList();
        long start = world.runtime().nowMillis();
        int replicas = PastryConfig.of(world.scenario().protocol()).leafSet(); // the paper's l = r
        curve = CastroSweep.run(world.runtime(), fractions, ms, lookups, lie, 30_000, replicas, world.rng("castro-sweep"));
        world.interval("Castro sweep", start, world.runtime().nowMillis());
        for (CastroSweep.Point p : curve) {
            world.record(String.format(Locale.ROOT, "castro_%s_f%02.0f", p.mode(), 100 * p.fraction()), p.success());
            world.record(String.format(Locale.ROOT, "castro_%s_all_f%02.0f", p.mode(), 100 * p.fraction()), p.allSuccess());
            world.record(String.format(Locale.ROOT, "castro_%s_replicas_f%02.0f", p.mode(), 100 * p.fraction()),
                    p.replicaSuccess());
            world.record(String.format(Locale.ROOT, "castro_%s_messages_f%02.0f", p.mode(), 100 * p.fraction()),
                    p.meanMessages());
            if (p.mode().startsWith("test")) {
                world.record(String.format(Locale.ROOT, "castro_%s_fallback_f%02.0f", p.mode(), 100 * p.fraction()),
                        p.fallbackShare());
            }
        }
    }

    @When("the Castro curve is written to {string}")
    public void writeCurve(String relative) {
        Path file = RunCollector.reportDir().resolve(relative);
        PastryConfig c = PastryConfig.of(world.scenario().protocol());
        CastroSweep.writeCsv(points(), world.scenario().nodes(), c.b(), CastroSweep.PAPER, file);
        world.dataFile(relative);
    }

    private List<CastroSweep.Point> points() {
        if (curve == null) {
            throw new IllegalStateException("no Castro curve measured yet: use 'routing success to the correct root is "
                    + "measured at ...' first");
        }
        return curve;
    }

    private CastroSweep.Point point(String mode, int percent) {
        return points().stream().filter(p -> p.mode().equals(mode) && Math.round(100 * p.fraction()) == percent)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the curve has no point for " + mode
                        + " at " + percent + "% colluders: " + points()));
    }

    @Then("at {int}% colluders {string} routing reaches the correct root within {double} of the model \\(1 - f)^\\(h - 1)")
    public void nearModel(int percent, String mode, double tolerance) {
        CastroSweep.Point p = point(mode, percent);
        double model = CastroSweep.model(p.fraction(), world.scenario().nodes(), PastryConfig.of(world.scenario().protocol()).b());
        world.record("castro_model_f" + percent, model);
        assertThat(p.success()).as("%s routing at %d%% colluders vs the model %.3f: %s", mode, percent, model, points())
                .isBetween(model - tolerance, model + tolerance);
    }

    @Then("at {int}% colluders {string} routing over all keys reaches the closest correct node within {double} of the paper's model \\(1 - f)^h")
    public void nearPaperModel(int percent, String mode, double tolerance) {
        CastroSweep.Point p = point(mode, percent);
        double model = CastroSweep.paperModel(p.fraction(), world.scenario().nodes(), PastryConfig.of(world.scenario().protocol()).b());
        world.record("castro_paper_model_f" + percent, model);
        assertThat(p.allSuccess()).as("%s routing over all %d keys at %d%% colluders vs the paper's model %.3f: %s", mode,
                p.allLookups(), percent, model, points()).isBetween(model - tolerance, model + tolerance);
    }

    @Then("at {int}% colluders {string} routing over all keys reaches the closest correct node at least {double}% of the time")
    public void allKeysAtLeast(int percent, String mode, double floor) {
        CastroSweep.Point p = point(mode, percent);
        assertThat(100 * p.allSuccess()).as("%s routing over all %d keys at %d%% colluders: %s", mode, p.allLookups(), percent,
                points()).isGreaterThanOrEqualTo(floor);
    }

    @Then("at {int}% colluders {string} routing reaches all correct replica roots at least {double}% of the time")
    public void replicasAtLeast(int percent, String mode, double floor) {
        assertThat(100 * replicaShare(percent, mode)).isGreaterThanOrEqualTo(floor);
    }

    @Then("at {int}% colluders {string} routing reaches all correct replica roots within {double} of the paper's model \\(1 - f)^h")
    public void replicasNearPaperModel(int percent, String mode, double tolerance) {
        double model = CastroSweep.paperModel(percent / 100.0, world.scenario().nodes(),
                PastryConfig.of(world.scenario().protocol()).b());
        assertThat(replicaShare(percent, mode)).as("vs the paper's model %.3f", model).isBetween(model - tolerance,
                model + tolerance);
    }

    @Then("at {int}% colluders {string} routing reaches all correct replica roots less than {double}% of the time")
    public void replicasBelow(int percent, String mode, double ceiling) {
        assertThat(100 * replicaShare(percent, mode)).isLessThan(ceiling);
    }

    @Then("at {int}% colluders {string} routing fell back to redundant routing at most {double}% of the time")
    public void fallbackAtMost(int percent, String mode, double ceiling) {
        assertThat(100 * fallbackShare(percent, mode)).isLessThanOrEqualTo(ceiling);
    }

    @Then("at {int}% colluders {string} routing fell back to redundant routing at least {double}% of the time")
    public void fallbackAtLeast(int percent, String mode, double floor) {
        assertThat(100 * fallbackShare(percent, mode)).isGreaterThanOrEqualTo(floor);
    }

    /** The share of all keys whose plain route failed the routing failure test and was redone redundantly. */
    private double fallbackShare(int percent, String mode) {
        CastroSweep.Point p = point(mode, percent);
        System.out.printf(Locale.ROOT, "%s routing over all %d keys at %d%% colluders: fell back %.4f of the time; "
                + "curve %s%n", mode, p.allLookups(), percent, p.fallbackShare(), points());
        return p.fallbackShare();
    }

    /** The share of all keys whose answer named all correct replica roots; failures print the whole curve. */
    private double replicaShare(int percent, String mode) {
        CastroSweep.Point p = point(mode, percent);
        System.out.printf(Locale.ROOT, "%s routing over all %d keys at %d%% colluders: all correct replica roots %.4f; "
                + "curve %s%n", mode, p.allLookups(), percent, p.replicaSuccess(), points());
        return p.replicaSuccess();
    }

    @Then("at {int}% colluders {string} routing reaches the correct root at least {double}% of the time")
    public void atLeast(int percent, String mode, double floor) {
        CastroSweep.Point p = point(mode, percent);
        assertThat(100 * p.success()).as("%s routing at %d%% colluders: %s", mode, percent, points()).isGreaterThanOrEqualTo(floor);
    }

    @Then("at {int}% colluders {string} routing reaches the correct root less than {double}% of the time")
    public void below(int percent, String mode, double ceiling) {
        CastroSweep.Point p = point(mode, percent);
        assertThat(100 * p.success()).as("%s routing at %d%% colluders: %s", mode, percent, points()).isLessThan(ceiling);
    }

    @Then("the Pastry colluders lied at least {int} times")
    public void lied(int times) {
        assertThat(turned).as("no Pastry colluders turned in this scenario").isNotNull();
        assertThat(turned.lies()).isGreaterThanOrEqualTo(times);
    }
}
