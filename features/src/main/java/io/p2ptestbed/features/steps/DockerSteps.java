package io.p2ptestbed.features.steps;

import io.cucumber.java.Before;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.docker.DockerAvailability;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opentest4j.TestAbortedException;

/**
 * The container-only steps: pausing and unpausing a node's container ({@code docker pause}, the cgroup
 * freezer), which no other runtime has, and the {@code @docker} hook. Every other sentence of the docker
 * feature files is a common one that runs on the three runtimes.
 *
 * <p>The {@code @docker} hook skips a scenario (reported as skipped, not passed) when no Docker engine
 * answers, with one explanation printed once per run; with {@code TESTBED_REQUIRE_DOCKER=1} (CI) it
 * fails the scenario instead.
 */
public class DockerSteps {

    private static final AtomicBoolean SKIP_EXPLAINED = new AtomicBoolean();
    private final TestbedWorld world;

    public DockerSteps(TestbedWorld world) {
        this.world = world;
    }

    @Before(value = "@docker", order = 1)
    public void requireDocker() {
        DockerAvailability.Status s = DockerAvailability.check();
        if (s.usable()) {
            return;
        }
        String problem = s.available() ? "the environment lacks what Testcontainers needs here: " + String.join("; ",
                s.warnings()) : s.message();
        if (DockerAvailability.required()) {
            throw new IllegalStateException(DockerAvailability.REQUIRE_ENV + " is set, but " + problem);
        }
        String why = "docker scenarios skipped: " + problem + " (set " + DockerAvailability.REQUIRE_ENV
                + "=1 to fail instead)";
        if (SKIP_EXPLAINED.compareAndSet(false, true)) {
            System.err.println("[docker] " + why);
            throw new DockerSkipped(why);
        }
        throw new DockerSkipped("skipped: no usable Docker engine (see the first docker scenario)");
    }

    /** Marks a scenario skipped (Cucumber reports an aborted test as skipped); one line, no stack trace. */
    static final class DockerSkipped extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        DockerSkipped(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    // ------------------------------------------------------------------ container-only: pause and unpause

    @When("the container of node {int} is paused")
    public void pause(int index) {
        docker().pause(Steps.node(world, index));
        world.snapshot("container of node " + index + " paused");
    }

    @When("the container of node {int} is unpaused")
    public void unpause(int index) {
        docker().unpause(Steps.node(world, index));
    }

    private io.p2ptestbed.harness.docker.DockerRuntime docker() {
        if (world.runtime() instanceof io.p2ptestbed.harness.docker.DockerRuntime d) {
            return d;
        }
        throw new IllegalStateException("containers are paused on the docker runtime only, not on "
                + world.runtime().kind().label());
    }
}
