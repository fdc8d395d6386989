package io.p2ptestbed.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong arguments end with a clear message and exit code 2, before anything runs. */
class CliArgumentsTest {

    @TempDir
    Path tmp;

    @Test
    void unknownRuntime_isRejectedWithTheValidNames() {
        Cli.Result r = Cli.exec("run", "--runtime", "kubernetes", "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown runtime 'kubernetes'").contains("simulated, loopback, docker");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void unknownOption_andMissingCommand_exitWith2() {
        assertThat(Cli.exec("run", "--bogus").exit()).isEqualTo(2);
        Cli.Result none = Cli.exec();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("missing command").contains("run").contains("gate");
        assertThat(Cli.exec("baseline").exit()).isEqualTo(2);
        Cli.Result exports = Cli.exec("run", "--exports", "some", "--out", tmp.resolve("e").toString());
        assertThat(exports.exit()).isEqualTo(2);
        assertThat(exports.err()).contains("--exports must be 'failed' or 'all'");
        assertThat(tmp.resolve("e")).doesNotExist();
    }

    @Test
    void helpAndVersion_exit0() {
        Cli.Result help = Cli.exec("run", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--runtime").contains("--gate").contains("Exit codes");
        assertThat(Cli.exec("--version").out()).contains("testbed");
    }

    @Test
    void dockerBenchOutOfRange_exits2BeforeTouchingDocker() {
        Cli.Result r = Cli.exec("bench", "--docker", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--docker sizes must be at least 2");
        assertThat(Cli.exec("bench", "--docker", "50", "--density", "0").exit()).isEqualTo(2);
    }

    @Test
    void missingFeatureFile_exits2() {
        Cli.Result r = Cli.exec("run", tmp.resolve("nope.feature").toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such feature file");
    }

    @Test
    void tagsMatchingNothing_exit2() {
        Cli.Result r = Cli.exec("run", "classpath:testbed-cli/small.feature", "--tags", "@no-such-tag",
                "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no scenario matched --tags '@no-such-tag'");
    }

    @Test
    void outFolderThatIsNotAReport_isNeverWiped() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("pom.xml"), "<project/>");
        Cli.Result r = Cli.exec("run", "classpath:testbed-cli/small.feature", "--out", src.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not empty and is not a testbed report folder");
        assertThat(src.resolve("pom.xml")).exists();
    }

    @Test
    void gateAndReplayWithoutAReport_exit2() {
        Cli.Result gate = Cli.exec("gate", "--report", tmp.resolve("missing/run-report.json").toString(),
                "--baseline", tmp.resolve("b.json").toString());
        assertThat(gate.exit()).isEqualTo(2);
        assertThat(gate.err()).contains("no run report at");
        assertThat(Cli.exec("replay", "--report", tmp.toString()).exit()).isEqualTo(2);
        assertThat(Cli.exec("render", "--report", tmp.toString(), "--format", "svg").exit()).isEqualTo(2);
        assertThat(Cli.exec("bench", "--nodes", "1").exit()).isEqualTo(2);
        Cli.Result inFlight = Cli.exec("bench", "--nodes", "100", "--in-flight", "0");
        assertThat(inFlight.exit()).isEqualTo(2);
        assertThat(inFlight.err()).contains("--in-flight");
    }

    @Test
    void benchTooLargeForTheHeap_isRefusedWithTheEstimate_beforeBuilding() {
        System.setProperty(BenchCommand.CHILD_PROPERTY, "true"); // as in a JVM whose heap was chosen
        try {
            Cli.Result r = Cli.exec("bench", "--nodes", "10000000", "--k", "8");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("10,000,000 simulated kademlia nodes (k = 8) need about")
                    .contains("KB per node").contains("-Xmx");
            assertThat(r.out()).doesNotContain("simulated N=");
        } finally {
            System.clearProperty(BenchCommand.CHILD_PROPERTY);
        }
    }

    @Test
    void benchOnASmallNetwork_printsItsFigures() {
        Cli.Result r = Cli.exec("bench", "--nodes", "200", "--k", "8", "--lookups", "400", "--in-flight", "50");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("simulated N=200 k=8 alpha=3").contains("400 lookups (50 in flight)")
                .contains("per round of 100").contains("success=1.0000");
    }

    @Test
    void benchJoinSpacingAndTopology_arePrintedAndChecked() {
        Cli.Result r = Cli.exec("bench", "--nodes", "200", "--k", "8", "--lookups", "200", "--in-flight", "50",
                "--join-spacing", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(" s virtual, joins 1 ms apart, latency uniform,").contains("success=1.0000");
        Cli.Result bad = Cli.exec("bench", "--nodes", "200", "--join-spacing", "-1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--join-spacing -1 is out of range [0, 60000] ms");
        Cli.Result plane = Cli.exec("bench", "--nodes", "200", "--k", "8", "--lookups", "200", "--in-flight", "50",
                "--topology", "plane");
        assertThat(plane.exit()).isZero();
        assertThat(plane.out()).contains("latency plane,").contains("success=1.0000");
        Cli.Result badTopology = Cli.exec("bench", "--nodes", "200", "--topology", "torus");
        assertThat(badTopology.exit()).isEqualTo(2);
        assertThat(badTopology.err()).contains("--topology torus");
    }

    @Test
    void benchRepeated_printsEachRunAndTheirSpread() {
        Cli.Result r = Cli.exec("bench", "--nodes", "200", "--k", "8", "--lookups", "200", "--in-flight", "50",
                "--threads", "1", "--repeat", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(line -> line.startsWith("simulated N=200 k=8 alpha=3 threads=1: built"))).hasSize(3);
        assertThat(r.out()).contains("simulated N=200 k=8 alpha=3 threads=1 over 3 runs: built+converged in ")
                .contains("(min / median / max)").contains("3 of 3 runs found every target");
        Cli.Result bad = Cli.exec("bench", "--nodes", "200", "--repeat", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--repeat 0 is out of range");
    }

    @Test
    void checkOfTheBundledFeatures_findsEveryStepDefined() {
        Cli.Result r = Cli.exec("check");
        assertThat(r.exit()).as(r.all()).isEqualTo(0);
        assertThat(r.out()).contains("every step defined");
    }

    @Test
    void misspeltStep_isNamedWithSuggestions_andRunRefusesBeforeTouchingTheReport() throws Exception {
        Path feature = tmp.resolve("typo.feature");
        Files.writeString(feature, """
                Feature: typo
                  Scenario: one typo
                    Given a netwrok of 20 nodes
                    When the network has converged
                """);
        Cli.Result check = Cli.exec("check", feature.toString());
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.out()).contains("typo.feature:3", "Did you mean:", "a network of {int} nodes");
        Path out = tmp.resolve("report");
        Cli.Result run = Cli.exec("run", feature.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("a network of {int} nodes", "Nothing ran");
        assertThat(out).as("the report folder is not created when nothing can run").doesNotExist();
    }

    @Test
    void benchPastry_printsItsFloorsFigures() {
        Cli.Result r = Cli.exec("bench", "--protocol", "pastry", "--nodes", "64", "--lookups", "100", "--threads", "1");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("pastry simulated N=64 (b=4, L=16, M=32): 64 joined in")
                .contains("0 leaf sets wrong at the end").contains("100 routes of random keys from random nodes, 12 in flight")
                .contains("100.000% delivered to the numerically closest live node, 0 failed").contains("process cpu");
        Cli.Result sharded = Cli.exec("bench", "--protocol", "pastry", "--nodes", "64", "--lookups", "100", "--threads", "2");
        assertThat(sharded.exit()).as(sharded.all()).isZero();
        assertThat(sharded.out()).contains("pastry simulated sharded N=64 (b=4, L=16, M=32; 16 shards on 2 threads, "
                        + "windows of 10 ms): 64 joined in").contains("0 joins failed, 0 leaf sets wrong at the end")
                .contains("100 routes of random keys from random nodes, 12 in flight")
                .contains("100.000% delivered to the numerically closest live node, 0 failed");
        Cli.Result bad = Cli.exec("bench", "--protocol", "pastry", "--loopback", "5");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--loopback 5 is out of range [20, 62500] for pastry");
    }

    @Test
    void benchBitcoin_runsOnTheSingleLoopAndSharded() {
        Cli.Result r = Cli.exec("bench", "--protocol", "bitcoin", "--nodes", "60", "--queries", "5", "--threads", "1");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("bitcoin simulated N=60: built in").contains("5 of 5 transactions reached every node");
        Cli.Result sharded = Cli.exec("bench", "--protocol", "bitcoin", "--nodes", "60", "--queries", "5", "--threads", "2");
        assertThat(sharded.exit()).as(sharded.all()).isZero();
        assertThat(sharded.out()).contains("bitcoin simulated sharded (16 shards on 2 threads, windows of 10 ms; relay cpu = "
                + "calling thread ").contains("5 of 5 transactions reached every node");
    }

    @Test
    void benchChord_printsItsWorkloadAndFigures() {
        Cli.Result r = Cli.exec("bench", "--protocol", "chord", "--nodes", "64", "--lookups", "100", "--repeat", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(line -> line.startsWith("chord simulated N=64: built"))).hasSize(2);
        assertThat(r.out()).contains("100 lookups of random keys from random nodes, 12 in flight")
                .contains("maintenance running").contains("per lookup").contains("100.000% reached the live successor")
                .contains("chord simulated N=64, 2 runs");
        Cli.Result bad = Cli.exec("bench", "--protocol", "nosuch", "--nodes", "64");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bench knows kademlia, chord, pastry, gnutella and bitcoin");
    }

    @Test
    void benchGnutella_laysOutARegularGraphAndNamesWhatItCannotBuild() {
        Cli.Result r = Cli.exec("bench", "--protocol", "gnutella", "--nodes", "100", "--queries", "5");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("gnutella simulated N=100 degree 8 (mean 8.00) TTL 7").contains("per cpu-second")
                .contains("live heap after a full GC");
        Cli.Result odd = Cli.exec("bench", "--protocol", "gnutella", "--nodes", "101", "--degree", "7", "--queries", "5");
        assertThat(odd.exit()).isEqualTo(2);
        assertThat(odd.err()).contains("a 7-regular graph of 101 nodes needs N·degree even (or --layout join)");
        Cli.Result bad = Cli.exec("bench", "--protocol", "gnutella", "--nodes", "100", "--layout", "ring");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--layout: gnutella layout must be regular or join, got 'ring'");
    }
}
