package io.p2ptestbed.features.steps;

import io.cucumber.java.Before;
import io.p2ptestbed.harness.docker.DockerAvailability;
import io.p2ptestbed.harness.swarm.SwarmAvailability;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code @swarm} hook. Swarm rows are tagged {@code @docker @swarm}: they run with the docker rows (the
 * {@code docker-scenarios} execution, left out of the main job), after the {@code @docker} hook has found an
 * engine. This hook then needs that engine to be a manager of an active swarm: without one the scenario is
 * skipped, with one line that names {@value SwarmAvailability#INIT}; with {@code TESTBED_REQUIRE_DOCKER=1}
 * (CI) it fails instead.
 */
public class SwarmSteps {

    private static final AtomicBoolean SKIP_EXPLAINED = new AtomicBoolean();

    @Before(value = "@swarm", order = 2)
    public void requireSwarm() {
        SwarmAvailability.Status s = SwarmAvailability.check();
        if (s.available()) {
            return;
        }
        if (DockerAvailability.required()) {
            throw new IllegalStateException(DockerAvailability.REQUIRE_ENV + " is set, but " + s.message());
        }
        String why = "swarm scenarios skipped: " + s.message() + " (set " + DockerAvailability.REQUIRE_ENV
                + "=1 to fail instead)";
        if (SKIP_EXPLAINED.compareAndSet(false, true)) {
            System.err.println("[swarm] " + why);
            throw new DockerSteps.DockerSkipped(why);
        }
        throw new DockerSteps.DockerSkipped("skipped: no Docker swarm (see the first swarm scenario)");
    }
}
