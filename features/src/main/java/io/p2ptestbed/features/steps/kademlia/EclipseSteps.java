package io.p2ptestbed.features.steps.kademlia;

import io.p2ptestbed.features.steps.Steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.kademlia.eclipse.AdversaryShare;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseMetrics;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.features.world.AttackWorld;
import io.p2ptestbed.features.world.kademlia.KademliaAttacks;
import io.p2ptestbed.features.world.DefenceWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.attack.BackgroundLookups;
import io.p2ptestbed.harness.kademlia.attack.VictimEclipse;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.overlay.defence.IpDiversityConfig;
import io.p2ptestbed.overlay.id.Contact;
import java.util.HashSet;
import java.util.Set;

/**
 * Eclipse with table poisoning: Sybils ground into a victim's buckets contact it periodically so that
 * they are inserted and kept fresh, and answer its lookups adversarially. Sybils come from a few /24
 * networks (4 unless stated), which is what IP-diversity limits act on.
 */
public class EclipseSteps {

    /** Sybils contact the victim this often: every 30 s in virtual time, every second on real sockets. */
    static final long SIM_REFRESH_MILLIS = 30_000;
    static final long LOOPBACK_REFRESH_MILLIS = 1_000;
    static final int DEFAULT_SLASH24S = 4;

    private final TestbedWorld world;

    public EclipseSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("{int}% of nodes are Sybils ground into the buckets of node {string}")
    public void percentSybils(int percent, String victim) {
        sybils(sybilsFor(percent), DEFAULT_SLASH24S, victim);
    }

    @Given("{int}% of nodes are Sybils from {int} \\/24 networks, ground into the buckets of node {string}")
    public void percentSybilsFrom(int percent, int slash24s, String victim) {
        sybils(sybilsFor(percent), slash24s, victim);
    }

    @Given("{int} Sybils from {int} \\/24 networks are ground into the buckets of node {string}")
    public void sybils(int count, int slash24s, String victim) {
        Steps.count("the number of Sybils", count, 1, 1_000_000);
        AttackWorld attacks = AttackWorld.of(world);
        KademliaAttacks kademlia = KademliaAttacks.of(world);
        if (kademlia.eclipse != null) {
            throw new IllegalStateException("this scenario already has an eclipse attack");
        }
        NodeHandle v = world.node(victim);
        world.markVictim(v);
        boolean sim = world.runtime().kind() == RuntimeKind.SIMULATED;
        long refresh = sim ? SIM_REFRESH_MILLIS : LOOPBACK_REFRESH_MILLIS;
        VictimEclipse e = attacks.closeLater(new VictimEclipse(world.runtime(), attacks.lab(), v,
                VictimEclipse.plan(v, count, CrossRuntime.slash24s(world.runtime(), slash24s, world.runtime().labPort()), world.runtime().nodes().size(), kademlia.sybilBehaviour,
                        refresh, 1_000, sim ? 6 * 3_600_000L : 600_000L)));
        e.setup();
        kademlia.eclipse = e;
        attacks.showAttackers(e.sybilContacts());
        world.record("sybils", e.sybils().size());
        world.record("sybil_slash24s", slash24s);
    }

    /** Sybils making up {@code percent}% of all nodes, honest ones included. */
    private int sybilsFor(int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("the Sybil share must be a percentage in [1, 99], got " + percent + "%");
        }
        return (int) Math.round(percent * (double) world.scenario().nodes() / (100 - percent));
    }

    @Given("the Sybils will {behaviour}")
    public void sybilsBehave(Behaviour b) {
        KademliaAttacks kademlia = KademliaAttacks.of(world);
        if (kademlia.eclipse != null) {
            throw new IllegalStateException("choose the Sybils' behaviour before creating them");
        }
        kademlia.sybilBehaviour = b;
    }

    @When("the eclipse attack runs for {int} minutes")
    public void runMinutes(int minutes) {
        run(minutes, 60_000L, "min");
    }

    @When("the eclipse attack runs for {int} seconds")
    public void runSeconds(int seconds) {
        run(seconds, 1_000L, "s");
    }

    private void run(int steps, long stepMillis, String unit) {
        VictimEclipse e = eclipse();
        world.snapshot("before the eclipse: " + e.victimShare() + " Sybils in the victim's table");
        long start = world.runtime().nowMillis();
        BackgroundLookups background = KademliaAttacks.of(world).background(1.0);
        e.start();
        for (int i = 1; i <= steps; i++) {
            world.runtime().advance(stepMillis);
            AdversaryShare s = e.victimShare();
            world.record("victim_adversary_share_at_" + i + unit, s.fraction());
            if (i == steps / 2) {
                world.snapshot("eclipse running: " + s + " of the victim's table are Sybils");
            }
        }
        background.close();
        world.interval("eclipse: " + e.sybils().size() + " Sybils", start, world.runtime().nowMillis());
        EclipseMetrics m = e.metrics();
        world.record("eclipse_messages_sent", m.messagesSent());
        world.record("eclipse_sybils_queried_by_victim", m.sybilsQueried());
        AdversaryShare s = e.victimShare();
        recordShare(s);
        world.snapshot("after the eclipse: " + s + " of the victim's table are Sybils");
    }

    @Then("the victim's routing table holds more than {int}% adversary contacts")
    public void moreThan(int percent) {
        Steps.percent("the adversary share", percent);
        AdversaryShare s = eclipse().victimShare();
        recordShare(s);
        assertThat(100 * s.fraction()).as("Sybils in the victim's routing table: %s (defences %s)", s,
                DefenceWorld.of(world).label()).isGreaterThan(percent);
    }

    @Then("the victim's routing table holds at most {int}% adversary contacts")
    public void atMost(int percent) {
        Steps.percent("the adversary share", percent);
        AdversaryShare s = eclipse().victimShare();
        recordShare(s);
        assertThat(100 * s.fraction()).as("Sybils in the victim's routing table: %s (defences %s)", s,
                DefenceWorld.of(world).label()).isLessThanOrEqualTo(percent);
    }

    /**
     * IP-diversity admits at most {@code table} contacts per subnet into a routing table, so Sybils from P
     * subnets hold at most table × P entries: a share of at most table × P / (victim's table size).
     */
    @Then("the victim's adversary share stays within the bound set by its IP-diversity limits")
    public void withinIpDiversityBound() {
        IpDiversityConfig limits = io.p2ptestbed.overlay.defence.DefenceSet.parse(DefenceWorld.of(world).label()).get(IpDiversityConfig.class)
                .orElseThrow(() -> new IllegalStateException("the nodes have no ip-diversity defence; use the defences "
                        + "\"ip-diversity(bucket=2,table=10)\""));
        VictimEclipse e = eclipse();
        int mask = limits.prefixBits() == 32 ? -1 : ~(-1 >>> limits.prefixBits());
        Set<Integer> subnets = new HashSet<>();
        for (Contact c : e.sybilContacts()) {
            subnets.add(c.address().ip() & mask);
        }
        AdversaryShare s = e.victimShare();
        recordShare(s);
        int boundEntries = limits.perTable() * subnets.size();
        double boundShare = s.total() == 0 ? 0 : Math.min(1.0, (double) boundEntries / s.total());
        world.record("ip_diversity_bound_entries", boundEntries);
        world.record("ip_diversity_bound_share", boundShare);
        assertThat(s.adversarial()).as("Sybil entries in the victim's table (%s) against the bound %d per /%d x %d /%d "
                        + "networks = %d entries, i.e. %.1f%% of its %d entries", s, limits.perTable(), limits.prefixBits(),
                subnets.size(), limits.prefixBits(), boundEntries, 100 * boundShare, s.total())
                .isLessThanOrEqualTo(boundEntries);
    }

    @Then("the victim tells others mostly about Sybils")
    public void probeMostlySybils() {
        AdversaryShare p = eclipse().probe();
        world.record("victim_reply_adversary_share", p.fraction());
        assertThat(p.fraction()).as("Sybils among the contacts in the victim's find_node replies: %s", p).isGreaterThan(0.5);
    }

    private void recordShare(AdversaryShare s) {
        world.record("victim_adversary_share", s.fraction());
        world.record("victim_adversary_entries", s.adversarial());
        world.record("victim_table_size", s.total());
    }

    private VictimEclipse eclipse() {
        VictimEclipse e = KademliaAttacks.of(world).eclipse;
        if (e == null) {
            throw new IllegalStateException("no eclipse attack: start with 'N% of nodes are Sybils ground into the buckets of node \"x\"'");
        }
        return e;
    }
}
