package io.p2ptestbed.features.steps.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.bitcoin.BitcoinSybil;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.bitcoin.DockerBitcoin;
import io.p2ptestbed.harness.bitcoin.HeilmanEclipse;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.bitcoin.HeilmanEclipse.Point;
import io.p2ptestbed.harness.runtime.LocalNode;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bitcoin only: Heilman et al.'s eclipse (USENIX Security 2015), as curves of the eclipse rate and the attacker's
 * share of the victims' outbound connections against the number of attacker addresses, with and without each
 * countermeasure Bitcoin Core adopted; and the attack on one named node of the running network, after which the
 * neutral neighbour-set sentences measure its outbound connections.
 */
public class BitcoinSteps {

    private final TestbedWorld world;
    private final List<Point> points = new ArrayList<>();

    public BitcoinSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("Heilman's eclipse runs against {int} victims with {word} attacker addresses under the countermeasures {word}")
    public void curves(int victims, String ts, String defences) {
        Steps.count("the number of victims", victims, 1, 100);
        int[] t;
        try {
            t = Arrays.stream(ts.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attacker address counts must be integers separated by commas without spaces "
                    + "(e.g. 100,400,1600), got '" + ts + "'");
        }
        for (int x : t) {
            Steps.count("the number of attacker addresses", x, 1, 100_000);
        }
        List<String> ds = Arrays.stream(defences.split(",")).map(String::trim).toList();
        long start = world.runtime().nowMillis();
        points.addAll(HeilmanEclipse.curves(world.scenario(), ds, t, HeilmanEclipse.Setup.standard(victims), p -> {
            String key = p.defence() + ".t" + p.addresses();
            world.record("eclipse_rate." + key, p.eclipseRate());
            world.record("outbound_share." + key, p.meanShare());
            world.record("tried_attacker_share." + key, p.meanTriedShare());
        }));
        world.interval("Heilman's eclipse, " + points.size() + " points", start, world.runtime().nowMillis());
        String rel = "bitcoin/" + world.scenario().name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
                + "-heilman.csv";
        HeilmanEclipse.writeCsv(points, RunCollector.reportDir().resolve(rel));
        world.dataFile(rel);
    }

    private Point point(String defence, int t) {
        return points.stream().filter(p -> p.defence().equals(defence) && p.addresses() == t).findFirst()
                .orElseThrow(() -> new IllegalStateException("no point measured for countermeasures '" + defence + "' at " + t
                        + " attacker addresses; measured: " + points));
    }

    @Then("under {word} with {int} attacker addresses at least {int}% of the victims were eclipsed")
    public void eclipsedAtLeast(String defence, int t, int percent) {
        Point p = point(defence, t);
        assertThat(100 * p.eclipseRate()).as("victims eclipsed: %s", points).isGreaterThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker addresses at most {int}% of the victims were eclipsed")
    public void eclipsedAtMost(String defence, int t, int percent) {
        Point p = point(defence, t);
        assertThat(100 * p.eclipseRate()).as("victims eclipsed: %s", points).isLessThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker addresses the attacker held at least {int}% of the victims' outbound connections")
    public void shareAtLeast(String defence, int t, int percent) {
        Point p = point(defence, t);
        assertThat(100 * p.meanShare()).as("attacker share of outbound connections: %s", points)
                .isGreaterThanOrEqualTo(Steps.percent("the share", percent));
    }

    @Then("under {word} with {int} attacker addresses the attacker held at most {int}% of the victims' outbound connections")
    public void shareAtMost(String defence, int t, int percent) {
        Point p = point(defence, t);
        assertThat(100 * p.meanShare()).as("attacker share of outbound connections: %s", points)
                .isLessThanOrEqualTo(Steps.percent("the share", percent));
    }

    /**
     * The attack reached the victim: the attacker's addresses held at least {@code n} connections to it when its
     * outbound connections were counted (its inbound slots they hold, or its dials to them). Counted by the attacker
     * container's node counters, so on the docker runtime only; a share of 0 must not hide an attack that never
     * reached the victim.
     */
    @Then("the attacker's addresses held at least {int} connections to the victim")
    public void heldAtLeast(int n) {
        Steps.count("the number of connections", n, 0, 100_000);
        Double held = world.metrics().get("attacker_open_connections");
        if (held == null) {
            throw new IllegalStateException("the attacker's open connections are counted only after \"N attacker "
                    + "addresses run Heilman's eclipse on node ...\" on the docker runtime; this scenario runs on "
                    + world.runtime().kind().label());
        }
        assertThat(held).as("connections the attacker's addresses held to the victim (%s opened in all)",
                world.metrics().get("attacker_connections_opened")).isGreaterThanOrEqualTo(n);
    }

    /**
     * Every live node holds at least {@code min} full outbound connections (its counter {@code connections.outbound}),
     * or, with fewer, is connected to every other live node (outbound plus inbound connections at least the live nodes
     * less one): Core opens no outbound connection to an address it is already connected to, so in a small network the
     * first joiners, whom nearly everyone dials, can have no address left to dial. Records {@code outbound_min} and
     * {@code nodes_below_outbound_floor}.
     */
    @Then("every bitcoin node keeps at least {int} outbound connections or is connected to every other node")
    public void outboundAtLeast(int min) {
        Steps.count("the outbound connections", min, 1, 1000);
        List<NodeHandle> live = world.runtime().liveNodes();
        long fewest = Long.MAX_VALUE;
        int below = 0;
        for (NodeHandle n : live) {
            Map<String, Long> c = n.stats();
            Long out = c.get("connections.outbound");
            Long in = c.get("connections.inbound");
            if (out == null || in == null) {
                throw new IllegalStateException(n + " counts no connections.outbound and connections.inbound: the step needs "
                        + "a bitcoin network");
            }
            fewest = Math.min(fewest, out);
            if (out < min) {
                below++;
                assertThat(out + in).as("connections of %s: %d outbound (fewer than %d) and %d inbound, so it must be "
                        + "connected to every other of the %d live nodes", n, out, min, in, live.size())
                        .isGreaterThanOrEqualTo(live.size() - 1L);
            }
        }
        world.record("outbound_min", fewest);
        world.record("nodes_below_outbound_floor", below);
    }

    @When("{int} attacker addresses run Heilman's eclipse on node {string}")
    public void eclipseOne(int t, String node) {
        Steps.count("the number of attacker addresses", t, 1, 100_000);
        NetworkRuntime rt = world.runtime();
        // simulated: the paper's shape in virtual time; loopback and docker: the same attack scaled to wall-clock seconds
        HeilmanEclipse.Setup setup = rt instanceof SimulatedRuntime ? HeilmanEclipse.Setup.standard(1)
                : HeilmanEclipse.Setup.realTime(1);
        NodeHandle victim = world.node(node);
        world.markVictim(victim);
        world.snapshot("before the eclipse");
        long start = rt.nowMillis();
        HeilmanEclipse.Attack a;
        HeilmanEclipse.Point p;
        if (rt instanceof LocalRuntime local) {
            a = HeilmanEclipse.attack(local, List.of((LocalNode) victim), t, setup);
            p = HeilmanEclipse.measure(local, "as configured", t, List.of((LocalNode) victim), a.addresses());
        } else if (rt instanceof DockerRuntime docker) {
            // in containers: a botnet over the lab's /24s in an attacker container, the victim through its control interface
            a = DockerBitcoin.attack(docker, List.of((DockerNode) victim), t, setup);
            p = DockerBitcoin.measure("as configured", t, List.of((DockerNode) victim), a.addresses());
            // what the attack did (a share of 0 must not hide an attack that never reached the victim): connections
            // its addresses opened (visits and holds) and those open now (the victim's inbound slots they hold, or its
            // dials to them)
            Map<String, Long> c = docker.attackers().counters(a.sybils());
            world.record("attacker_connections_opened", c.getOrDefault("sybil.visits", 0L));
            world.record("attacker_open_connections", c.getOrDefault("sybil.held", 0L));
        } else {
            throw new IllegalStateException("Heilman's eclipse runs on the simulated, loopback and docker runtimes; this "
                    + "scenario runs on " + rt.kind().label());
        }
        world.record("tried_attacker_share", p.meanTriedShare());
        world.record("eclipsed", p.eclipsed());
        AttackWorld.of(world).showAttackers(a.sybils().stream().map(BitcoinSybil::asContact).toList());
        world.record("attacker_addresses", t);
        world.interval("Heilman's eclipse of " + node + " (fill, restart, hold)", start, rt.nowMillis());
    }
}
