package io.p2ptestbed.harness.run;

import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.scenario.ScenarioFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.random.RandomGenerator;

/**
 * One overlay's attacks of a scenario file's {@code attacks} list ({@link ScenarioFile.AttackSpec}: an eclipse by
 * Sybils sharing one attacker IP, a bounded flood), run with the adversary module's attack code through the
 * runtime's attack context ({@code CrossRuntime}). Found by {@link ServiceLoader} under
 * {@code META-INF/services/io.p2ptestbed.harness.run.ScenarioAttacks}, so that the drivers stay protocol-neutral.
 */
public interface ScenarioAttacks {

    /** The overlay's registered name, e.g. "kademlia". */
    String protocol();

    /** Starts {@code attack} on {@code rt} now (its victim's defences first); it stops by itself after its duration. */
    Running start(NetworkRuntime rt, ScenarioFile.AttackSpec attack, RandomGenerator rng);

    /** A started attack. */
    interface Running extends AutoCloseable {

        /** What the attack achieved so far (e.g. {@code victim_adversary_share}, {@code flood_sent}), by metric name. */
        Map<String, Double> metrics();

        /** Stops the attack's identities; its metrics stay readable. */
        @Override
        void close();
    }

    /** The implementation registered for {@code protocol}, or a message naming the overlays that have one. */
    static ScenarioAttacks of(String protocol) {
        List<String> known = new ArrayList<>();
        for (ScenarioAttacks a : ServiceLoader.load(ScenarioAttacks.class, ScenarioAttacks.class.getClassLoader())) {
            if (a.protocol().equals(protocol)) {
                return a;
            }
            known.add(a.protocol());
        }
        throw new UnsupportedOperationException("the " + protocol + " overlay runs no scenario-file attacks yet; overlays that do: "
                + known + " (implement io.p2ptestbed.harness.run.ScenarioAttacks and list it under META-INF/services)");
    }
}
