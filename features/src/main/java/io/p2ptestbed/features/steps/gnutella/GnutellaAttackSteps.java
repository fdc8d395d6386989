package io.p2ptestbed.features.steps.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.BroadcastWorld;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.features.world.gnutella.GnutellaWorld;
import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.gnutella.DockerGnutellaSybils;
import io.p2ptestbed.harness.gnutella.GnutellaAttacks;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Attacks on Gnutella: servents that answer every query (the response storm), relays that forge TTLs, Sybils
 * joining many neighbour lists or one victim's, and a bounded query flood. The attackers run the real servent
 * code with the attack switched on, on the scenario's own network (simulated or real TCP).
 */
public class GnutellaAttackSteps {

    private final TestbedWorld world;

    public GnutellaAttackSteps(TestbedWorld world) {
        this.world = world;
    }

    @When("{int} servents that answer every query join")
    public void liars(int count) {
        if (!turnedInContainers(count, "answer-all", "the servents that answer every query",
                count + " servents switched to answering every query")) {
            shown(attacks().liars(count), count + " servents answering every query joined");
        }
    }

    @When("{int} relay(s) that forge(s) a TTL of {int} join(s)")
    public void forgers(int count, int ttl) {
        Steps.count("the forged TTL", ttl, 1, 255);
        if (!turnedInContainers(count, "forge-ttl:" + ttl, "the TTL-forging relays",
                count + " servents switched to forwarding with TTL " + ttl)) {
            shown(attacks().ttlForgers(count, ttl), count + " TTL-forging relays joined");
        }
    }

    /**
     * The same, each forger opening {@code connections} connections on the in-JVM runtimes; in containers the forgers are
     * servents of the network from its start, with the connections they made and took: the last live servents that hold
     * at least {@code connections} (the network's very last holds only the ceil(degree/2) it opened, as no later joiner
     * took it, and a forger with 2 connections sends each copy on to one neighbour, mostly one that has it already).
     */
    @When("{int} relay(s) that forge(s) a TTL of {int} join(s), each connecting to {int} random nodes")
    public void forgers(int count, int ttl, int connections) {
        Steps.count("the forged TTL", ttl, 1, 255);
        Steps.count("the connections per forger", connections, 1, 500);
        if (!turnedInContainers(count, connections, "forge-ttl:" + ttl, "the TTL-forging relays",
                count + " servents with at least " + connections + " connections switched to forwarding with TTL " + ttl)) {
            shown(attacks().ttlForgers(count, ttl, connections), count + " TTL-forging relays joined");
        }
    }

    /**
     * In containers the attackers are the network's last {@code count} live servents, switched to {@code mode} through
     * their control interfaces ({@code POST /v1/malice}); elsewhere nothing happens and this answers false.
     */
    private boolean turnedInContainers(int count, String mode, String what, String caption) {
        return turnedInContainers(count, 0, mode, what, caption);
    }

    /**
     * The same, but the attackers are the last {@code count} live servents that hold at least {@code minConnections}
     * connections (their counter {@code connections}, read through the control interface); recorded as
     * {@code attacker_connections} (their mean).
     */
    private boolean turnedInContainers(int count, int minConnections, String mode, String what, String caption) {
        NetworkRuntime rt = Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
        if (!(rt instanceof ControlledRuntime containers)) {
            return false;
        }
        List<DockerNode> live = containers.nodes().stream().filter(DockerNode::alive).toList();
        Steps.count(what, count, 1, live.size() - 1);
        List<DockerNode> turned = new ArrayList<>();
        long connections = 0;
        for (int i = live.size() - 1; i >= 0 && turned.size() < count; i--) {
            long held = minConnections > 0 ? live.get(i).stats().getOrDefault("connections", 0L) : 0;
            if (held >= minConnections) {
                turned.add(0, live.get(i));
                connections += held;
            }
        }
        if (turned.size() < count) {
            throw new IllegalStateException("only " + turned.size() + " of the " + live.size() + " live servents hold at least "
                    + minConnections + " connections, and " + what + " need " + count);
        }
        if (minConnections > 0) {
            world.record("attacker_connections", (double) connections / count);
        }
        GnutellaAttacks.turnMalicious(turned, mode);
        turned.forEach(n -> world.attackers().add(new Contact(n.id(), n.address())));
        world.record("attackers", turned.size());
        world.snapshot(caption);
        return true;
    }

    @When("{int} Sybils join, each connecting to {int} random nodes")
    public void sybils(int count, int connections) {
        Steps.count("the connections per Sybil", connections, 1, 500);
        DockerGnutellaSybils inContainers = GnutellaWorld.of(world).containerSybils();
        shown(inContainers != null ? inContainers.sybils(count, connections) : attacks().sybils(count, connections),
                count + " Sybils joined");
    }

    /** In containers the Sybils are servents of the harness with their TCP endpoints in an attacker container. */
    @When("{int} Sybils connect to node {string}")
    public void sybilsAt(int count, String node) {
        NodeHandle victim = world.node(node);
        world.markVictim(victim);
        DockerGnutellaSybils inContainers = GnutellaWorld.of(world).containerSybils();
        shown(inContainers != null ? inContainers.sybilsAt(count, victim.address()) : attacks().sybilsAt(count, victim.address()),
                count + " Sybils connected to " + node);
    }

    @When("a servent floods {int} queries per second with TTL {int} for {int} seconds")
    public void flood(int perSecond, int ttl, int seconds) {
        Steps.count("the flood rate per second", perSecond, 1, 1000);
        Steps.count("the flood's TTL", ttl, 1, 255);
        Steps.count("the flood's duration in seconds", seconds, 1, 600);
        GnutellaWorld gw = GnutellaWorld.of(world);
        FloodBounds bounds = FloodBounds.of(perSecond, seconds * 1000L);
        long quiet = BroadcastWorld.of(world).quietMillis();
        long start = world.runtime().nowMillis();
        NetworkRuntime rt = Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
        if (rt instanceof ControlledRuntime containers) {
            // in containers the flooder is the network's last servent, switched malicious through its control interface
            List<DockerNode> live = containers.nodes().stream().filter(DockerNode::alive).toList();
            DockerNode flooder = live.get(live.size() - 1);
            world.attackers().add(new Contact(flooder.id(), flooder.address()));
            gw.flood = GnutellaAttacks.floodFromNode(containers, flooder, bounds, ttl, quiet);
        } else {
            OverlayNode flooder = attacks().flooder();
            world.attackers().add(flooder.contact());
            start = world.runtime().nowMillis();
            gw.flood = attacks().flood(flooder, bounds, ttl, BroadcastWorld.of(world).probe(), quiet);
        }
        world.interval("query flood: " + perSecond + "/s", start, start + seconds * 1000L);
        GnutellaAttacks.FloodOutcome o = gw.flood;
        world.record("flood_queries_sent", o.sent());
        world.record("flood_reach_mean", o.meanReach());
        world.record("flood_honest_copies", o.honestCopies());
        world.record("flood_copies_per_query", o.copiesPerQuery());
        world.record("flood_rate_limited", o.rateLimited());
        world.snapshot(String.format("after the flood: each flood query reached %.1f nodes", o.meanReach()));
    }

    @Then("each flood query reached at least {double}% of the nodes on average")
    public void floodReachAtLeast(double percent) {
        Steps.percent("the flood reach floor", percent);
        assertThat(100 * floodShare()).as("%s", GnutellaWorld.of(world).flood()).isGreaterThanOrEqualTo(percent);
    }

    @Then("each flood query reached at most {double}% of the nodes on average")
    public void floodReachAtMost(double percent) {
        Steps.percent("the flood reach ceiling", percent);
        assertThat(100 * floodShare()).as("%s", GnutellaWorld.of(world).flood()).isLessThanOrEqualTo(percent);
    }

    @Then("the honest servents sent at least {double} query copies per flood query")
    public void copiesAtLeast(double min) {
        GnutellaAttacks.FloodOutcome o = GnutellaWorld.of(world).flood();
        assertThat(o.copiesPerQuery()).as("%s", o).isGreaterThanOrEqualTo(min);
    }

    @Then("the honest servents sent at most {double} query copies per flood query")
    public void copiesAtMost(double max) {
        GnutellaAttacks.FloodOutcome o = GnutellaWorld.of(world).flood();
        assertThat(o.copiesPerQuery()).as("%s", o).isLessThanOrEqualTo(max);
    }

    /**
     * The descriptors the TTL-forging relays sent on with their forged TTL (their counter {@code forged}): that forged
     * copies were in flight, so a row asserting that none went too far does not pass for want of an attack.
     */
    @Then("the forgers sent on at least {int} descriptors with a forged TTL")
    public void forgedAtLeast(int min) {
        long forged = 0;
        if (Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d") instanceof ControlledRuntime containers) {
            Set<Object> turned = new HashSet<>();
            world.attackers().forEach(c -> turned.add(c.address()));
            for (DockerNode n : containers.nodes()) {
                if (n.alive() && turned.contains(n.address())) {
                    forged += n.stats().getOrDefault("forged", 0L);
                }
            }
        } else {
            for (OverlayNode n : attacks().nodes()) {
                forged += n.counters().getOrDefault("forged", 0L);
            }
        }
        world.record("forged_descriptors", forged);
        assertThat(forged).as("descriptors the %d forgers sent on with a forged TTL", world.attackers().size())
                .isGreaterThanOrEqualTo(min);
    }

    /** The attackers' share of all the honest servents' connections (every honest neighbour entry). */
    @Then("the attackers hold at least {double}% of the honest servents' connections")
    public void shareAtLeast(double percent) {
        Steps.percent("the share floor", percent);
        assertThat(100 * attackerShare()).as("attacker entries among the honest neighbour lists").isGreaterThanOrEqualTo(percent);
    }

    @Then("the attackers hold at most {double}% of the honest servents' connections")
    public void shareAtMost(double percent) {
        Steps.percent("the share ceiling", percent);
        assertThat(100 * attackerShare()).as("attacker entries among the honest neighbour lists").isLessThanOrEqualTo(percent);
    }

    /** IP-diversity's promise: no honest servent holds more than {@code max} connections to the attackers (matched by IP). */
    @Then("no honest servent holds more than {int} connection(s) to the attackers")
    public void perServentAtMost(int max) {
        Set<Integer> bad = new HashSet<>();
        world.attackers().forEach(c -> bad.add(c.address().ip()));
        int most = 0;
        String where = "none";
        for (NodeHandle n : world.runtime().liveNodes()) {
            int held = (int) n.routingContacts().stream().filter(c -> bad.contains(c.address().ip())).count();
            if (held > most) {
                most = held;
                where = n.address().toString();
            }
        }
        world.record("attacker_connections_per_servent_max", most);
        assertThat(most).as("the most connections to the attackers at one honest servent (%s)", where).isLessThanOrEqualTo(max);
    }

    private double attackerShare() {
        Set<Object> badAddresses = new HashSet<>();
        world.attackers().forEach(c -> badAddresses.add(c.address()));
        long all = 0, adversarial = 0;
        for (NodeHandle n : world.runtime().liveNodes()) {
            for (Contact c : n.routingContacts()) {
                all++;
                if (badAddresses.contains(c.address())) {
                    adversarial++;
                }
            }
        }
        double share = all == 0 ? 0 : (double) adversarial / all;
        world.record("attacker_connection_share", share);
        return share;
    }

    /** Mean reach over the live honest servents (the flooder is not one of them). */
    private double floodShare() {
        return GnutellaWorld.of(world).flood().reachShare();
    }

    private GnutellaAttacks attacks() {
        return GnutellaWorld.of(world).attacks();
    }

    private void shown(List<OverlayNode> made, String caption) {
        List<Contact> contacts = made.stream().map(OverlayNode::contact).toList();
        world.attackers().addAll(contacts);
        world.record("attackers", world.attackers().size());
        world.snapshot(caption);
    }
}
