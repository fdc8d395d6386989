package io.p2ptestbed.features.world;

import io.p2ptestbed.adversary.collusion.ColluderPresence;
import io.p2ptestbed.adversary.collusion.ColluderStrategy;
import io.p2ptestbed.harness.attack.ColluderChoice;
import io.p2ptestbed.harness.attack.OverlayCollusion;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.Set;

/**
 * The colluding-adversary model of a scenario, on any overlay that registers an {@link OverlayCollusion}: a
 * share of the network's own nodes (never a bootstrap node), chosen from the seed, whose transports are
 * wrapped as they boot; they lie from the start or turn once the network has converged.
 */
public final class CollusionWorld implements TestbedWorld.RuntimeListener {

    private int percent;
    private ColluderStrategy strategy;
    private boolean fromStart;
    private OverlayCollusion.Installed installed;
    private Set<NodeAddress> colluders = Set.of();

    public static CollusionWorld of(TestbedWorld world) {
        return world.extension(CollusionWorld.class, CollusionWorld::new);
    }

    /** Chooses the colluders; checks at once that the overlay supports the strategy and presence. */
    public void choose(TestbedWorld world, int percent, ColluderStrategy strategy, boolean fromStart) {
        if (world.started()) {
            throw new IllegalStateException("colluders are the network's own nodes, wrapped as they boot: choose them before "
                    + "the network starts (before 'the network has converged' or any step naming a node)");
        }
        if (percent < 1 || percent > 90) {
            throw new IllegalArgumentException("the colluder share must be in [1, 90]%, got " + percent + "%");
        }
        OverlayCollusion.of(world.scenario().overlay().name()).support()
                .require(strategy, fromStart ? ColluderPresence.fromStart() : ColluderPresence.turnAt(1));
        this.percent = percent;
        this.strategy = strategy;
        this.fromStart = fromStart;
        this.colluders = ColluderChoice.addresses(world.scenario(), percent / 100.0);
    }

    public boolean active() {
        return strategy != null;
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (!active()) {
            return;
        }
        if (!(rt instanceof LocalRuntime local)) {
            throw new UnsupportedOperationException("colluders among the network's own nodes run on the simulated and loopback "
                    + "runtimes, not on " + rt.kind().label());
        }
        installed = OverlayCollusion.of(rt.scenario().overlay().name()).install(local, colluders, strategy,
                fromStart ? ColluderPresence.fromStart() : ColluderPresence.turnAt(Long.MAX_VALUE));
    }

    @Override
    public void afterStart(NetworkRuntime rt) {
        if (installed != null && !fromStart) {
            installed.turnAt(Math.max(1, rt.nowMillis()));
        }
    }

    public boolean isColluder(NodeHandle n) {
        return colluders.contains(n.address());
    }

    public int percent() {
        return percent;
    }

    public int size() {
        return colluders.size();
    }

    public long lies() {
        return installed == null ? 0 : installed.lies();
    }

    /** Honest lookups graded last: successes of lookups. */
    public int lastSuccesses;
    public int lastLookups = -1;

    public String describe() {
        return percent + "% colluders that " + strategy.phrase() + (fromStart ? ", present from the start"
                : ", turning once the network has converged");
    }
}
