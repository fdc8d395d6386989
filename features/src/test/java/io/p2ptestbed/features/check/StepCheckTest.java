package io.p2ptestbed.features.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.core.cli.Main;
import io.p2ptestbed.features.testglue.RecorderSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt step fails its scenario before any step runs, and names the closest sentences. */
class StepCheckTest {

    private static final Set<String> LIBRARY = Set.of("a network of {int} nodes", "a {word} network of {int} nodes",
            "{int} random lookups run", "lookup success is at least {double}%", "the network has converged",
            "node {int} is called {string}");

    @Test
    void typosAndMissingWords_suggestTheIntendedSentenceFirst() {
        assertEquals("a network of {int} nodes", Suggestions.closest("a netwrok of 20 nodes", LIBRARY, 3).get(0));
        assertEquals("{int} random lookups run", Suggestions.closest("100 random lookup runs", LIBRARY, 3).get(0));
        assertEquals("node {int} is called {string}", Suggestions.closest("node 5 is named \"victim\"", LIBRARY, 3).get(0));
        assertEquals("lookup success is at least {double}%", Suggestions.closest("lookup success at least 95%", LIBRARY, 3).get(0));
        assertTrue(Suggestions.closest("the moon is made of cheese and always has been", LIBRARY, 3).isEmpty());
    }

    @Test
    void aMisspeltLastStep_failsTheScenarioBeforeItsFirstStepRuns(@TempDir Path dir) throws Exception {
        Path feature = dir.resolve("typo.feature");
        Files.writeString(feature, """
                Feature: typo
                  Scenario: expensive first, typo last
                    Given the recorder notes "first"
                    And a network of 20 nodes
                    Then lookup sucess is at least 95%
                """);
        RecorderSteps.RAN.clear();
        run(feature, false);
        assertEquals(List.of("first"), RecorderSteps.RAN, "plain Cucumber runs the steps before the undefined one");

        RecorderSteps.RAN.clear();
        byte withCheck = run(feature, true);
        assertNotEquals(0, withCheck, "the scenario fails (plain Cucumber's exit status passes an undefined step)");
        assertEquals(List.of(), RecorderSteps.RAN, "with the check no step of the scenario runs");
        List<StepCheck.Undefined> u = StepCheck.undefined();
        assertEquals(1, u.size(), u.toString());
        assertEquals(5, u.get(0).line());
        assertEquals("lookup success is at least {double}%", u.get(0).suggestions().get(0));
        assertTrue(u.get(0).describe().contains("typo.feature:5"), u.get(0).describe());
        assertTrue(u.get(0).describe().contains("Did you mean:"), u.get(0).describe());
    }

    private static byte run(Path feature, boolean check) {
        List<String> args = new ArrayList<>(List.of("--glue", "io.p2ptestbed.features.steps", "--glue",
                "io.p2ptestbed.features.testglue", "--monochrome", "--no-summary", "--plugin", "pretty"));
        if (check) {
            args.addAll(List.of("--plugin", StepCheckPlugin.class.getName()));
        }
        args.add(feature.toString());
        String quiet = System.getProperty("cucumber.publish.quiet");
        System.setProperty("cucumber.publish.quiet", "true");
        try {
            return Main.run(args.toArray(String[]::new), StepCheckTest.class.getClassLoader());
        } finally {
            if (quiet == null) {
                System.clearProperty("cucumber.publish.quiet");
            }
        }
    }
}
