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
}
