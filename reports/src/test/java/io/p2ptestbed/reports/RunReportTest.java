package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    Path dir;

    static RunReport sample() {
        Instant start = Instant.parse("2025-01-02T03:04:05Z");
        return RunReport.of(42L, start, start.plusMillis(83_250), List.of(
                new ScenarioResult("Eclipse with IP limits", Verdict.PASS, "victim kept 12 honest routes",
                        Map.of("lookup_success", 0.998, "eclipse_share", 0.1)),
                new ScenarioResult("Eclipse without defence", Verdict.FAIL, "victim fully eclipsed after 40 s",
                        Map.of("lookup_success", 0.41)),
                new ScenarioResult("Churn", Verdict.UNKNOWN, "metric lookup_success missing", Map.of())),
                List.of(new Artefact(ArtefactKind.KEY_FRAME, "eclipse/frame-003.png", "Eclipse without defence", null)));
    }

    @Test
    void roundTripsThroughJson() {
        RunReport report = sample();
        Path file = report.write(dir.resolve(RunReport.FILE_NAME));
        RunReport back = RunReport.read(file);
        assertThat(back).isEqualTo(report);
        assertThat(back.runtime()).isEqualTo(Duration.ofMillis(83_250));
        assertThat(back.scenarioNames()).containsExactly("Eclipse with IP limits", "Eclipse without defence", "Churn");
        assertThat(back.overallVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(back.artefacts().get(0).title()).isEqualTo("frame-003.png");
    }

    @Test
    void jsonIsReadableByOtherTools() throws Exception {
        Path file = sample().write(dir.resolve("r.json"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        assertThat(json.get("started").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(json.get("runtime").asText()).isEqualTo("PT1M23.25S");
        assertThat(json.at("/scenarios/1/verdict").asText()).isEqualTo("FAIL");
        assertThat(json.at("/scenarios/0/metrics/lookup_success").asDouble()).isEqualTo(0.998);
        assertThat(json.at("/versions/java").asText()).startsWith(System.getProperty("java.version"));
    }

    @Test
    void detectsProjectAndLibraryVersions() {
        Versions v = Versions.detect();
        assertThat(v.project()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(v.libraries()).containsEntry("jackson-databind", "2.19.2").containsEntry("jgrapht-io", "1.5.2")
                .containsEntry("xchart", "3.8.8").containsKey("gs-core");
        assertThat(v.withLibrary("kademlia-impl", "1.2").libraries()).containsEntry("kademlia-impl", "1.2");
    }

    @Test
    void overallVerdictWithoutScenariosIsUnknown() {
        Instant now = Instant.now();
        assertThat(RunReport.of(1L, now, now, List.of(), List.of()).overallVerdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
