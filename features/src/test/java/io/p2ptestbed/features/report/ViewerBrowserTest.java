package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.RunReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The viewer in a real browser: a real {@code testbed run} of an eclipse and of the 10,000-node
 * disjoint-paths scenario, then {@code reports/viewer/viewer-test.mjs} (playwright-core driving Debian's
 * Chromium, headless) opens each viewer from disk, plays it to the end and steps back to the start. The
 * victim's adversary share shown at the last frame must equal run-report.json's
 * {@code victim_adversary_share}, and the one shown at the first frame the share the first frame's caption
 * states. Opening time and one frame step are printed, not asserted. Screenshots go into the report.
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code $CHROMIUM}), node and {@code npm ci} in reports/viewer
 * (scripts/setup.sh does all three). Without them the test is skipped with one line, or fails when
 * {@code TESTBED_REQUIRE_BROWSER=1} (CI).
 */
class ViewerBrowserTest {

    static final String ECLIPSE = "A plain node's table is taken over and its lookups mostly fail";
    static final String TEN_THOUSAND = "Disjoint paths keep lookups reliable as colluders grow to half of a 10,000-node network";
    static final Path PACKAGE = Path.of("..", "reports", "viewer").toAbsolutePath().normalize();
    static final Pattern CAPTION_SHARE = Pattern.compile("(\\d+)/(\\d+) \\(");

    @Test
    void viewerShowsTheRunReportsVictimShareAtTheLastFrameAndTheCaptionsAtTheFirst() throws Exception {
        requireBrowser();
        Path report = Path.of("target", "viewer-browser-test").toAbsolutePath();
        run(report);
        RunReport runReport = RunReport.read(report.resolve(RunReport.FILE_NAME));
        String eclipse = viewerFolder(runReport, ECLIPSE);
        String big = viewerFolder(runReport, TEN_THOUSAND);

        List<JsonNode> results = browse(report, eclipse, big);
        JsonNode e = results.get(0);
        System.out.printf("[viewer] %s: %d frames, %d nodes, WebGL2 %s; opened in %d ms, one frame step %d ms%n",
                ECLIPSE, e.get("frames").asInt(), e.get("nodes").asInt(), e.get("webgl").asBoolean(),
                e.get("openMs").asLong(), e.get("stepMs").asLong());
        assertThat(e.get("errors")).as("browser errors").isEmpty();
        double expected = runReport.scenario(ECLIPSE).orElseThrow().metrics().get("victim_adversary_share");
        assertThat(e.get("lastShare").get("share").asDouble()).as("victim share shown at the last frame: %s",
                e.get("lastShare").get("text").asText()).isCloseTo(expected, within(1e-12));
        assertThat(e.get("backFrame").asInt()).isZero();
        Matcher m = CAPTION_SHARE.matcher(e.get("backCaption").asText());
        assertThat(m.find()).as("first frame caption states the share: %s", e.get("backCaption").asText()).isTrue();
        double first = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        assertThat(e.get("backShare").get("share").asDouble()).as("victim share shown after stepping back to the first "
                + "frame: %s", e.get("backShare").get("text").asText()).isCloseTo(first, within(1e-12));
        assertThat(report.resolve(eclipse).resolve("viewer-last-frame.png")).isRegularFile();

        JsonNode b = results.get(1);
        System.out.printf("[viewer] %s: %d frames, %d nodes in the frame (GraphSnapshots samples above 2,000), "
                        + "WebGL2 %s; opened in %d ms, one frame step %d ms%n", TEN_THOUSAND, b.get("frames").asInt(),
                b.get("nodes").asInt(), b.get("webgl").asBoolean(), b.get("openMs").asLong(), b.get("stepMs").asLong());
        assertThat(b.get("errors")).as("browser errors").isEmpty();
        assertThat(b.get("backFrame").asInt()).isZero();
    }

    /** Skips with one line, or fails under TESTBED_REQUIRE_BROWSER=1, when Chromium, node or playwright-core is missing. */
    static void requireBrowser() {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(chromium))) {
            missing.add(chromium + " (apt-get install chromium)");
        }
        if (!onPath("node")) {
            missing.add("node (apt-get install nodejs)");
        }
        if (!Files.isDirectory(PACKAGE.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (cd reports/viewer && npm ci)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String line = "browser test of the viewer needs " + String.join(", ", missing) + "; scripts/setup.sh installs them";
        if ("1".equals(System.getenv("TESTBED_REQUIRE_BROWSER"))) {
            throw new AssertionError(line + " (TESTBED_REQUIRE_BROWSER=1)");
        }
        System.out.println("[viewer] SKIPPED: " + line);
        Assumptions.abort(line);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A real run of the two scenarios with the CLI, in its own JVM (Cucumber's runtime is global state). */
    private static void run(Path report) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-Xmx3g", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "io.p2ptestbed.features.cli.TestbedCli", "run",
                "--out", report.toString(), "--name", "^(" + Pattern.quote(ECLIPSE) + "|" + Pattern.quote(TEN_THOUSAND) + ")$");
        int exit = exec(cmd, Path.of("."), report.resolveSibling("viewer-browser-test-run.log"), 10);
        assertThat(exit).as("testbed run (log: target/viewer-browser-test-run.log)").isZero();
    }

    private static List<JsonNode> browse(Path report, String... folders) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "viewer-test.mjs", report.toString()));
        cmd.addAll(List.of(folders));
        Path log = report.resolveSibling("viewer-browser-test-node.log");
        int exit = exec(cmd, PACKAGE, log, 5);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exit).as("node viewer-test.mjs:%n%s", output).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                out.add(json.readTree(line));
            }
        }
        assertThat(out).as("results of node viewer-test.mjs:%n%s", output).hasSize(folders.length);
        return out;
    }

    private static int exec(List<String> cmd, Path dir, Path log, int minutes) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " took more than " + minutes + " minutes (log: " + log + ")");
        }
        return p.exitValue();
    }

    private static String viewerFolder(RunReport report, String scenario) {
        String path = report.artefacts(ArtefactKind.VIEWER, scenario).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no viewer for " + scenario + " in " + Map.of("artefacts", report.artefacts())))
                .path();
        return path.substring(0, path.lastIndexOf('/'));
    }
}
