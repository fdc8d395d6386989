package io.p2ptestbed.features.world.gnutella;

import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.gnutella.DockerGnutellaSybils;
import io.p2ptestbed.harness.gnutella.GnutellaAttacks;
import io.p2ptestbed.harness.gnutella.GnutellaQueries;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import java.util.ArrayList;
import java.util.List;

/** Per-scenario Gnutella state: the last batch of queries, the attackers and the last flood. */
public final class GnutellaWorld {

    private final TestbedWorld world;
    private final List<GnutellaQueries.Query> last = new ArrayList<>();
    private GnutellaAttacks attacks;
    private DockerGnutellaSybils containerSybils;
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

    /**
     * The Sybils of a network in containers (servents of the harness whose TCP endpoints live in an attacker container),
     * or null when the network runs in this JVM (simulated, loopback: {@link #attacks()}); a clear failure on a runtime of
     * containers without attacker containers.
     */
    public DockerGnutellaSybils containerSybils() {
        NetworkRuntime rt = io.p2ptestbed.features.steps.Steps.runtimeOf(world, "gnutella", "a gnutella network of N nodes with degree d");
        if (rt instanceof LocalRuntime) {
            return null;
        }
        if (!(rt instanceof DockerRuntime docker)) {
            throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("Gnutella's Sybils run on the simulated, loopback "
                    + "and docker runtimes (attacker containers), not on " + rt.kind().label());
        }
        if (containerSybils == null) {
            containerSybils = new DockerGnutellaSybils(docker, world.rng("gnutella-attackers"));
        }
        return containerSybils;
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
