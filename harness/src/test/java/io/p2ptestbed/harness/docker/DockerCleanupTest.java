package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leak-free clean-up: a run killed midway (SIGKILL, no hooks) is swept by the next start. */
class DockerCleanupTest {

    @Test
    void aRunKilledMidwayIsSweptByTheNextStart() throws Exception {
        DockerTestSupport.requireDockerOrSkip();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dtestbed.docker.nodeJar=" + DockerOptions.defaults().resolveNodeJar().toAbsolutePath(),
                OrphanMaker.class.getName()).redirectErrorStream(true);
        Process child = pb.start();
        String runId = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
                if (line.startsWith("ORPHAN-RUN ")) {
                    runId = line.substring("ORPHAN-RUN ".length()).trim();
                    break;
                }
            }
            assertThat(runId).as("child output:\n%s", out).isNotNull();
            assertThat(DockerTestSupport.containersOf(runId).lines()).as("3 nodes and 1 attacker container").hasSize(4);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(DockerTestSupport.containersOf(runId)).as("the killed run leaked its containers").isNotEmpty();
        assertThat(DockerTestSupport.networksOf(runId)).as("and its network").isNotEmpty();

        // the next start sweeps what the dead run left (and nothing of live runs)
        String otherRun;
        try (DockerRuntime next = new DockerRuntime(Scenario.defaults("after-crash", 2).withRuntime(RuntimeKind.DOCKER))) {
            next.start();
            otherRun = next.runId();
            assertThat(DockerTestSupport.containersOf(runId)).isEmpty();
            assertThat(DockerTestSupport.networksOf(runId)).isEmpty();
            assertThat(DockerTestSupport.containersOf(otherRun).lines()).hasSize(2);
        }
        assertThat(DockerTestSupport.containersOf(otherRun)).isEmpty();
        assertThat(DockerTestSupport.networksOf(otherRun)).isEmpty();
    }

    @Test
    void ownersAreJudgedByPidAndStartTime() {
        Owner self = Owner.self();
        assertThat(Owner.parse(self.label())).contains(self);
        assertThat(self.isAliveHere()).isTrue();
        assertThat(new Owner(self.host(), self.pid(), self.startMillis() - 3_600_000).isAliveHere())
                .as("a recycled pid with another start time").isFalse();
        assertThat(new Owner(self.host(), Integer.MAX_VALUE - 7, 1).isAliveHere()).isFalse();
        assertThat(new Owner("another-host", 1, 1).isAliveHere()).as("not ours to judge").isTrue();
        assertThat(Owner.parse("garbage")).isEmpty();
    }
}
