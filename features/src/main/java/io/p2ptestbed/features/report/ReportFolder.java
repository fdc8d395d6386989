package io.p2ptestbed.features.report;

import io.p2ptestbed.features.run.ScenarioRecord;
import io.p2ptestbed.reports.Artefact;
import io.p2ptestbed.reports.ArtefactKind;
import io.p2ptestbed.reports.GraphRenderer;
import io.p2ptestbed.reports.IndexPage;
import io.p2ptestbed.reports.RunReport;
import io.p2ptestbed.reports.ScenarioArtefacts;
import io.p2ptestbed.reports.ScenarioResult;
import io.p2ptestbed.reports.Verdict;
import io.p2ptestbed.reports.Versions;
import io.p2ptestbed.reports.ViewerPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a run's report folder from the finished test cases: per scenario its folder (see
 * {@link ScenarioFiles}), {@code run-report.json}, {@value RunManifest#FILE_NAME}, copies of the
 * feature files under {@value #FEATURES_DIR}/, and {@code index.html}. A scenario whose pictures
 * cannot be drawn still gets its verdict; the drawing error is added to its reason.
 */
public final class ReportFolder {

    public static final String FEATURES_DIR = "features";
    /** Graph exports run beside the (single-threaded) drawing. */
    static final int EXPORT_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));

    /** One finished test case and the record its hooks left (null if none). */
    public record Entry(CaseOutcome outcome, ScenarioRecord record) {}

    private ReportFolder() {}

    public static RunReport write(Path dir, Instant started, Instant finished, List<Entry> entries,
                                  Map<String, String> featureSources) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + dir, e);
        }
        List<String> names = reportNames(entries);
        Set<String> slugs = new HashSet<>();
        List<Artefact> artefacts = new ArrayList<>();
        List<ScenarioResult> results = new ArrayList<>();
        List<RunManifest.Scenario> manifest = new ArrayList<>();
        Map<String, String> copies = copyFeatures(dir, entries, featureSources);
        GraphRenderer renderer = new GraphRenderer();
        Exports exportPolicy = Exports.current();
        ViewerPage.writeAssets(dir);
        ExecutorService exports = Executors.newFixedThreadPool(EXPORT_THREADS, r -> {
            Thread t = new Thread(r, "testbed-report-export");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Artefact>>> data = new ArrayList<>();
            List<String> scenarioSlugs = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                ScenarioRecord r = entries.get(i).record();
                String name = names.get(i);
                String slug = uniqueSlug(name, slugs);
                scenarioSlugs.add(slug);
                boolean full = exportPolicy.full(Verdicts.of(entries.get(i).outcome().status()));
                data.add(r == null ? CompletableFuture.completedFuture(List.of())
                        : exports.submit(() -> ScenarioFiles.writeGraphData(dir, slug, name, r, full)));
            }
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                String name = names.get(i);
                String slug = scenarioSlugs.get(i);
                ScenarioRecord r = e.record();
                String problem = "";
                List<Artefact> own = new ArrayList<>();
                if (r != null) {
                    try {
                        own.addAll(ScenarioFiles.writePictures(dir, slug, name, r, renderer,
                                exportPolicy.full(Verdicts.of(e.outcome().status()))));
                    } catch (RuntimeException ex) {
                        problem = " [report: could not draw the frames: " + ex + "]";
                    }
                    try {
                        own.addAll(data.get(i).get());
                    } catch (ExecutionException ex) {
                        problem += " [report: could not export the graph: " + ex.getCause() + "]";
                    }
                    own.addAll(ScenarioFiles.writeDataFiles(dir, slug, name, r));
                }
                artefacts.addAll(own);
                CaseOutcome o = e.outcome();
                results.add(new ScenarioResult(name, Verdicts.of(o.status()), reason(o, r) + problem,
                        r == null ? Map.of() : r.metrics()));
                manifest.add(new RunManifest.Scenario(name, o.name(), o.uri(), o.line(), copies.get(o.uri()),
                        r == null ? null : r.runtime(), r == null ? null : r.seed(), o.status(),
                        own.isEmpty() ? null : slug));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the report", ex);
        } finally {
            exports.shutdownNow();
        }
        artefacts.add(new Artefact(ArtefactKind.OTHER, RunManifest.FILE_NAME, null, "replay manifest (feature files, lines, seeds)"));
        RunReport report = new RunReport(runSeed(entries), started, finished, null, results, Versions.detect(), artefacts);
        report.write(dir.resolve(RunReport.FILE_NAME));
        String glue = blankToNull(System.getProperty("testbed.glue"));
        new RunManifest(RunManifest.FORMAT, blankToNull(System.getProperty("testbed.runtime")), seedOverride(),
                glue == null ? List.of() : List.of(glue.split(",")), blankToNull(System.getProperty(BaselineFiles.PROPERTY)),
                manifest).write(dir);
        IndexPage.write(dir, report);
        return report;
    }

    /**
     * Short, factual reason shown beside the verdict: the failing step and error, or for passes the
     * duration; always where to reproduce it (seed, runtime, feature:line).
     */
    static String reason(CaseOutcome o, ScenarioRecord r) {
        String where = shortUri(o.uri()) + ":" + o.line();
        String how = r == null ? where : "seed " + r.seed() + ", " + r.runtime() + " runtime, " + where;
        String why = Verdicts.of(o.status()) == Verdict.PASS
                ? String.format(Locale.ROOT, "passed in %.1f s", o.durationMillis() / 1000.0)
                : o.message().isEmpty() ? o.status() : o.message();
        return why + " [" + how + "]";
    }

    /** The run's seed: the forced {@code testbed.seed}, else the one seed all scenarios shared, else null (per scenario). */
    static Long runSeed(List<Entry> entries) {
        Long forced = seedOverride();
        if (forced != null) {
            return forced;
        }
        Set<Long> seeds = new HashSet<>();
        entries.stream().filter(e -> e.record() != null).forEach(e -> seeds.add(e.record().seed()));
        return seeds.size() == 1 ? seeds.iterator().next() : null;
    }

    static Long seedOverride() {
        String s = System.getProperty("testbed.seed");
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Cucumber names, made unique: outline examples sharing a name get " (file.feature:LINE)". */
    static List<String> reportNames(List<Entry> entries) {
        Map<String, Integer> count = new HashMap<>();
        entries.forEach(e -> count.merge(e.outcome().name(), 1, Integer::sum));
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Entry e : entries) {
            String base = e.outcome().name().isBlank() ? "(unnamed scenario)" : e.outcome().name();
            String name = count.get(e.outcome().name()) > 1 ? base + " (" + shortUri(e.outcome().uri()) + ":" + e.outcome().line() + ")" : base;
            String unique = name;
            for (int i = 2; !used.add(unique); i++) {
                unique = name + " #" + i;
            }
            names.add(unique);
        }
        return names;
    }

    private static String uniqueSlug(String name, Set<String> used) {
        String base = ScenarioArtefacts.slug(name);
        if (base.length() > 80) {
            base = base.substring(0, 80).replaceAll("-+$", "");
        }
        String slug = base;
        for (int i = 2; used.contains(slug) || reserved(slug); i++) {
            slug = base + "-" + i;
        }
        used.add(slug);
        return slug;
    }

    private static boolean reserved(String slug) {
        return slug.equals("cucumber") || slug.equals(FEATURES_DIR) || slug.equals("render") || slug.equals(ViewerPage.ASSETS_DIR);
    }

    /** "classpath:io/p2ptestbed/suites/foundation/routing.feature" -> "foundation/routing.feature". */
    static String shortUri(String uri) {
        String path = uri.replaceFirst("^[a-z]+:", "");
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : path;
    }

    /** Copies the run's feature files into the report so a replay works even when they moved. */
    private static Map<String, String> copyFeatures(Path dir, List<Entry> entries, Map<String, String> sources) {
        Map<String, String> copies = new HashMap<>();
        Set<String> uris = new LinkedHashSet<>();
        entries.forEach(e -> uris.add(e.outcome().uri()));
        for (String uri : uris) {
            String source = sources.get(uri);
            if (source == null) {
                continue;
            }
            String rel = FEATURES_DIR + "/" + featurePath(uri);
            try {
                Path file = dir.resolve(rel);
                Files.createDirectories(file.getParent());
                Files.writeString(file, source, StandardCharsets.UTF_8);
                copies.put(uri, rel);
            } catch (IOException | RuntimeException ex) {
                // only the replay fallback is lost
            }
        }
        return copies;
    }

    private static String featurePath(String uri) {
        String path;
        try {
            URI u = URI.create(uri);
            path = u.getSchemeSpecificPart() != null ? u.getSchemeSpecificPart() : uri;
        } catch (IllegalArgumentException e) {
            path = uri;
        }
        String clean = path.replace('\\', '/').replaceAll("^/+", "").replace("../", "").replace(":", "_");
        return clean.isBlank() ? "feature.feature" : clean;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
