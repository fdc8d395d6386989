package io.p2ptestbed.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.Contact;
import java.util.List;

/**
 * Neutral eclipse checks for any overlay: the share of a victim's overlay neighbours (its edges in the
 * overlay graph, {@code NodeHandle.routingContacts()}) that are attackers, and, on a ring, whether its first
 * successor is one. Attackers are the contacts any attack step registered in {@code TestbedWorld.attackers()}.
 */
public class NeighbourShareSteps {

    private final TestbedWorld world;

    public NeighbourShareSteps(TestbedWorld world) {
        this.world = world;
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
