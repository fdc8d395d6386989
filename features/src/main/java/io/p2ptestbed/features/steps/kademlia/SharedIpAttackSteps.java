package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;

/**
 * Attacks from one attacker IP on a node named by its index, and defences on one running node: the
 * same sentences and the same code on the three runtimes ({@link CrossRuntime}: attackers are containers
 * of their own on docker, in-JVM sockets elsewhere). Sybils sharing one IP that eclipse a node, and a
 * ping flood from one IP, measure what per-IP limits do against the cheapest attacker; the attacks are
 * the adversary module's, unchanged.
 */
public class SharedIpAttackSteps {

    /** First port of the Sybils on their attacker IP, and of the flood sources on theirs. */
    static final int SYBIL_PORT = 20_000;
    static final int FLOOD_PORT = 30_000;

    private final TestbedWorld world;
    private EclipseAttack eclipse;
    /** Honest contacts of the eclipse victim per bucket index, just before the attack started. */
    private java.util.Map<Integer, Integer> honestBefore = java.util.Map.of();
    private FloodStats flood;
    private NodeHandle floodTarget;

    public SharedIpAttackSteps(TestbedWorld world) {
        this.world = world;
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
        int k = io.p2ptestbed.harness.kademlia.KademliaScenarios.config(world.runtime().scenario()).k();
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
}
