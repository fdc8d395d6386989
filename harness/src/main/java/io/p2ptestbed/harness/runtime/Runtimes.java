package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.harness.scenario.Scenario;

/** Creates the runtime a scenario names. */
public final class Runtimes {

    private Runtimes() {}

    public static NetworkRuntime create(Scenario s) {
        return switch (s.runtime()) {
            case SIMULATED -> new SimulatedRuntime(s);
            case LOOPBACK -> new LoopbackRuntime(s);
            case DOCKER -> new io.p2ptestbed.harness.docker.DockerRuntime(s);
            case SWARM -> new io.p2ptestbed.harness.swarm.SwarmRuntime(s);
        };
    }
}
