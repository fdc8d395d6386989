package io.p2ptestbed.features.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2ptestbed.features.cli.TestbedCli;
import io.p2ptestbed.reports.Versions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A user's project from a clean generation: {@code testbed init} writes the starter into a fresh
 * folder, and its {@code mvn -o test} runs against the artefacts this build just packaged, offline,
 * with no pom edit. Runs in the integration-test phase (after every module is packaged): the
 * artefacts are put into the build's local repository first, as {@code mvn install} would put them.
 */
class StarterIT {

    private final Path root = Path.of(System.getProperty("testbed.it.root", "..")).toAbsolutePath().normalize();
    private final Path repo = Path.of(System.getProperty("testbed.it.repo",
            System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
    private final Path work = root.resolve("features/target/starter-it");

    @Test
    void aGeneratedStarterRunsItsExampleFeatureOfflineAgainstTheJustBuiltArtefacts() throws Exception {
        String version = Versions.detect().project();
        installReactorArtefacts(version);
        deleteTree(work);
        Path project = work.resolve("my-lab");

        StringWriter out = new StringWriter();
        CommandLine cli = TestbedCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("init", project.toString(), "--group-id", "org.acme")).as(out.toString()).isZero();
        assertThat(project.resolve("pom.xml")).content().contains("p2p-testbed-bom", "<p2p-testbed.version>" + version);

        Path log = work.resolve("mvn.log");
        List<String> cmd = new ArrayList<>(List.of(mvn(), "-o", "-B", "test", "-Dmaven.repo.local=" + repo));
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("mvn -o test in the starter finished within 15 minutes; log: %s", log).isTrue();
        assertThat(p.exitValue()).as("mvn -o test in the starter (%s):%n%s", log, tail(output)).isZero();
        assertThat(output).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");

        JsonNode report = new ObjectMapper().readTree(project.resolve("target/testbed-report/run-report.json").toFile());
        List<String> verdicts = new ArrayList<>();
        report.get("scenarios").forEach(s -> verdicts.add(s.get("verdict").asText() + " " + s.get("name").asText()));
        assertThat(verdicts).containsExactlyInAnyOrder(
                "PASS Lookups in a 200-node Kademlia network find the closest node",
                "PASS Lookups on a 200-node Chord ring reach the key's successor");
        assertThat(project.resolve("target/testbed-report/index.html")).exists();
        assertThat(project.resolve("target/testbed-report/cucumber/cucumber-junit.xml")).exists();
    }

    /** The parent and BOM poms, and each module's jar and pom, at the layout a local repository uses. */
    private void installReactorArtefacts(String version) throws IOException {
        installPom("p2p-testbed-parent", root.resolve("pom.xml"), version);
        installPom("p2p-testbed-bom", root.resolve("bom/pom.xml"), version);
        String[][] modules = {{"overlay", "p2p-testbed-overlay"}, {"adversary", "p2p-testbed-adversary"},
                {"harness", "p2p-testbed-harness"}, {"reports", "p2p-testbed-reports"}, {"features", "p2p-testbed-steps"}};
        for (String[] m : modules) {
            Path jar = root.resolve(m[0]).resolve("target").resolve(m[1] + "-" + version + ".jar");
            assertThat(jar).as("module %s packaged before the integration tests", m[0]).exists();
            Path dir = installPom(m[1], root.resolve(m[0]).resolve("pom.xml"), version);
            Files.copy(jar, dir.resolve(m[1] + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path installPom(String artifactId, Path pom, String version) throws IOException {
        Path dir = repo.resolve("io/p2ptestbed").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static String mvn() {
        String home = System.getProperty("maven.home", System.getenv("MAVEN_HOME"));
        if (home != null && new File(home, "bin/mvn").canExecute()) {
            return new File(home, "bin/mvn").getPath();
        }
        return "mvn";
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
