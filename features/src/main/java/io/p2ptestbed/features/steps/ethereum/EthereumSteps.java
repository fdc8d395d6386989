package io.p2ptestbed.features.steps.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.ethereum.EthSybil;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.ethereum.DockerMarcus;
import io.p2ptestbed.harness.ethereum.MarcusEclipse;
import io.p2ptestbed.harness.ethereum.MarcusEclipse.Point;
import io.p2ptestbed.harness.metrics.BinomialFloor;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ethereum only: Marcus, Heilman and Goldberg's eclipse (2018), as curves of the eclipse rate and the attacker's
 * share of the victims' connections against the number of attacker ids, with and without each countermeasure of
 * geth 1.8; and the attack on one named node of the running network, after which the neutral neighbour-set
 * sentences measure its devp2p peers (inbound and outbound).
 */
public class EthereumSteps {

    private final TestbedWorld world;
    private final List<Point> points = new ArrayList<>();

    public EthereumSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("Marcus's eclipse runs against {int} victims with {word} attacker ids on {int} IP addresses under the countermeasures {word}")
    public void curves(int victims, String idList, int ips, String defences) {
        curves(victims, new long[] {world.scenario().seed()}, idList, ips, defences);
    }

    /** The curves with every point pooled over several seeds (a fresh network of {@code victims} victims per seed). */
    @When("Marcus's eclipse runs against {int} victims on each of the seeds {word} with {word} attacker ids on {int} IP addresses under the countermeasures {word}")
    public void pooledCurves(int victims, String seedList, String idList, int ips, String defences) {
        long[] seeds;
        try {
            seeds = Arrays.stream(seedList.split(",")).mapToLong(x -> Long.parseLong(x.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seeds must be integers separated by commas without spaces (e.g. 1802,1803,1804), got '"
                    + seedList + "'");
        }
        if (seeds.length > 20 || Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new IllegalArgumentException("name 1 to 20 distinct seeds, got '" + seedList + "'");
        }
        curves(victims, seeds, idList, ips, defences);
    }

    private void curves(int victims, long[] seeds, String idList, int ips, String defences) {
        Steps.count("the number of victims", victims, 1, 100);
        Steps.count("the number of attacker IP addresses", ips, 1, 50);
        int[] ids;
        try {
            ids = Arrays.stream(idList.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attacker id counts must be integers separated by commas without spaces "
                    + "(e.g. 50,200,800), got '" + idList + "'");
        }
        for (int x : ids) {
            Steps.count("the number of attacker ids", x, 1, 100_000);
        }
        List<String> ds = Arrays.stream(defences.split(",")).map(String::trim).toList();
        MarcusEclipse.Setup base = MarcusEclipse.Setup.standard(victims);
        MarcusEclipse.Setup setup = new MarcusEclipse.Setup(ips, base.poisonMillis(), base.warmupMillis(), base.gapMillis(),
                base.downMillis(), base.measureMillis(), victims);
        long start = world.runtime().nowMillis();
        points.addAll(MarcusEclipse.curves(world.scenario(), ds, ids, seeds, setup, p -> {
            String key = p.defence() + ".ids" + p.ids();
            world.record("eclipse_rate." + key, p.eclipseRate());
            world.record("eclipsed." + key, p.eclipsed());
            world.record("victims." + key, p.victims());
            world.record("connection_share." + key, p.meanShare());
            world.record("outbound_share." + key, p.meanOutboundShare());
            world.record("table_attacker_share." + key, p.meanTableShare());
        }));
        world.interval("Marcus's eclipse, " + points.size() + " points", start, world.runtime().nowMillis());
        String rel = "ethereum/" + world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
                + "-marcus.csv";
        MarcusEclipse.writeCsv(points, RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    private Point point(String defence, int ids) {
        return points.stream().filter(p -> p.defence().equals(defence) && p.ids() == ids).findFirst()
                .orElseThrow(() -> new IllegalStateException("no point measured for countermeasures '" + defence + "' at " + ids
                        + " attacker ids; measured: " + points));
    }

    @Then("under {word} with {int} attacker ids at least {int}% of the victims were eclipsed")
    public void eclipsedAtLeast(String defence, int ids, int percent) {
        assertThat(100 * point(defence, ids).eclipseRate()).as("victims eclipsed: %s", points)
                .isGreaterThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker ids at most {int}% of the victims were eclipsed")
    public void eclipsedAtMost(String defence, int ids, int percent) {
        assertThat(100 * point(defence, ids).eclipseRate()).as("victims eclipsed: %s", points)
                .isLessThanOrEqualTo(Steps.percent("the share", percent));
    }

    /**
     * A bound on the eclipse rate as a one-sided binomial test over the point's victims (pooled seeds): the claim "the
     * true rate is at least p" fails only when so few victims were eclipsed that a rate of p would give that few with
     * probability below 1 - confidence ({@link BinomialFloor}).
     */
    @Then("under {word} with {int} attacker ids at least {int}% of the victims were eclipsed, at {int}% confidence")
    public void eclipsedAtLeastWithConfidence(String defence, int ids, int percent, int confidence) {
        Point p = point(defence, ids);
        double alpha = alpha(confidence);
        long min = BinomialFloor.minimumPassing(p.victims(), Steps.percent("the share", percent) / 100.0, alpha);
        assertThat((long) p.eclipsed()).as("victims eclipsed under %s at %d ids (%d of %d over %d seeds): a true rate of at least "
                + "%d%% gives at least %d with %d%% confidence; %s", defence, ids, p.eclipsed(), p.victims(), p.seeds(), percent, min,
                confidence, points).isGreaterThanOrEqualTo(min);
    }

    /** The same the other way: the claim "the true rate is at most p" fails only when too many victims were eclipsed. */
    @Then("under {word} with {int} attacker ids at most {int}% of the victims were eclipsed, at {int}% confidence")
    public void eclipsedAtMostWithConfidence(String defence, int ids, int percent, int confidence) {
        Point p = point(defence, ids);
        double alpha = alpha(confidence);
        // at most p eclipsed = at least 1 - p kept honest peers
        long minKept = BinomialFloor.minimumPassing(p.victims(), 1 - Steps.percent("the share", percent) / 100.0, alpha);
        long max = p.victims() - minKept;
        assertThat((long) p.eclipsed()).as("victims eclipsed under %s at %d ids (%d of %d over %d seeds): a true rate of at most "
                + "%d%% gives at most %d with %d%% confidence; %s", defence, ids, p.eclipsed(), p.victims(), p.seeds(), percent, max,
                confidence, points).isLessThanOrEqualTo(max);
    }

    private static double alpha(int confidence) {
        if (confidence <= 50 || confidence >= 100) {
            throw new IllegalArgumentException("confidence must be between 50% and 100% (exclusive), got " + confidence + "%");
        }
        return 1 - confidence / 100.0;
    }

    @Then("under {word} with {int} attacker ids the attacker held at least {int}% of the victims' connections")
    public void shareAtLeast(String defence, int ids, int percent) {
        assertThat(100 * point(defence, ids).meanShare()).as("attacker share of the victims' connections: %s", points)
                .isGreaterThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker ids the attacker held at most {int}% of the victims' connections")
    public void shareAtMost(String defence, int ids, int percent) {
        assertThat(100 * point(defence, ids).meanShare()).as("attacker share of the victims' connections: %s", points)
                .isLessThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker ids the attacker's ids were at most {int}% of the victims' restarted tables")
    public void tableShareAtMost(String defence, int ids, int percent) {
        assertThat(100 * point(defence, ids).meanTableShare()).as("attacker share of the victims' restarted tables: %s", points)
                .isLessThanOrEqualTo(Steps.percent("the share", percent));
    }

    @When("{int} attacker ids on {int} IP addresses run Marcus's eclipse on node {string}")
    public void eclipseOne(int ids, int ips, String node) {
        eclipseOne(ids, ips, node, MarcusEclipse.Setup.standard(1));
    }

    @When("{int} attacker ids on {int} IP addresses run Marcus's eclipse on node {string}, restarting it {int} seconds after they pinged it")
    public void eclipseOneQuick(int ids, int ips, String node, int gapSeconds) {
        Steps.count("the seconds before the restart", gapSeconds, 1, 3_600);
        eclipseOne(ids, ips, node, new MarcusEclipse.Setup(ips, 10_000, 0, gapSeconds * 1_000L, 1_000, 20_000, 1));
    }

    private void eclipseOne(int ids, int ips, String node, MarcusEclipse.Setup shape) {
        Steps.count("the number of attacker ids", ids, 1, 100_000);
        Steps.count("the number of attacker IP addresses", ips, 1, 50);
        NetworkRuntime rt = world.runtime();
        MarcusEclipse.Lab lab;
        DockerMarcus docker = null;
        if (rt instanceof LocalRuntime local) {
            lab = MarcusEclipse.local(local);
        } else if (rt instanceof DockerRuntime d) {
            docker = new DockerMarcus(d);
            lab = docker;
        } else {
            throw new IllegalStateException("Marcus's eclipse runs on the simulated, loopback and docker runtimes; this scenario "
                    + "runs on " + rt.kind().label());
        }
        MarcusEclipse.Setup setup = new MarcusEclipse.Setup(ips, shape.poisonMillis(), 0, shape.gapMillis(), shape.downMillis(),
                shape.measureMillis(), 1);
        NodeHandle victim = world.node(node);
        world.markVictim(victim);
        world.snapshot("before the eclipse");
        long start = rt.nowMillis();
        MarcusEclipse.Attack a = MarcusEclipse.attack(lab, List.of(victim), ids, setup);
        if (docker != null) {
            Map<String, Long> c = docker.counters(a.sybils());
            // the ids' open devp2p connections: the victim's (held inbound slots, its dials to them) and any honest
            // node's that learned the ids from the victim's findnode answers
            world.record("attacker_open_connections", c.getOrDefault("held", 0L));
            world.record("attacker_holds_without_key", c.getOrDefault("hold.unknown_id", 0L));
            DockerMarcus stopper = docker;
            AttackWorld.of(world).closeLater(() -> stopper.stop(a.sybils()));
        }
        AttackWorld.of(world).showAttackers(a.sybils().stream().map(EthSybil::asContact).toList());
        Point p = MarcusEclipse.measure(lab, "scenario", ids, ips, List.of(victim), a.addresses());
        world.record("victim_peers", p.meanPeers());
        world.record("victim_outbound_attacker_share", p.meanOutboundShare());
        world.record("victim_table_attacker_share", p.meanTableShare());
        world.record("attacker_ids", ids);
        world.record("attacker_ips", ips);
        world.interval("Marcus's eclipse of " + node + " (ping, restart, hold)", start, rt.nowMillis());
    }
}
