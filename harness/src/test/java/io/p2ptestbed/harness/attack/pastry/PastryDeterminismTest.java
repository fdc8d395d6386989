package io.p2ptestbed.harness.attack.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.pastry.PastryLie;
import io.p2ptestbed.harness.ChildJvm;
import io.p2ptestbed.harness.Seeds;
import io.p2ptestbed.harness.metrics.LookupStats;
import io.p2ptestbed.harness.runtime.Addresses;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.harness.runtime.SimulatedRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.harness.workload.Workloads;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 12's non-determinism: the routing-failure-test scenario (certified ids, constrained
 * tables, secureRouting=test, a fifth of the members misrouting) gave two different results for one seed on
 * two machines. The cause: simulated nodes took their UDP port from {@code TESTBED_LAB_PORT}, and certified ids
 * hash the address, port included, so the environment chose the ids. The same run must give the same
 * fingerprint twice in one JVM, after another run in that JVM, and in a JVM with another TESTBED_LAB_PORT.
 */
class PastryDeterminismTest {

    /** A small version of attacks.feature's scenario: every number that could drift, in one line. */
    static String fingerprint(long seed) {
        Scenario s = new Scenario("pastry determinism", RuntimeKind.SIMULATED, seed, 60, 3,
                Protocols.get("pastry").params(Map.of("bindIds", "true", "constrainedTable", "true", "secureRouting", "test")),
                10, 100, 0.0, 5);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            PastryAttacks.Turned turned = new PastryAttacks.Turned(rt, new Seeds(seed).stream("pastry-colluders"), List.of());
            turned.turnUpTo(0.2, PastryLie.MISROUTE);
            rt.advance(5_000);
            LookupStats st = Workloads.randomLookups(rt, 60, new Seeds(seed).stream("lookups"));
            long failed = 0;
            for (NodeHandle n : rt.liveNodes()) {
                failed += n.stats().getOrDefault("defence.pastry.failure_test_failed", 0L);
            }
            List<String> ids = rt.nodes().stream().limit(3).map(n -> n.id().toString() + "@" + n.address()).toList();
            return String.format(Locale.ROOT, "success=%.4f messages=%.4f hops=%.4f lies=%d failedTests=%d events=%d ids=%s",
                    st.successRate(), st.meanMessages(), st.meanHops(), turned.lies(), failed, rt.executedEvents(), ids);
        }
    }

    @Test
    void simulatedNodesUseTheFixedSimulatedPortWhateverTheEnvironmentSays() {
        Scenario s = new Scenario("ports", RuntimeKind.SIMULATED, 1, 10, 2, Protocols.get("pastry").params(Map.of()),
                10, 100, 0.0, 5);
        try (SimulatedRuntime rt = new SimulatedRuntime(s)) {
            rt.start();
            assertThat(rt.labPort()).isEqualTo(Addresses.SIMULATED_PORT);
            assertThat(rt.nodes()).allSatisfy(n -> assertThat(n.address().port()).isEqualTo(Addresses.SIMULATED_PORT));
        }
    }

    /**
     * The same seed twice in this JVM with another run in between (nothing may leak from it), and once in a JVM
     * whose TESTBED_LAB_PORT differs: four equal fingerprints.
     */
    @Test
    void theSameSeedGivesTheSameRunTwiceAfterAnotherRunAndUnderAnotherLabPort() throws Exception {
        String first = fingerprint(62);
        String other = fingerprint(63);
        String again = fingerprint(62);
        assertThat(again).isEqualTo(first);
        assertThat(other).as("another seed is another run").isNotEqualTo(first);
        assertThat(first).as("the fingerprint sees the attack").doesNotContain("lies=0 ");

        int port = ChildJvm.otherPort(Addresses.PORT, 7599, 7598);
        List<String> lines = ChildJvm.run(PastryDeterminismTest.class, "TESTBED_LAB_PORT", String.valueOf(port), "62");
        assertThat(lines).as("the run in a JVM with TESTBED_LAB_PORT=%d", port).contains("fingerprint " + first);
    }

    /** The child JVM of {@link #anotherLabPortInTheEnvironmentGivesTheSameSimulatedRun}: prints the fingerprint. */
    public static void main(String[] args) {
        System.out.println("fingerprint " + fingerprint(Long.parseLong(args[0])));
    }
}
