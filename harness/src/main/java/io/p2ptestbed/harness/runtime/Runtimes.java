package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.docker.DockerOptions;
import io.p2ptestbed.harness.scenario.Scenario;

/** Creates the runtime a scenario names. */
public final class Runtimes {

    private Runtimes() {}

    public static NetworkRuntime create(Scenario s) {
        return create(s, 0);
    }

    /**
     * The same, with {@code nodesPerContainer} nodes in each container on the docker runtime (one JVM per container;
     * 0: the default, {@code -Dtestbed.docker.nodesPerContainer} or 1). The in-JVM runtimes have no containers and
     * ignore it; the swarm runtime lays out its own.
     */
    public static NetworkRuntime create(Scenario s, int nodesPerContainer) {
        if (nodesPerContainer < 0) {
            throw new IllegalArgumentException("nodes per container must be at least 1 (0: the default), got " + nodesPerContainer);
        }
        return switch (s.runtime()) {
            case SIMULATED -> new SimulatedRuntime(s);
            case LOOPBACK -> new LoopbackRuntime(s);
            case DOCKER -> nodesPerContainer == 0 ? new io.p2ptestbed.harness.docker.DockerRuntime(s)
                    : new io.p2ptestbed.harness.docker.DockerRuntime(s, DockerOptions.defaults().withNodesPerContainer(nodesPerContainer));
            case SWARM -> new io.p2ptestbed.harness.swarm.SwarmRuntime(s);
        };
    }
}
