package io.p2ptestbed.features.steps.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.chord.ChordLie;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.chord.ChordAttacks;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/**
 * Chord attacks (Chord only) and the neutral neighbour-share checks that any overlay's eclipse uses: the
 * share of a victim's overlay neighbours that are attackers.
 */
public class ChordAttackSteps {

    private final TestbedWorld world;

    public ChordAttackSteps(TestbedWorld world) {
        this.world = world;
    }

    /** A Chord colluder's lie: "claim every key", "drop lookups", "poison successor lists", or "stay honest". */
    @ParameterType(name = "chordLie", value = "claim every key|drop lookups|poison successor lists|stay honest")
    public ChordLie chordLie(String phrase) {
        return switch (phrase) {
            case "claim every key" -> ChordLie.CLAIM_KEYS;
            case "drop lookups" -> ChordLie.DROP_LOOKUPS;
            case "poison successor lists" -> ChordLie.POISON_LISTS;
            default -> ChordLie.NONE;
        };
    }

    @When("{int} Sybils that {chordLie} are ground into the successor list and finger intervals of node {string}")
    public void groundSybils(int count, ChordLie lie, String node) {
        NodeHandle victim = world.node(node);
        world.markVictim(victim);
        world.snapshot("before the Sybils join");
        long start = world.runtime().nowMillis();
        ChordAttacks.Launched l = ChordAttacks.groundSybils(world.runtime(), victim, count, lie, world.rng("chord-sybils"));
        world.attackers().addAll(l.contacts());
        world.record("sybils", l.contacts().size());
        world.interval("Sybils ground next to " + node, start, world.runtime().nowMillis());
    }

    @When("{int}% of the nodes are Chord colluders that {chordLie}")
    public void colluders(int percent, ChordLie lie) {
        if (percent < 1 || percent > 90) {
            throw new IllegalArgumentException("the colluder share must be in [1, 90]%, got " + percent + "%");
        }
        int honest = world.runtime().liveNodes().size();
        int count = Math.max(1, (int) Math.round(honest * percent / (100.0 - percent)));
        long start = world.runtime().nowMillis();
        ChordAttacks.Launched l = ChordAttacks.colluders(world.runtime(), count, lie, world.rng("chord-colluders"));
        world.attackers().addAll(l.contacts());
        world.record("colluders", l.contacts().size());
        world.interval(percent + "% colluders join", start, world.runtime().nowMillis());
    }

    private double share(String node) {
        NodeHandle victim = world.node(node);
        List<Contact> neighbours = victim.routingContacts();
        long bad = neighbours.stream().filter(world.attackers()::contains).count();
        double share = neighbours.isEmpty() ? 0 : (double) bad / neighbours.size();
        world.record("victim_adversary_share", share);
        world.record("victim_neighbours", neighbours.size());
        world.snapshot(String.format("%.0f%% of %s's neighbours are attackers", 100 * share, node));
        return share;
    }

    @Then("node {string}'s neighbour set holds more than {int}% adversary contacts")
    public void moreThan(String node, int percent) {
        assertThat(100 * share(node)).as("attackers among the neighbours of %s", node).isGreaterThan(percent);
    }

    @Then("node {string}'s neighbour set holds at most {int}% adversary contacts")
    public void atMost(String node, int percent) {
        assertThat(100 * share(node)).as("attackers among the neighbours of %s", node).isLessThanOrEqualTo(percent);
    }

    @Then("node {string}'s neighbour set holds at most {int} adversary contacts")
    public void atMostCount(String node, int count) {
        double share = share(node);
        long bad = Math.round(share * world.metrics().get("victim_neighbours"));
        world.record("victim_adversary_contacts", bad);
        assertThat(bad).as("attackers among the neighbours of %s", node).isLessThanOrEqualTo(count);
    }

    @Then("node {string}'s first successor is an attacker")
    public void firstSuccessorIsAttacker(String node) {
        assertThat(world.attackers().contains(firstSuccessor(node))).as("first successor of %s", node).isTrue();
    }

    @Then("node {string}'s first successor is honest")
    public void firstSuccessorIsHonest(String node) {
        assertThat(world.attackers().contains(firstSuccessor(node))).as("first successor of %s", node).isFalse();
    }

    private Contact firstSuccessor(String node) {
        NodeHandle n = world.node(node);
        List<Contact> s = n.ring().orElseThrow(() -> new IllegalStateException(n + " exposes no ring")).successors();
        assertThat(s).as("successors of %s", n).isNotEmpty();
        return s.get(0);
    }
}
