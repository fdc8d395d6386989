package io.p2ptestbed.harness.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Skips docker tests without an engine, unless TESTBED_REQUIRE_DOCKER=1 (then they fail). */
final class DockerTestSupport {

    private DockerTestSupport() {}

    static void requireDockerOrSkip() {
        DockerAvailability.Status s = DockerAvailability.check();
        if (DockerAvailability.required()) {
            s.orThrowUnlessUsable();
        }
        assumeTrue(s.usable(), s.message());
    }

    /** Runs a command, returns stdout+stderr; fails on non-zero exit. */
    static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Containers labelled with the run id (any state). */
    static String containersOf(String runId) {
        return sh("docker", "ps", "-a", "-q", "--filter", "label=" + DockerLabels.RUN + "=" + runId).strip();
    }

    static String networksOf(String runId) {
        return sh("docker", "network", "ls", "-q", "--filter", "label=" + DockerLabels.RUN + "=" + runId).strip();
    }

    /** Starts a docker network of {@code nodes} nodes for a test class (skips the class without an engine). */
    static DockerRuntime startNetwork(String name, int nodes, long seed) {
        requireDockerOrSkip();
        DockerRuntime rt = new DockerRuntime(io.p2ptestbed.harness.scenario.Scenario.defaults(name, nodes)
                .withRuntime(io.p2ptestbed.harness.scenario.RuntimeKind.DOCKER).withSeed(seed));
        rt.start();
        return rt;
    }

    /** Closes {@code rt} (if started) and asserts that none of its containers or networks remain. */
    static void closeAndAssertClean(DockerRuntime rt) {
        if (rt != null) {
            String run = rt.runId();
            rt.close();
            org.assertj.core.api.Assertions.assertThat(containersOf(run)).as("containers of run %s", run).isEmpty();
            org.assertj.core.api.Assertions.assertThat(networksOf(run)).as("networks of run %s", run).isEmpty();
        }
    }
}
