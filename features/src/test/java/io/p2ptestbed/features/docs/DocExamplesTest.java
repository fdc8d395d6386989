package io.p2ptestbed.features.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.core.cli.Main;
import io.p2ptestbed.features.check.StepCheckPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Gherkin example in the README and docs/ is a complete scenario that passes as written. An
 * example identical to a bundled scenario or Scenario Outline row (same name, same steps) that CI's Cucumber
 * runs execute (the default suite, or the docker run for a {@code @docker} row) is run by them; every other
 * one is run here.
 */
class DocExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BUNDLED = Path.of("src/main/resources/io/p2ptestbed/suites");

    record Example(String where, String name, List<String> steps, String text) {}

    @Test
    void everyExampleIsACompleteScenarioAndPassesAsWritten() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).as("examples found in README.md and docs/").hasSizeGreaterThanOrEqualTo(10);
        Map<String, List<String>> bundled = bundledScenarios();
        List<Example> toRun = new ArrayList<>();
        for (Example e : examples) {
            List<String> same = bundled.get(e.name());
            if (same == null || !same.equals(e.steps())) {
                toRun.add(e);
            }
        }
        System.out.printf("%d examples: %d identical to a bundled scenario (run by the suite), %d run here%n",
                examples.size(), examples.size() - toRun.size(), toRun.size());
        if (toRun.isEmpty()) {
            return;
        }
        Path dir = Path.of("target/doc-examples").toAbsolutePath();
        Files.createDirectories(dir);
        StringBuilder feature = new StringBuilder("Feature: The examples of the README and docs/, as written\n\n");
        for (Example e : toRun) {
            feature.append("  # ").append(e.where()).append('\n');
            e.text().lines().forEach(l -> feature.append("  ").append(l).append('\n'));
            feature.append('\n');
        }
        Path file = dir.resolve("examples.feature");
        Files.writeString(file, feature);
        ScenarioOutcomes.BY_NAME.clear();
        String saved = System.getProperty("testbed.report.dir");
        System.setProperty("testbed.report.dir", dir.resolve("report").toString());
        System.setProperty("cucumber.publish.quiet", "true");
        try {
            Main.run(new String[] {"--glue", "io.p2ptestbed.features.steps", "--monochrome", "--plugin", "summary",
                    "--plugin", StepCheckPlugin.class.getName(), "--plugin", ScenarioOutcomes.class.getName(),
                    file.toString()}, getClass().getClassLoader());
        } finally {
            if (saved == null) {
                System.clearProperty("testbed.report.dir");
            } else {
                System.setProperty("testbed.report.dir", saved);
            }
        }
        for (Example e : toRun) {
            assertThat(ScenarioOutcomes.BY_NAME.get(e.name())).as("the example at %s (%s)", e.where(), e.name())
                    .isEqualTo("PASSED");
        }
    }

    /** The ```gherkin blocks of README.md and docs/*.md; each must be a complete scenario. */
    static List<Example> examples() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Example> out = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```gherkin")) {
                    continue;
                }
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).strip().equals("```")) {
                    text.append(lines.get(i)).append('\n');
                }
                String where = ROOT.relativize(doc) + ":" + start;
                String first = text.toString().strip().lines().findFirst().orElse("");
                assertThat(first).as("the example at %s must be a complete scenario that starts with 'Scenario:'", where)
                        .startsWith("Scenario: ");
                out.add(new Example(where, first.substring("Scenario: ".length()).strip(), steps(text.toString()),
                        text.toString().stripTrailing()));
            }
        }
        return out;
    }

    /**
     * The scenarios of the bundled features that CI's two Cucumber runs execute (the default suite: not
     * {@code @docker}, {@code @slow} or {@code @wip}; the docker run: {@code @docker} and not {@code @slow}), name
     * to steps: plain scenarios, and every row of a Scenario Outline's Examples with its placeholders filled in.
     */
    static Map<String, List<String>> bundledScenarios() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(BUNDLED)) {
            files = s.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f).stream().map(String::strip).toList();
            boolean featureExcluded = lines.stream().takeWhile(l -> !l.startsWith("Feature:"))
                    .anyMatch(DocExamplesTest::excludedTag);
            if (featureExcluded) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                boolean plain = l.startsWith("Scenario: ");
                if (!(plain || l.startsWith("Scenario Outline: ")) || (i > 0 && excludedTag(lines.get(i - 1)))) {
                    continue;
                }
                String name = l.substring(l.indexOf(':') + 1).strip();
                List<String> body = new ArrayList<>();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).startsWith("Scenario") && !lines.get(j).startsWith("@")
                        && !lines.get(j).startsWith("Examples:"); j++) {
                    body.add(lines.get(j));
                }
                List<String> steps = steps(String.join("\n", body));
                if (plain) {
                    out.put(name, steps);
                    continue;
                }
                // the outline's Examples blocks, each with its own tags, up to the next scenario
                while (j < lines.size() && !lines.get(j).startsWith("Scenario")) {
                    boolean rowsExcluded = false;
                    for (; j < lines.size() && lines.get(j).startsWith("@"); j++) {
                        rowsExcluded |= excludedTag(lines.get(j));
                    }
                    if (j >= lines.size() || !lines.get(j).startsWith("Examples:")) {
                        break;
                    }
                    j++;
                    while (j < lines.size() && !lines.get(j).startsWith("|")) {
                        j++;
                    }
                    List<String> header = j < lines.size() ? cells(lines.get(j++)) : List.of();
                    for (; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                        List<String> row = cells(lines.get(j));
                        if (rowsExcluded) {
                            continue;
                        }
                        String rowName = name;
                        List<String> rowSteps = new ArrayList<>(steps);
                        for (int c = 0; c < header.size() && c < row.size(); c++) {
                            String key = "<" + header.get(c) + ">";
                            String value = row.get(c);
                            rowName = rowName.replace(key, value);
                            rowSteps.replaceAll(step -> step.replace(key, value));
                        }
                        out.put(rowName, rowSteps);
                    }
                    while (j < lines.size() && lines.get(j).isEmpty()) {
                        j++;
                    }
                }
                i = j - 1;
            }
        }
        return out;
    }

    private static List<String> cells(String row) {
        String r = row.strip();
        return java.util.Arrays.stream(r.substring(1, r.length() - 1).split("\\|", -1)).map(String::strip).toList();
    }

    /** Tags CI's Cucumber runs leave out: @slow and @wip (the docker run executes the @docker rows). */
    private static boolean excludedTag(String line) {
        String l = line.strip();
        return l.startsWith("@") && (l.contains("@slow") || l.contains("@wip"));
    }

    private static List<String> steps(String text) {
        return text.lines().map(String::strip)
                .filter(l -> l.matches("^(Given|When|Then|And|But|\\|) .*") || l.startsWith("|")).toList();
    }
}
