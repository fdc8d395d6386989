package io.p2ptestbed.features.world.gnutella;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.gnutella.GnutellaAttacks;
import io.p2ptestbed.harness.gnutella.GnutellaQueries;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import java.util.ArrayList;
import java.util.List;

/** Per-scenario Gnutella state: the last batch of queries, the attackers and the last flood. */
public final class GnutellaWorld {

    private final TestbedWorld world;
    private final List<GnutellaQueries.Query> last = new ArrayList<>();
    private GnutellaAttacks attacks;
    /** The last query flood, if any. */
    public GnutellaAttacks.FloodOutcome flood;

    private GnutellaWorld(TestbedWorld world) {
        this.world = world;
    }

    public static GnutellaWorld of(TestbedWorld world) {
        return world.extension(GnutellaWorld.class, () -> new GnutellaWorld(world));
    }

    /** The running network as a Gnutella network in this JVM; a clear failure otherwise. */
    public LocalRuntime runtime() {
        return io.p2ptestbed.features.steps.Steps.localRuntimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
    }

    public GnutellaAttacks attacks() {
        if (attacks == null) {
            attacks = new GnutellaAttacks(runtime(), world.rng("gnutella-attackers"));
        }
        return attacks;
    }

    public List<GnutellaQueries.Query> last() {
        if (last.isEmpty()) {
            throw new IllegalStateException("no Gnutella query has been measured yet: use 'N queries for \"x\" run from random nodes'");
        }
        return last;
    }

    public void last(List<GnutellaQueries.Query> qs) {
        last.clear();
        last.addAll(qs);
    }

    public GnutellaAttacks.FloodOutcome flood() {
        if (flood == null) {
            throw new IllegalStateException("no query flood has run: use 'a servent floods N queries per second with TTL t for S seconds'");
        }
        return flood;
    }
}
