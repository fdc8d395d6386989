package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.attack.PlacementCost;
import io.p2ptestbed.overlay.defence.DefenceSet;
import io.p2ptestbed.overlay.defence.PuzzleConfig;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What id rules cost a Sybil attacker: hash evaluations spent per Sybil placed within p bits of a chosen
 * target, under plain BEP 5 ids, BEP 42 ids and S/Kademlia puzzle ids. No network is needed.
 */
public class SybilCostSteps {

    private final TestbedWorld world;
    private final Map<String, PlacementCost.Cost> costs = new LinkedHashMap<>();
    private int slash24s = 16;

    public SybilCostSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("the attacker owns every address of {int} \\/24 networks")
    public void owns(int count) {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("the attacker's /24 networks must be 1..256, got " + count);
        }
        slash24s = count;
    }

    /** One data-table row per id rule: {@code plain}, {@code bep42}, {@code puzzle(c1=..,c2=..)}. */
    @When("the attacker grinds {int} Sybil ids within {int} bits of a random target under each id rule:")
    public void grind(int count, int bits, List<String> rules) {
        Steps.count("the number of Sybil ids to grind", count, 1, 1_000_000);
        Steps.count("the bits shared with the target", bits, 0, 160);
        RandomGenerator rng = world.rng("grind");
        NodeId target = NodeId.random(rng);
        for (String rule : rules) {
            String r = rule.trim().toLowerCase(Locale.ROOT);
            if (r.equals("rule")) {
                continue;
            }
            PlacementCost.Cost c;
            if (r.equals("plain")) {
                c = PlacementCost.plain(target, bits, count, world.rng("grind-plain"));
            } else if (r.equals("bep42")) {
                c = PlacementCost.bep42(target, bits, count, slash24s, world.rng("grind-bep42"));
            } else if (r.startsWith("puzzle")) {
                PuzzleConfig p = DefenceSet.parse(r).get(PuzzleConfig.class).orElseThrow();
                long budget = (1L << Math.min(40, p.c1() + bits + 1)) * 64;
                c = PlacementCost.puzzle(target, bits, count, p.c1(), p.c2(), budget, world.rng("grind-" + r));
            } else {
                throw new IllegalArgumentException("unknown id rule '" + rule + "'; use plain, bep42 or puzzle(c1=N,c2=M)");
            }
            costs.put(r, c);
            String key = "grind." + r.replaceAll("[^a-z0-9]+", "_").replaceAll("_$", "");
            world.record(key + ".placed", c.placed());
            world.record(key + ".hashes", c.hashes());
            world.record(key + ".hashes_per_sybil", c.placed() == 0 ? -1 : c.hashesPerSybil());
            world.record(key + ".expected_per_sybil", c.expectedPerSybil());
        }
    }

    @Then("every rule placed all {int} Sybils")
    public void allPlaced(int count) {
        for (PlacementCost.Cost c : costs.values()) {
            assertThat(c.placed()).as("%s", c).isEqualTo(count);
        }
    }

    @Then("under {string} at most {int} of the {int} Sybils were placed")
    public void atMostPlaced(String rule, int max, int count) {
        PlacementCost.Cost c = cost(rule);
        assertThat(c.requested()).isEqualTo(count);
        assertThat(c.placed()).as("%s", c).isLessThanOrEqualTo(max);
    }

    @Then("under {string} all {int} Sybils were placed")
    public void allPlacedUnder(String rule, int count) {
        PlacementCost.Cost c = cost(rule);
        assertThat(c.placed()).as("%s", c).isEqualTo(count);
    }

    @Then("a placed Sybil costs more hashes under {string} than under {string}")
    public void costsMore(String dearer, String cheaper) {
        PlacementCost.Cost a = cost(dearer);
        PlacementCost.Cost b = cost(cheaper);
        assertThat(a.placed()).as("%s", a).isPositive();
        assertThat(a.hashesPerSybil()).as("%s against %s", a, b).isGreaterThan(b.hashesPerSybil());
    }

    @Then("under {string} a placed Sybil costs within a factor of {int} of the expected {double} hashes")
    public void nearExpected(String rule, int factor, double expected) {
        PlacementCost.Cost c = cost(rule);
        assertThat(c.expectedPerSybil()).as("the model's expectation for %s", rule).isEqualTo(expected);
        assertThat(c.hashesPerSybil()).as("%s", c).isBetween(expected / factor, expected * factor);
    }

    private PlacementCost.Cost cost(String rule) {
        PlacementCost.Cost c = costs.get(rule.trim().toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalStateException("no grinding measured under " + rule + "; measured: " + costs.keySet());
        }
        return c;
    }
}
