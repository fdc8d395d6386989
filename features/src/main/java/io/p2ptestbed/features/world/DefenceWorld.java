package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.attack.NetworkDefences;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.defence.DefenceSet;
import java.util.Optional;

/**
 * The defences of the scenario's honest nodes: one {@link DefenceSet}, installed on every node as it
 * boots (so it must be chosen before the network starts), with honest ids made by the set's id rules.
 */
public final class DefenceWorld implements TestbedWorld.RuntimeListener {

    private NetworkDefences defences;

    public static DefenceWorld of(TestbedWorld world) {
        return world.extension(DefenceWorld.class, DefenceWorld::new);
    }

    /** Chooses the set ({@code "none"} for none); the network must not be running yet. */
    public void use(TestbedWorld world, String spec) {
        if (world.started()) {
            throw new IllegalStateException("defences are installed as nodes boot: choose them before the network starts "
                    + "(before 'the network has converged' or any step naming a node)");
        }
        DefenceSet set = DefenceSet.parse(spec);
        defences = set.isEmpty() ? null : new NetworkDefences(set);
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (defences != null) {
            defences.prepare(rt);
        }
    }

    public Optional<NetworkDefences> defences() {
        return Optional.ofNullable(defences);
    }

    /** The canonical spec of the installed set, "none" when there is none. */
    public String label() {
        return defences == null ? "none" : defences.set().toString();
    }
}
