package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.FloodStats;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.dos.QueryType;
import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseAttack;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipsePlan;
import io.p2ptestbed.adversary.fault.FaultPlane;
import io.p2ptestbed.adversary.fault.Partition;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.docker.DockerAvailability;
import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opentest4j.TestAbortedException;

/**
 * Steps of the docker feature files ({@code features/docker/*.feature}, tagged {@code @docker} where they
 * run in containers). They work on all three runtimes through {@link CrossRuntime}: attackers are
 * containers of their own (socket hosts) on docker and in-JVM sockets elsewhere, link faults are
 * iptables rules and node-transport faults on docker, sim-network filters or a fault plane elsewhere.
 * Thin: the attacks are the adversary module's, unchanged.
 *
 * <p>The {@code @docker} hook skips a scenario (reported as skipped, not passed) when no Docker engine
 * answers, with one explanation printed once per run; with {@code TESTBED_REQUIRE_DOCKER=1} (CI) it
 * fails the scenario instead.
 */
public class DockerSteps {

    private static final AtomicBoolean SKIP_EXPLAINED = new AtomicBoolean();
    /** First port of the Sybils on their attacker IP, and of the flood sources on theirs. */
    static final int SYBIL_PORT = 20_000;
    static final int FLOOD_PORT = 30_000;

    private final TestbedWorld world;
    private EclipseAttack eclipse;
    /** Honest contacts of the eclipse victim per bucket index, just before the attack started. */
    private java.util.Map<Integer, Integer> honestBefore = java.util.Map.of();
    private FloodStats flood;
    private NodeHandle floodTarget;
    private LinkFaults links;
    private List<NodeHandle> half1 = List.of();
    private List<NodeHandle> half2 = List.of();
    private Runnable healSplit;
    private long splitAt = -1;
    private Runnable healLatency;
    private long latencyAt;

    public DockerSteps(TestbedWorld world) {
        this.world = world;
    }

    @Before(value = "@docker", order = 1)
    public void requireDocker() {
        DockerAvailability.Status s = DockerAvailability.check();
        if (s.usable()) {
            return;
        }
        String problem = s.available() ? "the environment lacks what Testcontainers needs here: " + String.join("; ",
                s.warnings()) : s.message();
        if (DockerAvailability.required()) {
            throw new IllegalStateException(DockerAvailability.REQUIRE_ENV + " is set, but " + problem);
        }
        String why = "docker scenarios skipped: " + problem + " (set " + DockerAvailability.REQUIRE_ENV
                + "=1 to fail instead)";
        if (SKIP_EXPLAINED.compareAndSet(false, true)) {
            System.err.println("[docker] " + why);
            throw new DockerSkipped(why);
        }
        throw new DockerSkipped("skipped: no usable Docker engine (see the first docker scenario)");
    }

    /** Marks a scenario skipped (Cucumber reports an aborted test as skipped); one line, no stack trace. */
    static final class DockerSkipped extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        DockerSkipped(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    // ------------------------------------------------------------------ defences

    @Given("every node runs the defences {string}")
    public void everyNodeRunsDefences(String spec) {
        world.extension(AllNodeDefences.class, () -> new AllNodeDefences(spec));
    }

    /** Installs the defence set on every node as the runtime starts (before any node joins). */
    record AllNodeDefences(String spec) implements TestbedWorld.RuntimeListener {
        @Override
        public void beforeStart(NetworkRuntime rt) {
            CrossRuntime.defencesEverywhere(rt, spec);
        }
    }

    @Given("node {int} runs the defences {string}")
    public void nodeRunsDefences(int index, String spec) {
        CrossRuntime.installDefences(world.runtime(), Steps.node(world, index), spec);
        world.record("defences_node_" + index, spec.length());
    }

    // ------------------------------------------------------------------ eclipse

    @When("{int} Sybils sharing one attacker IP eclipse node {int} for {int} seconds")
    public void eclipse(int sybils, int victimIndex, int seconds) {
        Steps.count("the number of Sybils", sybils, 1, 60_000);
        Steps.count("the attack's duration in seconds", seconds, 1, 3_600);
        NetworkRuntime rt = world.runtime();
        NodeHandle victim = Steps.node(world, victimIndex);
        world.markVictim(victim);
        AttackContext ctx = CrossRuntime.attackContext(rt, world.rng("docker-eclipse"));
        EclipsePlan plan = EclipsePlan.of(victim.contact(), sybils, EclipsePlan.depthFor(rt.nodes().size()))
                .withAddresses(CrossRuntime.sharedAttackerIp(rt, SYBIL_PORT))
                .withTiming(1_000, 1_000, seconds * 1_000L);
        EclipseAttack attack = new EclipseAttack(plan, ctx);
        eclipse = world.extension(EclipseHolder.class, () -> new EclipseHolder(attack)).attack();
        CrossRuntime.onScheduler(rt, ctx.scheduler(), attack::setup);
        world.attackers().addAll(attack.swarm().contacts());
        world.snapshot("before the eclipse: " + share(victim) + " of node " + victimIndex + "'s table are Sybils");
        honestBefore = perBucket(victim, false);
        long start = rt.nowMillis();
        attack.start();
        rt.advance(seconds * 1_000L);
        world.interval("eclipse: " + sybils + " Sybils on one IP", start, rt.nowMillis());
        AdversaryShare s = share(victim);
        world.record("victim_adversary_share", s.fraction());
        world.record("eclipse_messages_sent", CrossRuntime.onScheduler(rt, ctx.scheduler(), () -> attack.metrics().messagesSent()));
        world.snapshot("after the eclipse: " + s + " of node " + victimIndex + "'s table are Sybils");
    }

    /** Closes the Sybils when the scenario ends (the world closes AutoCloseable extensions). */
    record EclipseHolder(EclipseAttack attack) implements AutoCloseable {
        @Override
        public void close() {
            attack.close();
        }
    }

    private AdversaryShare share(NodeHandle victim) {
        return AdversaryShare.of(victim.routingContacts(), eclipse.collusion());
    }

    @Then("the Sybils hold more than {int}% of node {int}'s routing table")
    public void sybilsHoldMoreThan(int percent, int index) {
        Steps.percent("the Sybil share", percent);
        AdversaryShare s = share(Steps.node(world, index));
        world.record("victim_adversary_share", s.fraction());
        assertThat(100 * s.fraction()).as("Sybils in node %d's routing table: %s", index, s).isGreaterThan(percent);
    }

    /**
     * The share an IP-diversity limit allows one attacker /24, derived from the victim's table before the
     * attack: at most {@code perTable} Sybil entries, at most {@code perBucket} in any bucket. A Sybil can
     * displace an honest entry only in a bucket it fills, so bucket b keeps {@code min(h_b, k - perBucket)} of
     * the h_b honest entries it held before. Hence share &le; perTable / (perTable + &Sigma; min(h_b, k - perBucket)).
     */
    @Then("the Sybils hold at most the share that IP-diversity limits of {int} per bucket and {int} per table allow"
            + " in node {int}'s routing table")
    public void sybilsWithinIpDiversityShare(int perBucket, int perTable, int index) {
        NodeHandle victim = Steps.node(world, index);
        int k = KademliaScenarios.config(world.runtime().scenario()).k();
        int honestFloor = 0;
        for (int h : honestBefore.values()) {
            honestFloor += Math.min(h, k - perBucket);
        }
        double bound = (double) perTable / (perTable + honestFloor);
        AdversaryShare s = share(victim);
        java.util.Map<Integer, Integer> sybilsPerBucket = perBucket(victim, true);
        int honestBeforeTotal = honestBefore.values().stream().mapToInt(Integer::intValue).sum();
        world.record("victim_adversary_share", s.fraction());
        world.record("victim_adversary_entries", s.adversarial());
        world.record("ip_diversity_bound_share", bound);
        String why = String.format(java.util.Locale.ROOT, "node %d's table after the eclipse: %s Sybils; before it: %d honest"
                + " entries %s, of which at least %d stay (k=%d, %d per bucket), so the Sybils may hold at most %d/(%d+%d) ="
                + " %.1f%%; Sybils per bucket %s", index, s, honestBeforeTotal, honestBefore, honestFloor, k, perBucket,
                perTable, perTable, honestFloor, 100 * bound, sybilsPerBucket);
        assertThat(s.adversarial()).as("Sybil entries (table limit): " + why).isLessThanOrEqualTo(perTable);
        assertThat(sybilsPerBucket.values()).as("Sybils in any one bucket (bucket limit): " + why)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(perBucket));
        assertThat(s.fraction()).as("Sybil share (derived bound): " + why).isLessThanOrEqualTo(bound);
    }

    /** Contacts of {@code node}'s routing table per bucket index: the Sybils' or the honest ones. */
    private java.util.Map<Integer, Integer> perBucket(NodeHandle node, boolean sybils) {
        java.util.Map<Integer, Integer> out = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (io.p2ptestbed.overlay.id.Contact c : node.routingContacts()) {
            if (eclipse.collusion().isAdversarial(c) == sybils) {
                out.merge(io.p2ptestbed.overlay.id.NodeId.BITS - 1 - node.id().commonPrefixLength(c.id()), 1, Integer::sum);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ flood

    @When("an attacker floods node {int} with {int} pings per second for {int} seconds")
    public void flood(int index, int perSecond, int seconds) {
        Steps.count("the flood rate in pings per second", perSecond, 1, 1_000_000);
        Steps.count("the flood's duration in seconds", seconds, 1, 3_600);
        NetworkRuntime rt = world.runtime();
        floodTarget = Steps.node(world, index);
        world.markVictim(floodTarget);
        AttackContext ctx = CrossRuntime.attackContext(rt, world.rng("docker-flood"));
        FloodPlan plan = FloodPlan.of(floodTarget.address(), QueryMix.only(QueryType.PING),
                FloodBounds.of(perSecond, seconds * 1_000L)).withSources(CrossRuntime.floodSources(rt, FLOOD_PORT), 1);
        Flood f = CrossRuntime.onScheduler(rt, ctx.scheduler(), () -> Flood.prepare(plan, ctx));
        long start = rt.nowMillis();
        f.start();
        FloodStats stats = rt.await(f.completion(), seconds * 1_000L + 30_000);
        flood = stats != null ? stats : CrossRuntime.onScheduler(rt, ctx.scheduler(), f::stats);
        world.interval("flood: " + perSecond + " pings/s", start, rt.nowMillis());
        world.record("flood_sent", flood.sent());
        world.record("flood_answered", flood.answered());
        world.record("flood_answered_ratio", answeredRatio());
        world.snapshot("after a flood of " + flood.sent() + " pings: " + flood.answered() + " answered");
    }

    private double answeredRatio() {
        if (flood == null) {
            throw new IllegalStateException("no flood ran in this scenario");
        }
        return flood.sent() == 0 ? 0 : (double) flood.answered() / flood.sent();
    }

    @Then("node {int} answered more than {int}% of the flood")
    public void answeredMoreThan(int index, int percent) {
        Steps.percent("the answered share", percent);
        assertThat(100 * answeredRatio()).as("node %d answered %d of %d flood pings", index, flood.answered(), flood.sent())
                .isGreaterThan(percent);
    }

    @Then("node {int} answered at most {int}% of the flood")
    public void answeredAtMost(int index, int percent) {
        Steps.percent("the answered share", percent);
        assertThat(100 * answeredRatio()).as("node %d answered %d of %d flood pings", index, flood.answered(), flood.sent())
                .isLessThanOrEqualTo(percent);
    }

    // ------------------------------------------------------------------ partition

    @Given("links between nodes can be cut")
    public void linksCanBeCut() {
        links = world.extension(LinkFaults.class, LinkFaults::new);
    }

    /** Holds the fault plane of a loopback network, which must wrap the sockets before the network starts. */
    static final class LinkFaults implements TestbedWorld.RuntimeListener {
        FaultPlane plane;

        @Override
        public void beforeStart(NetworkRuntime rt) {
            plane = CrossRuntime.prepareLinkFaults(rt);
        }
    }

    @When("the network is split into two halves")
    public void split() {
        if (links == null) {
            throw new IllegalStateException("say 'Given links between nodes can be cut' before the network starts");
        }
        NetworkRuntime rt = world.runtime();
        List<NodeHandle> live = rt.liveNodes();
        half1 = List.copyOf(live.subList(0, live.size() / 2));
        half2 = List.copyOf(live.subList(live.size() / 2, live.size()));
        Partition p = Partition.complete(half1.stream().map(NodeHandle::address).toList(),
                half2.stream().map(NodeHandle::address).toList());
        splitAt = rt.nowMillis();
        healSplit = CrossRuntime.faultTarget(rt, links.plane).install(p);
        world.record("partition_sides", 2);
        world.snapshot("split into " + half1.size() + " | " + half2.size());
    }

    @When("the split heals")
    public void heal() {
        if (healSplit == null) {
            throw new IllegalStateException("the network was not split");
        }
        healSplit.run();
        healSplit = null;
        world.interval("partition " + half1.size() + "|" + half2.size(), splitAt, world.runtime().nowMillis());
        world.snapshot("split healed");
    }

    @Then("no ping crosses the split")
    public void noPingCrosses() {
        int answered = crossPings();
        world.record("cross_pings_answered_during_split", answered);
        assertThat(answered).as("pings answered across the split").isZero();
    }

    @Then("pings cross between the halves again")
    public void pingsCrossAgain() {
        int answered = crossPings();
        world.record("cross_pings_answered_after_heal", answered);
        assertThat(answered).as("pings answered across the healed split (both ways), of %d", 2 * pairs().size())
                .isEqualTo(2 * pairs().size());
    }

    @Then("pings within each half still get answers")
    public void pingsWithin() {
        NetworkRuntime rt = world.runtime();
        int ok = 0;
        int n = Math.min(half1.size(), half2.size()) - 1;
        for (int i = 0; i < n; i++) {
            ok += CrossRuntime.pingMillis(rt, half1.get(i), half1.get(i + 1).address()) >= 0 ? 1 : 0;
            ok += CrossRuntime.pingMillis(rt, half2.get(i), half2.get(i + 1).address()) >= 0 ? 1 : 0;
        }
        assertThat(ok).as("pings answered within the halves, of %d", 2 * n).isEqualTo(2 * n);
    }

    @Then("lookups inside each half find their half's closest node at least {double}% of the time")
    public void lookupsInsideHalves(double percent) {
        NetworkRuntime rt = world.runtime();
        for (List<NodeHandle> half : List.of(half1, half2)) {
            LookupStats s = Workloads.lookupsWithin(rt, half, 50, world.rng("inside-half"));
            world.lastLookups(s);
            assertThat(100 * s.successRate()).as("lookups inside a half of %d nodes: %s", half.size(), s)
                    .isGreaterThanOrEqualTo(percent);
        }
    }

    /** Pairs (half1[i], half2[i]) for a sample of up to 8 nodes per side. */
    private List<NodeHandle[]> pairs() {
        List<NodeHandle[]> out = new ArrayList<>();
        int n = Math.min(8, Math.min(half1.size(), half2.size()));
        for (int i = 0; i < n; i++) {
            out.add(new NodeHandle[] {half1.get(i), half2.get(i)});
        }
        return out;
    }

    private int crossPings() {
        NetworkRuntime rt = world.runtime();
        List<NodeHandle[]> directed = new ArrayList<>();
        for (NodeHandle[] p : pairs()) {
            directed.add(p);
            directed.add(new NodeHandle[] {p[1], p[0]});
        }
        return (int) pings(rt, directed).stream().filter(ms -> ms >= 0).count();
    }

    /** Ping round trips (-1: unanswered), concurrently on real-time runtimes (each unanswered ping waits its timeout). */
    private static List<Long> pings(NetworkRuntime rt, List<NodeHandle[]> fromTo) {
        if (rt.kind() == io.p2ptestbed.harness.scenario.RuntimeKind.SIMULATED) {
            return fromTo.stream().map(p -> CrossRuntime.pingMillis(rt, p[0], p[1].address())).toList();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Long>> fs = new ArrayList<>();
            for (NodeHandle[] p : fromTo) {
                fs.add(pool.submit(() -> CrossRuntime.pingMillis(rt, p[0], p[1].address())));
            }
            List<Long> out = new ArrayList<>();
            for (java.util.concurrent.Future<Long> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("pings failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ transport faults and pauses

    @When("every link gets {int} ms of extra latency")
    public void extraLatency(int millis) {
        if (links == null) {
            throw new IllegalStateException("say 'Given links between nodes can be cut' before the network starts");
        }
        healLatency = CrossRuntime.faultTarget(world.runtime(), links.plane)
                .install(io.p2ptestbed.adversary.fault.Delay.everywhere(millis, 0));
        latencyAt = world.runtime().nowMillis();
    }

    @When("the extra latency heals")
    public void latencyHeals() {
        healLatency.run();
        world.interval("extra latency", latencyAt, world.runtime().nowMillis());
    }

    @Then("a ping from node {int} to node {int} takes at least {int} ms")
    public void pingTakesAtLeast(int from, int to, int millis) {
        long rtt = ping(from, to);
        assertThat(rtt).as("ping round trip from node %d to node %d (-1: unanswered)", from, to).isGreaterThanOrEqualTo(millis);
    }

    @Then("a ping from node {int} to node {int} is answered within {int} ms")
    public void pingWithin(int from, int to, int millis) {
        long rtt = ping(from, to);
        assertThat(rtt).as("ping round trip from node %d to node %d (-1: unanswered)", from, to).isBetween(0L, (long) millis);
    }

    @Then("a ping from node {int} to node {int} gets no answer")
    public void pingUnanswered(int from, int to) {
        assertThat(ping(from, to)).as("ping round trip from node %d to node %d", from, to).isEqualTo(-1);
    }

    private long ping(int from, int to) {
        NetworkRuntime rt = world.runtime();
        long rtt = CrossRuntime.pingMillis(rt, Steps.node(world, from), Steps.node(world, to).address());
        world.record("ping_ms_" + from + "_" + to, rtt);
        return rtt;
    }

    @When("the container of node {int} is paused")
    public void pause(int index) {
        docker().pause(Steps.node(world, index));
        world.snapshot("container of node " + index + " paused");
    }

    @When("the container of node {int} is unpaused")
    public void unpause(int index) {
        docker().unpause(Steps.node(world, index));
    }

    private io.p2ptestbed.harness.docker.DockerRuntime docker() {
        if (world.runtime() instanceof io.p2ptestbed.harness.docker.DockerRuntime d) {
            return d;
        }
        throw new IllegalStateException("containers are paused on the docker runtime only, not on "
                + world.runtime().kind().label());
    }
}
