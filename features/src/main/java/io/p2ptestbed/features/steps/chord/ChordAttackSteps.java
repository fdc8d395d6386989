package io.p2ptestbed.features.steps.chord;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.When;
import io.p2ptestbed.adversary.chord.ChordLie;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.chord.ChordAttacks;
import io.p2ptestbed.harness.runtime.NodeHandle;

/** Chord attacks (Chord only); their outcome is checked with the neutral {@code NeighbourShareSteps}. */
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
}
